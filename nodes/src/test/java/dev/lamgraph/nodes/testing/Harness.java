package dev.lamgraph.nodes.testing;

import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.exec.RunOptions;
import dev.lamgraph.engine.exec.RunResult;
import dev.lamgraph.engine.exec.Runs;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.util.Redactor;
import dev.lamgraph.engine.store.memory.MemoryStore;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.nodes.model.ModelsSection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Compiles workflow text with the models section (given environment) and a test tools section, and runs it. */
public final class Harness {
  public final MemoryStore store = new MemoryStore();
  /** The redactor the workflows compiled here register their secrets with (and their runs mask with). */
  public final Redactor secrets = new Redactor();
  private final Map<String, String> env;

  public Harness(Map<String, String> env) {
    this.env = env;
  }

  public Compiler compiler() {
    return new Compiler(NodeTypes.discover(NodeTypes.class.getClassLoader()), SectionTypes.of(List.of(new ModelsSection(),
        new TestTools())), env, secrets);
  }

  public CompiledGraph compile(String yaml) throws Exception {
    return compiler().compileText("w.yaml", yaml, Path.of("src/test/resources/workflows").toAbsolutePath());
  }

  public CompiledGraph compileFile(Path file) throws Exception {
    return compiler().compile(file);
  }

  public RunResult run(CompiledGraph g, Map<String, Object> input) throws Exception {
    try (Runs runs = new Runs(store, RunOptions.defaults().withRedactor(secrets))) {
      return runs.start(g, "t-" + System.nanoTime(), input);
    }
  }

  public List<TraceEvent> events(RunResult r, String kind) {
    return store.events(r.threadId()).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /** A one-node workflow: {@code out} (string) and {@code ticket} channels, node {@code ask} with {@code nodeYaml}. */
  public static String oneNode(String models, String outType, String nodeYaml) {
    return "name: w\n" + models + "state:\n  ticket: { type: string, default: 'printer on fire' }\n  out: { type: " + outType
        + " }\n  error: { type: any }\nnodes:\n  ask: " + nodeYaml + "\nedges:\n  - { from: START, to: ask }\n  - { from: ask, to: END }\n";
  }
}
