package dev.lamgraph.nodes.model;

/**
 * A model call that failed, with a stable {@link #kind()} (what retry policies and routes match
 * on) and a one-line message that names the model and never contains a secret.
 *
 * <pre>{@code
 * catch (ModelException e) { if (e.retryable()) ...; else throw new NodeFailure(e.kind(), e.getMessage()); }
 * }</pre>
 */
public class ModelException extends Exception {
  /** 429 from the provider. */
  public static final String RATE_LIMITED = "rate_limited";
  /** 5xx from the provider. */
  public static final String SERVER_ERROR = "server_error";
  public static final String TIMEOUT = "timeout";
  /** 401/403: a wrong or missing key. */
  public static final String AUTH = "auth_error";
  /** Other 4xx: the provider refused the request (unknown model, bad parameters). */
  public static final String INVALID_REQUEST = "invalid_request";
  /** The provider's answer could not be read (not JSON, wrong shape), or the connection failed. */
  public static final String BAD_RESPONSE = "bad_response";
  /** A replay file has no answer for the request. */
  public static final String NOT_RECORDED = "not_recorded";
  /** The model needs an environment variable (key, server URL) that is not set; the message names it. */
  public static final String MISSING_ENV = "missing_env";

  private final String kind;

  public ModelException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ModelException(String kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }

  /** Worth another try with backoff: rate limits and server errors. */
  public boolean retryable() {
    return RATE_LIMITED.equals(kind) || SERVER_ERROR.equals(kind);
  }
}
