package dev.lamgraph.server.a2a;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.workflows.ServedWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The served workflows as A2A agents (v0.3, JSON-RPC): the agent card at {@code
 * /.well-known/agent-card.json?assistant_id=GRAPH} and {@code /a2a/GRAPH/.well-known/agent-card.json},
 * and the JSON-RPC endpoint {@code POST /a2a/GRAPH} with {@code message/send}, {@code
 * message/stream} (SSE), {@code tasks/get}, {@code tasks/cancel} and {@code tasks/resubscribe} (SSE:
 * the task's current run from its first event). Every error is a JSON-RPC
 * error (HTTP 200), never a stack trace; the token and body limit are the server's. The same
 * endpoint answers A2A v1.0's method names in v1.0's shapes ({@link V1Json}).
 */
public final class A2aRoutes implements ServerRoutes {
  /** How long a blocking {@code message/send} waits before answering with the working task. */
  static final long SEND_WAIT_SECONDS = 600;

  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    A2aTasks tasks = new A2aTasks(ctx);
    routes.get("/.well-known/agent-card.json", c -> card(c, ctx, c.queryParam("assistant_id")));
    routes.get("/a2a/{graph}/.well-known/agent-card.json", c -> card(c, ctx, c.pathParam("graph")));
    routes.post("/a2a/{graph}", c -> rpc(c, ctx, tasks));
  }

  private static void card(Context c, ServerContext ctx, String id) {
    Http.json(c, ctx, AgentCards.card(ctx, AgentCards.find(ctx, id), baseUrl(c)));
  }

  static String baseUrl(Context c) {
    String host = c.header("Host");
    return c.scheme() + "://" + (host == null ? c.host() : host);
  }

  private static void rpc(Context c, ServerContext ctx, A2aTasks tasks) {
    Object id = null;
    try {
      Map<String, Object> req = request(c.body());
      id = req.get("id");
      ServedWorkflow w;
      try {
        w = AgentCards.find(ctx, c.pathParam("graph"));
      } catch (ApiException e) {
        throw new RpcError(RpcError.INVALID_REQUEST, e.getMessage());
      }
      String method = (String) req.get("method");
      Map<String, Object> params = params(req);
      boolean v1 = V1Json.METHODS.containsKey(method);
      if (v1) {
        method = V1Json.METHODS.get(method);
        params = V1Json.params(params);
      }
      switch (method) {
        case "message/send" -> result(c, ctx, id, v1, method, send(ctx, tasks, w, params));
        case "message/stream" -> {
          A2aTask t = tasks.send(w, Messages.check(params));
          new TaskStream(ctx, t, id, Messages.historyLength((Map<?, ?>) params.get("configuration")), v1).write(c);
        }
        case "tasks/get" -> {
          A2aTask t = task(tasks, params);
          result(c, ctx, id, v1, method, t.json(ctx, Messages.historyLength(params)));
        }
        case "tasks/resubscribe" -> new TaskStream(ctx, task(tasks, params), id, null, v1).write(c);
        case "tasks/cancel" -> result(c, ctx, id, v1, method, tasks.cancel(taskId(params)).json(ctx, null));
        default -> throw new RpcError(RpcError.METHOD_NOT_FOUND, "method '" + method
            + "' is not supported here (message/send, message/stream, tasks/get, tasks/cancel, tasks/resubscribe)");
      }
    } catch (RpcError e) {
      Http.json(c, ctx, 200, e.response(id));
    } catch (HttpResponseException e) {
      throw e;
    } catch (ApiException e) {
      Http.json(c, ctx, 200, A2aTasks.fromApi(e).response(id));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Http.json(c, ctx, 200, new RpcError(RpcError.INTERNAL, "the server is stopping").response(id));
    } catch (RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
      Http.json(c, ctx, 200, new RpcError(RpcError.INTERNAL, "internal error: " + m).response(id));
    }
  }

  private static Map<String, Object> send(ServerContext ctx, A2aTasks tasks, ServedWorkflow w, Map<String, Object> params)
      throws InterruptedException {
    Map<String, Object> message = Messages.check(params);
    Integer history = Messages.historyLength((Map<?, ?>) params.get("configuration"));
    A2aTask t = tasks.send(w, message);
    if (Messages.blocking(params)) {
      try {
        t.run().outcome().get(SEND_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // answered with the task as it is (tasks/get follows it)
      }
    }
    return t.json(ctx, history);
  }

  private static A2aTask task(A2aTasks tasks, Map<String, Object> params) {
    String id = taskId(params);
    return tasks.get(id).orElseThrow(() -> tasks.notFound(id));
  }

  private static String taskId(Map<String, Object> params) {
    if (!(params.get("id") instanceof String s) || s.isBlank()) throw RpcError.params("params.id must be a task id (a string)");
    return s;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> request(String body) {
    Object v;
    try {
      v = Json.MAPPER.readValue(body, Object.class);
    } catch (Exception e) {
      throw new RpcError(RpcError.PARSE, "the request body is not valid JSON");
    }
    if (!(v instanceof Map<?, ?> m)) throw new RpcError(RpcError.INVALID_REQUEST, "the request must be one JSON-RPC 2.0 request object (no batches)");
    Map<String, Object> req = (Map<String, Object>) m;
    Object id = req.get("id");
    if (id != null && !(id instanceof String) && !(id instanceof Number)) {
      throw new RpcError(RpcError.INVALID_REQUEST, "id must be a string, a number or null");
    }
    if (!"2.0".equals(req.get("jsonrpc"))) throw new RpcError(RpcError.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
    if (!(req.get("method") instanceof String)) throw new RpcError(RpcError.INVALID_REQUEST, "method must be a string");
    return req;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> params(Map<String, Object> req) {
    Object p = req.get("params");
    if (p == null) return new LinkedHashMap<>();
    if (p instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw RpcError.params("params must be an object");
  }

  static void result(Context c, ServerContext ctx, Object id, boolean v1, String method, Object result) {
    if (v1) result = V1Json.result(method, result);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("jsonrpc", "2.0");
    r.put("id", id);
    r.put("result", result);
    Http.json(c, ctx, 200, r);
  }
}
