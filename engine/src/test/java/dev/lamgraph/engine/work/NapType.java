package dev.lamgraph.engine.work;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.spec.NodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test node type {@code nap}: sleeps {@code input.nap_ms}, then sets {@code count} to count + 1
 * and appends that number to {@code steps}. Kept out of the default node types: {@link #compiler()}
 * adds it through its own class loader.
 */
public final class NapType implements NodeType {
  @Override
  public String name() {
    return "nap";
  }

  @Override
  public String summary() {
    return "test: naps, then counts";
  }

  @Override
  public String configSchema() {
    return "{\"type\":\"object\"}";
  }

  @Override
  public String example() {
    return "tick: { type: nap }";
  }

  @Override
  public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
    return Optional.of(c -> {
      Object nap = c.input().get("nap_ms");
      if (nap instanceof Number n && n.longValue() > 0) Thread.sleep(n.longValue());
      long next = ((Number) c.state().getOrDefault("count", 0L)).longValue() + 1;
      return NodeResult.of(Map.of("count", next, "steps", List.of(next)));
    });
  }

  /** A compiler knowing the default node types plus {@code nap}. */
  public static Compiler compiler() {
    try {
      Path services = Files.createTempFile("lam-nap-type", ".txt");
      Files.writeString(services, NapType.class.getName() + "\n");
      services.toFile().deleteOnExit();
      ClassLoader parent = NapType.class.getClassLoader();
      String resource = "META-INF/services/" + NodeType.class.getName();
      ClassLoader loader = new ClassLoader(parent) {
        @Override
        public java.util.Enumeration<URL> getResources(String name) throws IOException {
          if (!name.equals(resource)) return super.getResources(name);
          List<URL> urls = new ArrayList<>(Collections.list(super.getResources(name)));
          urls.add(services.toUri().toURL());
          return Collections.enumeration(urls);
        }
      };
      return new Compiler(NodeTypes.discover(loader));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chaos loop workflow, compiled. */
  public static dev.lamgraph.engine.compile.CompiledGraph chaosLoop() throws Exception {
    try (var in = NapType.class.getResourceAsStream("/work/chaos-loop.yaml")) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return compiler().compileText("chaos-loop.yaml", text, Path.of("").toAbsolutePath());
    }
  }
}
