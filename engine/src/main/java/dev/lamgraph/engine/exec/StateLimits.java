package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.util.JsonSize;
import dev.lamgraph.engine.util.Sizes;
import java.util.Map;

/**
 * The one-line reasons a value breaks {@code limits.max_channel_bytes} or
 * {@code limits.max_state_bytes}, shared by both executors (the step-by-step accounting of our
 * executor is {@link StateBudget}). Each method returns null when the value fits.
 *
 * <pre>{@code
 * String why = StateLimits.input(graph.limits(), input, Json.write(input).length(), "input");
 * }</pre>
 */
public final class StateLimits {
  private StateLimits() {}

  /** A run's input (or a fork's edits: {@code what}): each value within the channel limit, all within the state limit. */
  public static String input(LimitsSpec limits, Map<String, Object> values, long jsonSize, String what) {
    if (jsonSize > limits.maxStateBytes()) {
      return "the " + what + " is " + jsonSize + " bytes of JSON, over limits.max_state_bytes (" + Sizes.human(limits.maxStateBytes()) + ")";
    }
    for (var e : values.entrySet()) {
      long n = JsonSize.of(e.getValue());
      if (n > limits.maxChannelBytes()) {
        return what + " '" + e.getKey() + "' is " + n + " bytes of JSON, over limits.max_channel_bytes ("
            + Sizes.human(limits.maxChannelBytes()) + ")";
      }
    }
    return null;
  }

  /** One update a node returns for a channel. */
  public static String update(LimitsSpec limits, String channel, Object value) {
    long n = JsonSize.of(value);
    return n <= limits.maxChannelBytes() ? null : channelOver(limits, channel, n);
  }

  /** The whole state, measured exactly (for executors that copy the state every step anyway). */
  public static String state(LimitsSpec limits, Map<String, Object> state, long step) {
    long total = 0;
    for (var e : state.entrySet()) {
      long n = JsonSize.of(e.getValue());
      if (n > limits.maxChannelBytes()) return channelOver(limits, e.getKey(), n);
      total += n;
    }
    return total <= limits.maxStateBytes() ? null : stateOver(limits, total, step);
  }

  /** The failure names the node that wrote it. */
  static String channelOver(LimitsSpec limits, String channel, long bytes) {
    return "channel '" + channel + "' would hold " + bytes + " bytes of JSON, over limits.max_channel_bytes (" + Sizes.human(limits.maxChannelBytes()) + ")";
  }

  static String stateOver(LimitsSpec limits, long bytes, long step) {
    return "the state would hold " + bytes + " bytes of JSON after step " + step + ", over limits.max_state_bytes ("
        + Sizes.human(limits.maxStateBytes()) + ")";
  }
}
