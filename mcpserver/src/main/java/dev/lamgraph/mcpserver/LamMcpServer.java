package dev.lamgraph.mcpserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * lamgraph's MCP server, built on the official MCP Java SDK: the tools of {@link Tools}, the
 * resources of {@link Resources}, on any SDK transport; the workflow tools follow the files ({@link
 * WorkflowWatch}, {@link ToolSync}: {@code notifications/tools/list_changed}). {@link #stdio} serves one client over a
 * process's standard streams ({@code lam mcp}: stdout carries only JSON-RPC); {@link McpHttp}
 * makes the Streamable HTTP servlet. The SDK 2.1.0 has no MCP Tasks support: a long run is a
 * thread in the store, read with {@code lam_status} / {@code lam_result}.
 *
 * <pre>{@code
 * try (LamMcpServer.Stdio s = LamMcpServer.stdio(set, settings, version, System.in, System.out)) {
 *   inputEnded.await();
 *   s.drain(Duration.ofMinutes(10));
 * }
 * }</pre>
 */
public final class LamMcpServer {
  /** Long runs: the SDK's default request timeout (20 s) would cut tool calls short. */
  static final Duration REQUEST_TIMEOUT = Duration.ofHours(24);

  private LamMcpServer() {}

  /** The JSON mapper of the SDK on Jackson 2, as lamgraph uses everywhere. */
  static McpJsonMapper jsonMapper() {
    return new JacksonMcpJsonMapper(new ObjectMapper());
  }

  /** A server on {@code in} / {@code out} (JSON-RPC, one message a line); it runs until {@code in} ends, then {@link Stdio#close}. */
  public static Stdio stdio(WorkflowSet set, McpSettings settings, String version, InputStream in, OutputStream out) {
    ThreadRuns runs = new ThreadRuns(settings);
    McpSyncServer server = configure(McpServer.sync(new StdioServerTransportProvider(jsonMapper(), in, out)), set, runs, version);
    return new Stdio(server, runs, new ToolSync(server, set, runs));
  }

  /** A server on standard streams. */
  public static final class Stdio implements AutoCloseable {
    /** How long a request read just before the input ended may take to reach its handler. */
    static final Duration DISPATCH = Duration.ofMillis(300);
    private final McpSyncServer server;
    private final ThreadRuns runs;
    private final ToolSync tools;

    Stdio(McpSyncServer server, ThreadRuns runs, ToolSync tools) {
      this.server = server;
      this.runs = runs;
      this.tools = tools;
    }

    /**
     * Serves {@code next} from now on (e.g. from a {@link WorkflowWatch}): tools and resources of
     * workflows gone, new or changed are removed, added or replaced, and the client gets {@code
     * notifications/tools/list_changed}. Returns whether a tool changed.
     */
    public boolean update(WorkflowSet next) {
      return tools.update(next);
    }

    /**
     * Lets the tool calls in flight finish and answer (up to {@code max}: a run cut short keeps its
     * committed steps and resumes with {@code lam resume}), then closes the server.
     */
    public boolean drain(Duration max) throws InterruptedException {
      Thread.sleep(DISPATCH.toMillis());
      return runs.calls().awaitIdle(max);
    }

    @Override
    public void close() {
      server.closeGracefully();
    }
  }

  /** Adds lamgraph's tools, resources and server info to an SDK server specification (any transport), and builds it. */
  static <S extends McpServer.SyncSpecification<S>> McpSyncServer configure(McpServer.SyncSpecification<S> spec, WorkflowSet set,
      ThreadRuns runs, String version) {
    return spec.serverInfo("lamgraph", version)
        .instructions("Each tool named after a workflow runs it as a durable lamgraph thread and returns thread_id, status "
            + "and state. A run that pauses for a person returns status paused with question and answer_schema: answer "
            + "with lam_resume. lam_status and lam_result read any thread.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(false, true).build())
        .jsonMapper(jsonMapper())
        .requestTimeout(REQUEST_TIMEOUT)
        .validateToolInputs(false) // InputCheck refuses bad input with the same words as `lam run`
        .tools(Tools.all(set, runs))
        .resources(Resources.workflows(set, runs.settings().redactor()))
        .resourceTemplates(Resources.threads(runs, runs.settings()))
        .build();
  }
}
