package dev.lamgraph.engine.compile;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks the {@code state:} section: names, reducers fit types, defaults have the declared type. */
final class ChannelChecks {
  private ChannelChecks() {}

  static Map<String, Channel> check(WorkflowSpec spec, Problems problems) {
    Map<String, Channel> out = new LinkedHashMap<>();
    for (ChannelSpec c : spec.state().values()) {
      boolean ok = true;
      if (!c.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        problems.error(Codes.CHANNEL_NAME, c.pos(), "channel name '" + c.name()
            + "' must be an identifier ([A-Za-z_][A-Za-z0-9_]*) so expressions can read state." + c.name());
        ok = false;
      }
      if (!c.reducer().fits(c.type())) {
        problems.error(Codes.REDUCER_TYPE, c.pos(), "reducer '" + c.reducer().yamlName() + "' does not fit channel '"
            + c.name() + "' of type " + c.type().yamlName() + "; " + fitting(c.type()));
        ok = false;
      }
      if (c.items() != null && c.type() != ValueType.LIST) {
        problems.error(Codes.ITEMS_NOT_LIST, c.pos(), "channel '" + c.name() + "' declares 'items' but has type "
            + c.type().yamlName() + "; only list channels have items");
        ok = false;
      }
      if (c.hasDefault() && c.defaultValue() != null && !Channel.fits(c.type(), c.defaultValue())) {
        problems.error(Codes.DEFAULT_TYPE, c.pos(), "default of channel '" + c.name() + "' is "
            + ValueType.describe(c.defaultValue()) + ", expected " + c.type().yamlName());
        ok = false;
      } else if (c.type() == ValueType.MESSAGES && c.defaultValue() != null) {
        try {
          Messages.of(c.defaultValue());
        } catch (Messages.BadMessage e) {
          problems.error(Codes.DEFAULT_TYPE, c.pos(), "default of channel '" + c.name() + "' has " + e.getMessage()
              + ", expected chat messages");
          ok = false;
        }
      } else if (c.items() != null && c.defaultValue() instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          if (Channel.fits(c.items(), Channel.normalize(c.items(), l.get(i)))) continue;
          problems.error(Codes.DEFAULT_TYPE, c.pos(), "default of channel '" + c.name() + "' has item [" + i + "] of type "
              + ValueType.describe(l.get(i)) + ", expected " + c.items().yamlName() + " items");
          ok = false;
          break;
        }
      }
      if (ok) out.put(c.name(), new Channel(c));
    }
    return out;
  }

  private static String fitting(ValueType t) {
    StringBuilder sb = new StringBuilder("valid for " + t.yamlName() + ": replace");
    for (var r : ReducerKind.values()) {
      if (r != ReducerKind.REPLACE && r.fits(t)) sb.append(", ").append(r.yamlName());
    }
    return sb.toString();
  }
}
