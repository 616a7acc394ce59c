package dev.lamgraph.engine.expr;

import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.lamgraph.engine.spec.OutputShape;
import dev.lamgraph.engine.spec.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL types of declared node output shapes ({@link OutputShape}): a JSON Schema object with
 * {@code properties} becomes a struct {@code lamgraph.<Name>} (nested objects {@code <Name><Prop>}),
 * an array a list of its items, a scalar a CEL scalar, anything else {@code dyn} (or a map).
 */
final class ShapeTypes {
  static final String PREFIX = "lamgraph.";
  /** Every struct made here, by full name. */
  final Map<String, StructType> structs = new LinkedHashMap<>();
  /** The field names of every struct, by full name (for messages). */
  final Map<String, List<String>> fieldNames = new LinkedHashMap<>();
  /** The struct a shaped channel holds (or holds a list of), by channel name. */
  final Map<String, String> channelStruct = new LinkedHashMap<>();

  /** The CEL type of a channel of type {@code type} written under {@code shape}. */
  CelType channel(String channel, ValueType type, OutputShape shape) {
    CelType t = of(shape.name(), shape.schema());
    if (type == ValueType.LIST && !shape.isList()) t = ListType.create(t);
    CelType item = t instanceof ListType l ? l.elemType() : t;
    if (item instanceof StructType s) channelStruct.put(channel, s.name());
    return t;
  }

  private CelType of(String name, Map<?, ?> schema) {
    Object type = schema.get("type");
    if ("array".equals(type)) {
      return ListType.create(schema.get("items") instanceof Map<?, ?> items ? of(name, items) : SimpleType.DYN);
    }
    if ("object".equals(type)) {
      if (!(schema.get("properties") instanceof Map<?, ?> props) || props.isEmpty()) {
        return MapType.create(SimpleType.STRING, SimpleType.DYN);
      }
      String full = PREFIX + name;
      StructType existing = structs.get(full);
      if (existing != null) return existing;
      Map<String, CelType> fields = new LinkedHashMap<>();
      props.forEach((k, v) -> fields.put(String.valueOf(k), v instanceof Map<?, ?> m ? of(name + capital(String.valueOf(k)), m)
          : SimpleType.DYN));
      StructType st = StructType.create(full, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(fields.get(f)));
      structs.put(full, st);
      fieldNames.put(full, fields.keySet().stream().sorted().toList());
      return st;
    }
    if ("string".equals(type)) return SimpleType.STRING;
    if ("boolean".equals(type)) return SimpleType.BOOL;
    if ("integer".equals(type)) return SimpleType.INT;
    if ("number".equals(type)) return SimpleType.DOUBLE;
    return SimpleType.DYN;
  }

  private static String capital(String s) {
    StringBuilder b = new StringBuilder();
    for (String part : s.split("_")) {
      if (!part.isEmpty()) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }
}
