package dev.lamgraph.cli;

import dev.lamgraph.nodes.memory.graph.Graph;
import dev.lamgraph.nodes.memory.graph.GraphQueries;
import dev.lamgraph.nodes.memory.graph.GraphStore;
import dev.lamgraph.visualizer.EntityDiagram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam memory graph ENTITY}: the neighbourhood of an entity as a Mermaid flowchart. */
@Command(name = "graph", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Draw an entity's neighbourhood as Mermaid (stdout, or a .mmd file).")
final class MemoryGraphCommand implements Callable<Integer> {
  private final Terminal t;
  @Mixin MemoryOption memory = new MemoryOption();
  @Parameters(index = "0", paramLabel = "ENTITY", description = "the entity's id") String entity;
  @Option(names = {"-n", "--namespace"}, description = "the namespace (default: the only one holding ENTITY)") String namespace;
  @Option(names = "--depth", defaultValue = "1", description = "relations to follow from ENTITY, 1..5 (default ${DEFAULT-VALUE})") int depth;
  @Option(names = "--relations", split = ",", paramLabel = "TYPE", description = "follow only these relation types") List<String> types = new ArrayList<>();
  @Option(names = {"-o", "--output"}, paramLabel = "FILE.mmd", description = "write the diagram here instead of stdout") String output;

  MemoryGraphCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() throws IOException {
    if (depth < 1 || depth > 5) throw CliException.usage("--depth must be 1..5, not " + depth);
    if (output != null && !output.endsWith(".mmd")) throw CliException.usage("--output " + output + ": a Mermaid file ends in .mmd");
    try (GraphStore g = memory.open(t)) {
      String ns = MemoryCommand.namespaceOf(g, namespace, entity);
      Graph.Sub sub = new GraphQueries(g).neighbourhood(ns, List.of(entity), depth, new LinkedHashSet<>(types));
      List<EntityDiagram.Box> boxes = sub.entities().stream().map(e -> new EntityDiagram.Box(e.id(), e.name(), e.type())).toList();
      List<EntityDiagram.Arrow> arrows = sub.relations().stream().map(r -> new EntityDiagram.Arrow(r.from(), r.type(), r.to())).toList();
      String mmd = EntityDiagram.write(ns + " / " + entity, boxes, arrows, List.of(entity));
      if (output == null) {
        t.out().print(mmd);
      } else {
        Path file = t.resolve(output);
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, mmd, StandardCharsets.UTF_8);
        t.out().println("wrote " + file + " (" + boxes.size() + " entities, " + arrows.size() + " relations)");
      }
      return ExitCodes.OK;
    }
  }
}
