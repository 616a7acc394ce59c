package dev.lamgraph.engine.lg4j;

import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.Node;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.node.NodeResult;
import dev.lamgraph.engine.node.NodeType;
import dev.lamgraph.engine.node.NodeTypes;
import dev.lamgraph.engine.spec.NodeSpec;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node types only these tests need, found through a class loader that adds them to the service
 * file (so they stay out of {@code NodeTypes.discover} for every other test):
 * {@code probe} records what its {@code NodeContext} says, failing its first attempt when it is
 * named {@code flaky*}; {@code ask} asks for human input.
 */
final class TestNodeTypes {
  private TestNodeTypes() {}

  static NodeTypes withTestTypes() throws IOException {
    Path services = Files.createTempFile("lam-test-node-types", ".txt");
    Files.writeString(services, Probe.class.getName() + "\n" + Ask.class.getName() + "\n");
    services.toFile().deleteOnExit();
    ClassLoader parent = TestNodeTypes.class.getClassLoader();
    String resource = "META-INF/services/" + NodeType.class.getName();
    ClassLoader loader = new ClassLoader(parent) {
      @Override
      public java.util.Enumeration<URL> getResources(String name) throws IOException {
        if (!name.equals(resource)) return super.getResources(name);
        List<URL> urls = new java.util.ArrayList<>(Collections.list(super.getResources(name)));
        urls.add(services.toUri().toURL());
        return Collections.enumeration(urls);
      }
    };
    return NodeTypes.discover(loader);
  }

  /** Appends {node, step, attempt, x: input.x, n: state.n} to {@code probes} and records an event. */
  public static final class Probe implements NodeType {
    @Override
    public String name() {
      return "probe";
    }

    @Override
    public String summary() {
      return "test: records its context";
    }

    @Override
    public String configSchema() {
      return "{\"type\":\"object\"}";
    }

    @Override
    public String example() {
      return "p: { type: probe }";
    }

    @Override
    public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
      return Optional.of(c -> {
        if (c.nodeName().startsWith("flaky") && c.attempt() == 1) throw new NodeFailure("error", "first attempt fails");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("node", c.nodeName());
        p.put("step", c.step());
        p.put("attempt", (long) c.attempt());
        p.put("x", c.input().get("x"));
        p.put("n", c.state().get("n"));
        c.event("probe", Map.of("step", c.step()));
        return NodeResult.of(Map.of("probes", List.of(p), "n", 1L));
      });
    }
  }

  /** Pauses the run for a person. */
  public static final class Ask implements NodeType {
    @Override
    public String name() {
      return "ask";
    }

    @Override
    public String summary() {
      return "test: asks for approval";
    }

    @Override
    public String configSchema() {
      return "{\"type\":\"object\"}";
    }

    @Override
    public String example() {
      return "a: { type: ask }";
    }

    @Override
    public Optional<Node> create(NodeSpec spec, CompileContext ctx) {
      return Optional.of(c -> NodeResult.interrupt("approve?", null));
    }
  }
}
