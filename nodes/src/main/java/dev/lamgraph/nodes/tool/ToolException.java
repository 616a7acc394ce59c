package dev.lamgraph.nodes.tool;

/**
 * A tool failure with a message fit for a model or a person to read (no stack trace). Its
 * {@link #kind()} becomes the observation's {@code error_kind}, so a graph can route on it.
 *
 * <pre>{@code
 * throw ToolException.refused("host 'evil.example' is not in allow_hosts of tool 'weather'; allowed: api.weather.test");
 * }</pre>
 */
public class ToolException extends Exception {
  /** A security rule refused the call (allow-lists, path confinement, read-only SQL). */
  public static final String REFUSED = "refused";
  /** The result exceeded a size limit. */
  public static final String TOO_LARGE = "too_large";
  /** The tool ran past its timeout. */
  public static final String TIMEOUT = "timeout";

  private final String kind;

  public ToolException(String message) {
    this("error", message, null);
  }

  public ToolException(String message, Throwable cause) {
    this("error", message, cause);
  }

  private ToolException(String kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** A failure of the given kind ({@code error}, {@code refused}, {@code http_status}, {@code exit_status}...). */
  public static ToolException of(String kind, String message) {
    return new ToolException(kind, message, null);
  }

  public static ToolException refused(String message) {
    return new ToolException(REFUSED, message, null);
  }

  /** The observation's {@code error_kind}: [a-z_]+, {@code error} unless a connector says more. */
  public String kind() {
    return kind;
  }
}
