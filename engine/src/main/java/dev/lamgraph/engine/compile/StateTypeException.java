package dev.lamgraph.engine.compile;

/** A node wrote a value of the wrong type to a channel. */
public final class StateTypeException extends Exception {
  private final String node;
  private final String channel;

  public StateTypeException(String node, String channel, String expected, String actual) {
    super("node '" + node + "' wrote " + actual + " to channel '" + channel + "', which expects " + expected);
    this.node = node;
    this.channel = channel;
  }

  public String node() {
    return node;
  }

  public String channel() {
    return channel;
  }
}
