package dev.lamgraph.cli;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.memory.graph.Graph;
import dev.lamgraph.nodes.memory.graph.GraphStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lam memory}: the graph memory of a memory store (namespaces, search, show, graph). */
@Command(name = "memory", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Inspect the graph memory: namespaces, entity search, one entity, a Mermaid drawing.",
    description = "Reads the entities and relations that memory nodes wrote (op: link) to a memory store.",
    footer = {"", "Examples:", "  lam memory namespaces --memory graphs/.lam/memory.db",
        "  lam memory search timeout --type incident -m graphs/.lam/memory.db",
        "  lam memory show orders-service -m graphs/.lam/memory.db",
        "  lam memory graph orders-service --depth 2 -o orders.mmd -m graphs/.lam/memory.db",
        "", "Exit codes: 0 ok, 1 store unusable, 2 usage error (no store, unknown entity or namespace)."})
final class MemoryCommand implements Callable<Integer> {
  private final Terminal t;
  @Spec CommandSpec spec;

  MemoryCommand(Terminal t) {
    this.t = t;
  }

  /** This command with its subcommands. */
  static CommandLine with(Terminal t) {
    CommandLine cl = new CommandLine(new MemoryCommand(t));
    cl.addSubcommand(new Namespaces(t));
    cl.addSubcommand(new Search(t));
    cl.addSubcommand(new MemoryShowCommand(t));
    cl.addSubcommand(new MemoryGraphCommand(t));
    return cl;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(t.err());
    return ExitCodes.USAGE;
  }

  @Command(name = "namespaces", mixinStandardHelpOptions = true, versionProvider = Version.class,
      header = "List the graph memory's namespaces with their entity and relation counts.")
  static final class Namespaces implements Callable<Integer> {
    private final Terminal t;
    @Mixin MemoryOption memory = new MemoryOption();
    @Option(names = "--json", description = "print a JSON array of {namespace, entities, relations}") boolean json;

    Namespaces(Terminal t) {
      this.t = t;
    }

    @Override
    public Integer call() {
      try (GraphStore g = memory.open(t)) {
        List<Map<String, Object>> ns = g.namespaces();
        if (json) {
          t.out().println(Json.pretty(ns));
        } else if (ns.isEmpty()) {
          t.out().println("no graph memory in " + g.where());
        } else {
          t.out().println(String.format(Locale.ROOT, "%-24s %9s %9s", "NAMESPACE", "ENTITIES", "RELATIONS"));
          for (Map<String, Object> m : ns) {
            t.out().println(String.format(Locale.ROOT, "%-24s %9d %9d", m.get("namespace"), m.get("entities"), m.get("relations")));
          }
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true, versionProvider = Version.class,
      header = "Find entities by name or id (substring, any case), type and properties.")
  static final class Search implements Callable<Integer> {
    private final Terminal t;
    @Mixin MemoryOption memory = new MemoryOption();
    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "part of the name or id (default: any)") String text;
    @Option(names = {"-n", "--namespace"}, description = "only this namespace (default: all)") String namespace;
    @Option(names = "--type", description = "only entities of this type") String type;
    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "a property equal to VALUE (repeatable)") List<String> props = new ArrayList<>();
    @Option(names = "--limit", defaultValue = "50", description = "most entities printed (default ${DEFAULT-VALUE})") int limit;
    @Option(names = "--json", description = "print a JSON array of entities") boolean json;

    Search(Terminal t) {
      this.t = t;
    }

    @Override
    public Integer call() {
      Map<String, String> want = new LinkedHashMap<>();
      for (String p : props) {
        int eq = p.indexOf('=');
        if (eq <= 0) throw CliException.usage("--property " + p + ": expected KEY=VALUE");
        want.put(p.substring(0, eq), p.substring(eq + 1));
      }
      if (limit < 1) throw CliException.usage("--limit must be at least 1, not " + limit);
      try (GraphStore g = memory.open(t)) {
        List<Object> found = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (String ns : namespaces(g, namespace)) {
          for (Graph.Entity e : g.search(ns, text, type, want, limit - found.size())) {
            Map<String, Object> m = new LinkedHashMap<>(Map.of("namespace", ns));
            m.putAll(e.asMap());
            found.add(m);
            rows.add(String.format(Locale.ROOT, "%-16s %-28s %-14s %s", ns, e.id(), e.type(), e.name()));
          }
        }
        if (json) {
          t.out().println(Json.pretty(found));
        } else if (rows.isEmpty()) {
          t.out().println("no entity matches");
        } else {
          t.out().println(String.format(Locale.ROOT, "%-16s %-28s %-14s %s", "NAMESPACE", "ID", "TYPE", "NAME"));
          rows.forEach(t.out()::println);
        }
        return ExitCodes.OK;
      }
    }
  }

  /** The namespaces to read: the given one (which must exist) or all. */
  static List<String> namespaces(GraphStore g, String namespace) {
    List<String> all = g.namespaces().stream().map(m -> (String) m.get("namespace")).toList();
    if (namespace == null) return all;
    if (!all.contains(namespace)) {
      throw CliException.usage("no namespace '" + namespace + "' in the graph memory " + g.where() + (all.isEmpty() ? " (it is empty)"
          : " (namespaces: " + String.join(", ", all) + ")"));
    }
    return List.of(namespace);
  }

  /** The namespace holding an entity: the given one, else the only one that has it. */
  static String namespaceOf(GraphStore g, String namespace, String entity) {
    List<String> holding = new ArrayList<>();
    for (String ns : namespaces(g, namespace)) {
      if (g.entity(ns, entity).isPresent()) holding.add(ns);
    }
    if (holding.isEmpty()) {
      throw CliException.usage("unknown entity '" + entity + "'" + (namespace == null ? "" : " in namespace " + namespace)
          + " (lam memory search finds entities by name)");
    }
    if (holding.size() > 1) throw CliException.usage("entity '" + entity + "' is in several namespaces (" + String.join(", ", holding)
        + "); pick one with -n");
    return holding.get(0);
  }
}
