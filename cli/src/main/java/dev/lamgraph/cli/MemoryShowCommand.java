package dev.lamgraph.cli;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.memory.graph.Graph;
import dev.lamgraph.nodes.memory.graph.GraphStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam memory show ENTITY}: one entity with its properties, provenance and relations. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Show one entity: type, properties, provenance (thread, step, source) and its relations both ways.")
final class MemoryShowCommand implements Callable<Integer> {
  private final Terminal t;
  @Mixin MemoryOption memory = new MemoryOption();
  @Parameters(index = "0", paramLabel = "ENTITY", description = "the entity's id") String entity;
  @Option(names = {"-n", "--namespace"}, description = "the namespace (default: the only one holding ENTITY)") String namespace;
  @Option(names = "--json", description = "print {namespace, entity, relations}") boolean json;

  MemoryShowCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    try (GraphStore g = memory.open(t)) {
      String ns = MemoryCommand.namespaceOf(g, namespace, entity);
      Graph.Entity e = g.entity(ns, entity).orElseThrow();
      List<Graph.Relation> rels = g.relations(ns, List.of(entity), Set.of());
      Map<String, Graph.Entity> ends = g.entities(ns, rels.stream().flatMap(r -> java.util.stream.Stream.of(r.from(), r.to())).toList());
      if (json) {
        List<Object> rs = new ArrayList<>();
        rels.forEach(r -> rs.add(r.asMap()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("namespace", ns);
        out.put("entity", e.asMap());
        out.put("relations", rs);
        t.out().println(Json.pretty(out));
        return ExitCodes.OK;
      }
      t.out().println(e.name() + " (" + e.type() + ", id " + e.id() + ", namespace " + ns + ")");
      t.out().println("  from: " + prov(e.provenance()));
      e.properties().forEach((k, v) -> t.out().println("  " + k + ": " + (v instanceof String s ? s : Json.write(v))));
      if (rels.isEmpty()) t.out().println("no relations");
      for (Graph.Relation r : rels) {
        boolean out = r.from().equals(entity);
        String other = out ? r.to() : r.from();
        String name = ends.containsKey(other) ? ends.get(other).name() + " (" + ends.get(other).type() + ")" : other;
        t.out().println((out ? "  -[" + r.type() + "]-> " : "  <-[" + r.type() + "]- ") + name
            + (r.properties().isEmpty() ? "" : " " + Json.write(r.properties())) + "   from " + prov(r.provenance()));
      }
      return ExitCodes.OK;
    }
  }

  private static String prov(Graph.Provenance p) {
    return "thread " + (p.thread().isEmpty() ? "-" : p.thread()) + ", step " + p.step() + ", source " + (p.source().isEmpty() ? "-" : p.source());
  }
}
