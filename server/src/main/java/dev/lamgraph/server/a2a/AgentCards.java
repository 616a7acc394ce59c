package dev.lamgraph.server.a2a;

import dev.lamgraph.engine.compile.Channel;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.server.ServerContext;
import dev.lamgraph.server.langgraph.ApiException;
import dev.lamgraph.server.langgraph.Ids;
import dev.lamgraph.server.workflows.ServedWorkflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A served workflow as an A2A v0.3 agent card: name and description from the workflow, one skill
 * whose description lists the inputs (the channels a DataPart may set, and where a TextPart goes),
 * the JSON-RPC endpoint {@code BASE/a2a/{graph}}, streaming, and the bearer scheme when the server
 * has a token.
 */
public final class AgentCards {
  /** The protocol version this server speaks. */
  public static final String PROTOCOL_VERSION = "0.3.0";

  private AgentCards() {}

  /** The workflow named by {@code id}: its name or its LangGraph assistant id; 404 otherwise. */
  public static ServedWorkflow find(ServerContext ctx, String id) {
    if (id == null || id.isBlank()) {
      List<ServedWorkflow> all = ctx.registry().all();
      if (all.size() == 1) return all.get(0);
      throw new ApiException(400, "assistant_id is required: one of " + String.join(", ", all.stream().map(ServedWorkflow::name).toList()));
    }
    return ctx.registry().get(id).or(() -> ctx.registry().all().stream().filter(w -> Ids.assistantId(w.name()).equals(id)).findFirst())
        .orElseThrow(() -> ApiException.notFound("no workflow '" + id + "' is served"));
  }

  public static Map<String, Object> card(ServerContext ctx, ServedWorkflow w, String baseUrl) {
    Map<String, Object> card = new LinkedHashMap<>();
    String url = baseUrl + "/a2a/" + w.name();
    CompiledGraph g = w.graph();
    String description = g == null || g.spec().description() == null ? "The lamgraph workflow " + w.name() + "."
        : g.spec().description().strip();
    card.put("protocolVersion", PROTOCOL_VERSION);
    card.put("name", w.name());
    card.put("description", description);
    card.put("url", url);
    card.put("preferredTransport", "JSONRPC");
    card.put("additionalInterfaces", List.of(Map.of("url", url, "transport", "JSONRPC")));
    // A2A 1.0 clients pick an interface here (1.0 first); 0.3 clients read url and preferredTransport
    card.put("supportedInterfaces", List.of(Map.of("url", url, "protocolBinding", "JSONRPC", "protocolVersion", "1.0"),
        Map.of("url", url, "protocolBinding", "JSONRPC", "protocolVersion", "0.3")));
    card.put("provider", Map.of("organization", "lamgraph", "url", baseUrl));
    card.put("version", String.valueOf(Math.max(1, w.version())));
    Map<String, Object> caps = new LinkedHashMap<>();
    caps.put("streaming", true);
    caps.put("pushNotifications", false);
    caps.put("stateTransitionHistory", false);
    card.put("capabilities", caps);
    if (ctx.options().token() != null) {
      card.put("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
          "description", "the token lam serve was started with (--token / LAM_SERVE_TOKEN)")));
      card.put("security", List.of(Map.of("bearer", List.of())));
    }
    List<String> in = g != null && Inputs.textChannel(g) != null ? List.of("application/json", "text/plain") : List.of("application/json");
    card.put("defaultInputModes", in);
    card.put("defaultOutputModes", List.of("application/json", "text/plain"));
    Map<String, Object> skill = new LinkedHashMap<>();
    skill.put("id", w.name());
    skill.put("name", w.name());
    skill.put("description", description + (g == null ? "" : " " + inputs(g)));
    skill.put("tags", List.of("lamgraph", "workflow"));
    skill.put("inputModes", in);
    skill.put("outputModes", List.of("application/json", "text/plain"));
    card.put("skills", List.of(skill));
    card.put("supportsAuthenticatedExtendedCard", false);
    return card;
  }

  /** "Inputs (a DataPart object): a (integer), b (list, appended). A TextPart goes to c." */
  static String inputs(CompiledGraph g) {
    List<String> parts = new ArrayList<>();
    for (Channel c : g.channels().values()) {
      String type = c.type().yamlName() + (c.spec().items() == null || c.spec().items().yamlName().equals("any") ? ""
          : " of " + c.spec().items().yamlName());
      String d = c.spec().description() == null || c.spec().description().isBlank() ? "" : ": " + c.spec().description().strip();
      parts.add(c.name() + " (" + type + d + ")");
    }
    String text = Inputs.textChannel(g);
    return "Inputs (a DataPart object, every field optional): " + String.join(", ", parts) + "."
        + (text == null ? " TextParts are not accepted: send a DataPart." : " A TextPart goes to " + text + ".");
  }
}
