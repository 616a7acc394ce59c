package dev.lamgraph.mcpserver;

import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Redactor;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MCP resources: per workflow its YAML ({@code lam://workflows/TOOL.yaml}) and Mermaid
 * diagram ({@code lam://workflows/TOOL.mmd}); per thread (templates) its state at the latest
 * step ({@code lam://threads/{id}/state}, the JSON of {@code lam_result}) and trace
 * ({@code lam://threads/{id}/trace}, the events as JSON lines, as {@code lam trace --json}).
 * Everything is masked for secrets; an unknown thread is a resource-not-found error.
 */
final class Resources {
  static final String STATE = "lam://threads/{id}/state";
  static final String TRACE = "lam://threads/{id}/trace";
  private static final Pattern THREAD_URI = Pattern.compile("lam://threads/([^/]+)/(state|trace)");

  private Resources() {}

  static List<SyncResourceSpecification> workflows(WorkflowSet set, Redactor redactor) {
    List<SyncResourceSpecification> out = new ArrayList<>();
    for (WorkflowSet.Entry e : set.entries()) out.addAll(workflow(e, redactor));
    return out;
  }

  /** The YAML and the diagram of one workflow. */
  static List<SyncResourceSpecification> workflow(WorkflowSet.Entry e, Redactor redactor) {
    return List.of(
        text(uri(e, ".yaml"), e.name() + " (YAML)", "The workflow file " + e.file().getFileName() + " of tool " + e.tool(),
            "application/yaml", redactor.redact(e.source())),
        text(uri(e, ".mmd"), e.name() + " (diagram)", "The workflow as a Mermaid flowchart", "text/vnd.mermaid",
            redactor.redact(e.mermaid())));
  }

  static String uri(WorkflowSet.Entry e, String extension) {
    return "lam://workflows/" + e.tool() + extension;
  }

  private static SyncResourceSpecification text(String uri, String name, String description, String mime, String text) {
    McpSchema.Resource r = McpSchema.Resource.builder().uri(uri).name(name).description(description).mimeType(mime)
        .size((long) text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).build();
    return new SyncResourceSpecification(r, (x, req) -> new ReadResourceResult(List.of(new TextResourceContents(uri, mime, text))));
  }

  static List<SyncResourceTemplateSpecification> threads(ThreadRuns runs, McpSettings settings) {
    McpSchema.ResourceTemplate state = McpSchema.ResourceTemplate.builder().uriTemplate(STATE).name("thread-state")
        .title("Thread state").description("A lamgraph thread's status and state at its latest committed step (JSON)")
        .mimeType("application/json").build();
    McpSchema.ResourceTemplate trace = McpSchema.ResourceTemplate.builder().uriTemplate(TRACE).name("thread-trace")
        .title("Thread trace").description("A lamgraph thread's trace events, one JSON object a line (seq, thread, step, kind, node, time, data)")
        .mimeType("application/x-ndjson").build();
    return List.of(
        new SyncResourceTemplateSpecification(state, (x, req) -> {
          String id = threadId(req.uri());
          String json = Json.pretty(readThread(() -> runs.result(id), req.uri()));
          return new ReadResourceResult(List.of(new TextResourceContents(req.uri(), "application/json", json)));
        }),
        new SyncResourceTemplateSpecification(trace, (x, req) -> {
          String id = threadId(req.uri());
          ThreadInfo info = readThread(() -> runs.thread(id), req.uri());
          StringBuilder b = new StringBuilder();
          for (TraceEvent ev : settings.store().events(info.id())) b.append(Json.write(ev)).append('\n');
          return new ReadResourceResult(List.of(new TextResourceContents(req.uri(), "application/x-ndjson",
              settings.redactor().redact(b.toString()))));
        }));
  }

  private static String threadId(String uri) {
    Matcher m = THREAD_URI.matcher(uri);
    if (!m.matches()) throw McpError.RESOURCE_NOT_FOUND.apply(uri);
    return m.group(1);
  }

  private static <T> T readThread(java.util.function.Supplier<T> read, String uri) {
    try {
      return read.get();
    } catch (ToolError e) {
      throw McpError.RESOURCE_NOT_FOUND.apply(uri);
    }
  }
}
