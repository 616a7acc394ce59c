package dev.lamgraph.engine.node;

import java.util.Map;
import java.util.Optional;

/**
 * Stand-ins for a run's outside calls (tools, models), given to a run by whoever starts it (a
 * test runner: {@code lam test}) and seen by every node through {@link NodeContext#stubs()}. A
 * plugin that makes an outside call asks here first; a present answer replaces the call, so the
 * real tool or model is never reached. Nothing is process-wide: two runs in one process may have
 * different stubs. {@link #NONE} (the default) answers nothing, and every call is made.
 *
 * <pre>{@code
 * Optional<CallStubs.Answer> a = ctx.stubs().answer("tool", "send_mail", args);
 * if (a.isPresent()) return a.get().ok() ? ok(a.get().value()) : failed(a.get().kind(), a.get().message());
 * }</pre>
 */
@FunctionalInterface
public interface CallStubs {
  /** No stubs: every call is made. */
  CallStubs NONE = (kind, name, request) -> Optional.empty();

  /**
   * The stand-in answer for one call, or empty to make the real call.
   *
   * @param kind what is called: {@code tool} or {@code model}
   * @param name the tool's or model's name in the workflow
   * @param request the call as JSON-shaped values (a tool's arguments; a model's messages)
   */
  Optional<Answer> answer(String kind, String name, Map<String, Object> request);

  /**
   * A stubbed result: a value, or a failure of a kind ({@code FailureKinds} / a tool's
   * {@code error_kind}) with a message.
   */
  record Answer(Object value, String failureKind, String message) {
    public static Answer ok(Object value) {
      return new Answer(value, null, null);
    }

    public static Answer failed(String kind, String message) {
      return new Answer(null, kind, message);
    }

    public boolean ok() {
      return failureKind == null;
    }
  }
}
