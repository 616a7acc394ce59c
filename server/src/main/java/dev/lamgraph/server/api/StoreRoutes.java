package dev.lamgraph.server.api;

import dev.lamgraph.engine.store.ItemStore;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.StoreItem;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.server.Http;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.ServerRoutes;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.StoreJson;
import dev.lamgraph.server.langgraph.StoreSearch;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LangGraph's key-value store for long-term memory, kept in the server's store ({@link
 * dev.lamgraph.engine.store.CheckpointStore#items}): {@code PUT/GET/DELETE /store/items}, {@code
 * POST /store/items/search}, {@code POST /store/namespaces}. A namespace is a list of labels, none
 * empty or holding a {@code '.'} (GET takes it joined with dots); a value is a JSON object; {@code
 * ttl} is in minutes, and reads refresh it unless {@code refresh_ttl} is false. {@code index} is
 * accepted and not used: a search's {@code query} is a text match ({@link StoreJson#score}); a search
 * walks the store a page at a time ({@link StoreSearch}).
 */
public final class StoreRoutes implements ServerRoutes {
  /** The largest {@code limit} a search or listing takes. */
  static final int MAX_LIMIT = 1000;

  @Override
  public void register(RoutesConfig routes, ServerContext ctx) {
    routes.put("/store/items", c -> put(c, ctx));
    routes.get("/store/items", c -> get(c, ctx));
    routes.delete("/store/items", c -> {
      Map<String, Object> b = Http.body(c);
      items(ctx).delete(namespace(b, "namespace", false), key(b.get("key")));
      c.status(204);
    });
    routes.post("/store/items/search", c -> search(c, ctx));
    routes.post("/store/namespaces", c -> namespaces(c, ctx));
  }

  private static void put(Context c, ServerContext ctx) {
    Map<String, Object> b = Http.body(c);
    List<String> ns = namespace(b, "namespace", false);
    String key = key(b.get("key"));
    if (!(b.get("value") instanceof Map<?, ?> value)) throw ApiException.invalid("value must be a JSON object");
    Object index = b.get("index");
    if (!(index == null || Boolean.FALSE.equals(index) || index instanceof List<?> l && l.stream().allMatch(x -> x instanceof String))) {
      throw ApiException.invalid("index must be false or a list of field paths");
    }
    Duration ttl = null;
    Object t = b.get("ttl");
    if (t != null) {
      if (!(t instanceof Number n) || !(n.doubleValue() > 0) || n.doubleValue() > 60L * 24 * 365 * 100) {
        throw ApiException.invalid("ttl must be a positive number of minutes");
      }
      ttl = Duration.ofMillis(Math.max(1, Math.round(n.doubleValue() * 60_000)));
    }
    items(ctx).put(ns, key, Json.write(value), ttl, ctx.clock().instant());
    c.status(204);
  }

  private static void get(Context c, ServerContext ctx) {
    String path = c.queryParam("namespace");
    List<String> ns = path == null || path.isEmpty() ? List.of() : List.of(path.split("\\.", -1));
    checkLabels(ns, "namespace", false);
    String key = key(c.queryParam("key"));
    Instant now = ctx.clock().instant();
    StoreItem item = items(ctx).get(ns, key, now).orElse(null);
    if (item != null && refresh(c.queryParam("refresh_ttl"))) refresh(ctx, item, now);
    Http.json(c, ctx, item == null ? null : StoreJson.item(item, null));
  }

  private static void search(Context c, ServerContext ctx) {
    Map<String, Object> b = Http.body(c);
    List<String> prefix = namespace(b, "namespace_prefix", true);
    Map<String, Object> filter = Http.object(b, "filter");
    StoreJson.checkFilter(filter);
    int limit = limit(b, 10);
    int offset = Http.integer(b, "offset", 0);
    String query = Http.string(b, "query");
    Object r = b.get("refresh_ttl");
    if (r != null && !(r instanceof Boolean)) throw ApiException.invalid("refresh_ttl must be true or false");
    Instant now = ctx.clock().instant();
    List<Map<String, Object>> items = new ArrayList<>();
    for (StoreSearch.Hit h : StoreSearch.run(items(ctx), prefix, now, filter, query, offset, limit)) {
      if (!Boolean.FALSE.equals(r)) refresh(ctx, h.item(), now);
      items.add(StoreJson.item(h.item(), h.score()));
    }
    Http.json(c, ctx, Map.of("items", items));
  }

  private static void namespaces(Context c, ServerContext ctx) {
    Map<String, Object> b = Http.body(c);
    List<String> prefix = namespace(b, "prefix", true);
    List<String> suffix = namespace(b, "suffix", true);
    Integer depth = null;
    if (b.get("max_depth") != null) {
      depth = Http.integer(b, "max_depth", 0);
      if (depth < 1) throw ApiException.invalid("max_depth must be a positive integer");
    }
    List<List<String>> all = items(ctx).namespaces(ctx.clock().instant());
    Http.json(c, ctx, Map.of("namespaces", StoreJson.namespaces(all, prefix, suffix, depth, Http.integer(b, "offset", 0), limit(b, 100))));
  }

  /** The store's items; 501 for a store that keeps none (a plugin's). */
  private static ItemStore items(ServerContext ctx) {
    try {
      return ctx.store().items();
    } catch (StoreException e) {
      throw new ApiException(501, e.getMessage());
    }
  }

  private static void refresh(ServerContext ctx, StoreItem item, Instant now) {
    if (item.ttl() != null) items(ctx).expireAt(item.namespace(), item.key(), now.plus(item.ttl()));
  }

  private static boolean refresh(String param) {
    if (param == null || param.isBlank()) return true;
    return switch (param.strip().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.invalid("refresh_ttl must be true or false, not '" + param + "'");
    };
  }

  private static int limit(Map<String, Object> b, int dflt) {
    int limit = Http.integer(b, "limit", dflt);
    if (limit > MAX_LIMIT) throw ApiException.invalid("limit must be at most " + MAX_LIMIT);
    return limit;
  }

  /** A namespace field: a list of labels; {@code optional} lets it be absent or empty (a prefix), and allows {@code *}. */
  private static List<String> namespace(Map<String, Object> b, String field, boolean optional) {
    Object v = b.get(field);
    if (v == null && optional) return List.of();
    if (!(v instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof String)) {
      throw ApiException.invalid(field + " must be a list of strings");
    }
    List<String> ns = l.stream().map(String.class::cast).toList();
    checkLabels(ns, field, optional);
    return ns;
  }

  private static void checkLabels(List<String> ns, String field, boolean mayBeEmpty) {
    if (ns.isEmpty() && !mayBeEmpty) throw ApiException.invalid(field + " is required: a list of one or more labels");
    try {
      ItemStore.checkNamespace(ns);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field + ": " + e.getMessage());
    }
  }

  private static String key(Object key) {
    if (!(key instanceof String k) || k.isEmpty()) throw ApiException.invalid("key is required: a non-empty string");
    return k;
  }
}
