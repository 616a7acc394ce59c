package dev.lamgraph.server.runs;

import dev.lamgraph.server.langgraph.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's request body in LangGraph's fields: {@code assistant_id} (or a graph name), {@code input},
 * {@code command {resume, update, goto}} (goto: node names the run goes to next, see {@code Planner}), {@code config}, {@code metadata}, {@code checkpoint} /
 * {@code checkpoint_id} (start from a past checkpoint), {@code interrupt_before/after}, {@code
 * stream_mode}, {@code stream_subgraphs} (a subgraph node's steps stream too, as {@code MODE|NS} events), {@code
 * multitask_strategy}, {@code if_not_exists}, {@code on_completion}, {@code webhook} (a URL the run is POSTed to
 * when it ends; checked by the server's {@code WebhookPolicy} when the run is created),
 * {@code on_disconnect} ({@code cancel}: the run is cancelled when the client of the request that
 * created and streams it goes away, as the SDK's {@code useStream} asks unless its stream is resumable;
 * default {@code continue}).
 */
public record RunRequest(String assistantId, Map<String, Object> input, boolean hasCommand, Object resume,
    Map<String, Object> update, Map<String, Object> config, Map<String, Object> metadata, String checkpointId,
    List<String> interruptBefore, List<String> interruptAfter, List<String> streamModes, String multitaskStrategy,
    String ifNotExists, String onCompletion, List<String> gotoNodes, String webhook, boolean cancelOnDisconnect,
    boolean streamSubgraphs) {
  private static final Set<String> STRATEGIES = Set.of("reject", "enqueue", "interrupt", "rollback");

  @SuppressWarnings("unchecked")
  public static RunRequest parse(Map<String, Object> b, boolean stateless) {
    String assistant = str(b, "assistant_id");
    Object in = b.get("input");
    if (in != null && !(in instanceof Map)) throw ApiException.invalid("input must be a JSON object (channel: value)");
    Map<String, Object> input = in == null ? null : new LinkedHashMap<>((Map<String, Object>) in);
    Map<String, Object> command = obj(b, "command");
    boolean hasCommand = b.get("command") != null;
    List<String> gotoNodes = gotoNodes(command.get("goto"));
    if (gotoNodes != null && command.get("resume") != null) {
      throw ApiException.invalid("command.goto with command.resume is not supported: a paused node's answer runs that node,"
          + " and goto skips it; send goto (with command.update for the state) alone");
    }
    Object upd = command.get("update");
    if (upd != null && !(upd instanceof Map)) throw ApiException.invalid("command.update must be a JSON object (channel: value)");
    Map<String, Object> config = obj(b, "config");
    String checkpointId = str(b, "checkpoint_id");
    Map<String, Object> cp = obj(b, "checkpoint");
    if (checkpointId == null && cp.get("checkpoint_id") instanceof String s) checkpointId = s;
    if (checkpointId == null && config.get("configurable") instanceof Map<?, ?> c && c.get("checkpoint_id") instanceof String s) {
      checkpointId = s;
    }
    String strategy = str(b, "multitask_strategy");
    if (strategy == null) strategy = "reject";
    if (!STRATEGIES.contains(strategy)) throw ApiException.invalid("multitask_strategy must be one of reject, enqueue, interrupt, rollback");
    String ifNotExists = str(b, "if_not_exists");
    if (ifNotExists == null) ifNotExists = "reject";
    if (!ifNotExists.equals("reject") && !ifNotExists.equals("create")) throw ApiException.invalid("if_not_exists must be reject or create");
    String onCompletion = str(b, "on_completion");
    if (onCompletion == null) onCompletion = stateless ? "delete" : "keep";
    String onDisconnect = str(b, "on_disconnect");
    if (onDisconnect != null && !onDisconnect.equals("cancel") && !onDisconnect.equals("continue")) {
      throw ApiException.invalid("on_disconnect must be cancel or continue");
    }
    List<String> modes = strings(b, "stream_mode");
    if (modes.isEmpty()) modes = List.of("values");
    return new RunRequest(assistant, input, hasCommand, command.get("resume"), upd == null ? null : (Map<String, Object>) upd,
        config, obj(b, "metadata"), checkpointId, strings(b, "interrupt_before"), strings(b, "interrupt_after"), modes, strategy,
        ifNotExists, onCompletion, gotoNodes, str(b, "webhook"), "cancel".equals(onDisconnect), bool(b, "stream_subgraphs"));
  }

  private static boolean bool(Map<String, Object> b, String k) {
    Object v = b.get(k);
    if (v == null) return false;
    if (v instanceof Boolean x) return x;
    throw ApiException.invalid(k + " must be true or false");
  }

  /** command.goto as node names (a name or a list of names); null without one. Sends are refused. */
  private static List<String> gotoNodes(Object v) {
    if (v == null) return null;
    List<String> out = new ArrayList<>();
    for (Object o : v instanceof List<?> l ? l : List.of(v)) {
      if (!(o instanceof String s)) {
        throw ApiException.invalid("command.goto must be a node name or a list of node names (Send objects are not"
            + " supported: a lamgraph node reads the whole state)");
      }
      out.add(s);
    }
    if (out.isEmpty()) throw ApiException.invalid("command.goto names no node");
    return List.copyOf(out);
  }

  private static String str(Map<String, Object> b, String k) {
    Object v = b.get(k);
    if (v == null) return null;
    if (v instanceof String s) return s;
    throw ApiException.invalid(k + " must be a string");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Map<String, Object> b, String k) {
    Object v = b.get(k);
    if (v == null) return new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw ApiException.invalid(k + " must be an object");
  }

  private static List<String> strings(Map<String, Object> b, String k) {
    Object v = b.get(k);
    if (v == null) return List.of();
    if (v instanceof String s) return List.of(s);
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof String s)) throw ApiException.invalid(k + " must be a string or a list of strings");
        out.add(s);
      }
      return out;
    }
    throw ApiException.invalid(k + " must be a string or a list of strings");
  }

  /** This request with {@code webhook} instead of its own (null: none). */
  public RunRequest withWebhook(String url) {
    return new RunRequest(assistantId, input, hasCommand, resume, update, config, metadata, checkpointId, interruptBefore,
        interruptAfter, streamModes, multitaskStrategy, ifNotExists, onCompletion, gotoNodes, url, cancelOnDisconnect, streamSubgraphs);
  }

  /** The kwargs echoed in the run object. */
  public Map<String, Object> kwargs() {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("input", input);
    k.put("command", hasCommand ? Map.of("resume", String.valueOf(resume), "update", update == null ? Map.of() : update) : null);
    k.put("config", config);
    k.put("stream_mode", streamModes);
    k.put("interrupt_before", interruptBefore);
    k.put("interrupt_after", interruptAfter);
    k.put("checkpoint_id", checkpointId);
    k.put("webhook", webhook);
    k.put("subgraphs", streamSubgraphs);
    return k;
  }
}
