package dev.lamgraph.engine.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The package dependency rule of a module, and its check. The rule is a list of layers, highest
 * first, written in the module's README between {@code <!-- package-layers -->} and the end of
 * the fenced block that follows; a package may use only packages of layers below its own (names
 * relative to {@code dev.lamgraph.}, several on one line = one layer, which may not use each
 * other). The dependencies come from {@code jdeps -verbose:package} on the compiled classes.
 *
 * <pre>{@code
 * var rules = PackageRules.fromReadme(Path.of("README.md"));
 * assertThat(rules.violations(PackageRules.jdeps(Path.of("target/classes"), "dev.lamgraph.engine"))).isEmpty();
 * }</pre>
 */
public final class PackageRules {
  private static final String PREFIX = "dev.lamgraph.";
  private static final Pattern EDGE = Pattern.compile("^\\s*(dev\\.lamgraph\\.[\\w.]+)\\s+->\\s+(dev\\.lamgraph\\.[\\w.]+)\\s");
  private final Map<String, Integer> layer = new LinkedHashMap<>();

  /** @param layers highest first; each a list of package names relative to {@code dev.lamgraph.} */
  public PackageRules(List<List<String>> layers) {
    for (int i = 0; i < layers.size(); i++) {
      for (String p : layers.get(i)) {
        if (layer.putIfAbsent(p, layers.size() - i) != null) throw new IllegalArgumentException("package listed twice: " + p);
      }
    }
  }

  /** Reads the layers from the fenced block after {@code <!-- package-layers -->} in a README. */
  public static PackageRules fromReadme(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int at = lines.indexOf("<!-- package-layers -->");
    if (at < 0 || at + 1 >= lines.size() || !lines.get(at + 1).startsWith("```")) {
      throw new IllegalStateException(readme + " has no fenced block after <!-- package-layers -->");
    }
    List<List<String>> layers = new ArrayList<>();
    for (int i = at + 2; !lines.get(i).startsWith("```"); i++) {
      String l = lines.get(i).replaceAll("#.*", "").strip();
      if (!l.isEmpty()) layers.add(List.of(l.split("\\s*,\\s*")));
    }
    return new PackageRules(layers);
  }

  /**
   * The dependencies between {@code dev.lamgraph} packages of the classes under {@code classes},
   * by package (relative names, without self edges), as {@code jdeps -verbose:package -filter:none}
   * reports them; only packages under {@code ownPrefix} are sources.
   */
  public static Map<String, Set<String>> jdeps(Path classes, String ownPrefix) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("no jdeps in this JDK"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
    if (rc != 0) throw new IllegalStateException("jdeps failed (" + rc + "): " + err);
    Map<String, Set<String>> deps = new TreeMap<>();
    for (String line : out.toString().split("\\R")) {
      Matcher m = EDGE.matcher(line);
      if (!m.find() || !m.group(1).startsWith(ownPrefix)) continue;
      String from = m.group(1).substring(PREFIX.length());
      String to = m.group(2).substring(PREFIX.length());
      Set<String> s = deps.computeIfAbsent(from, k -> new TreeSet<>());
      if (!from.equals(to)) s.add(to);
    }
    return deps;
  }

  /** Every breach of the rule in {@code deps} (package -> packages it uses), one line each; empty when none. */
  public List<String> violations(Map<String, Set<String>> deps) {
    List<String> out = new ArrayList<>();
    for (List<String> cycle : cycles(deps)) out.add("package cycle: " + String.join(" <-> ", cycle));
    deps.forEach((from, tos) -> {
      if (!layer.containsKey(from)) out.add("package " + from + " is not in the package rule; place it in a layer");
      for (String to : tos) {
        if (!layer.containsKey(to)) {
          out.add(from + " -> " + to + ": " + to + " is not in the package rule");
        } else if (layer.containsKey(from) && layer.get(to) >= layer.get(from)) {
          out.add(from + " -> " + to + ": against the allowed direction (" + to + " is "
              + (layer.get(to).equals(layer.get(from)) ? "in the same layer" : "above it") + ")");
        }
      }
    });
    return out;
  }

  /** The strongly connected components of more than one package (Tarjan), each sorted. */
  public static List<List<String>> cycles(Map<String, Set<String>> deps) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> out = new ArrayList<>();
    for (String v : deps.keySet()) {
      if (!index.containsKey(v)) connect(v, deps, index, low, stack, onStack, out);
    }
    return out;
  }

  private static void connect(String v, Map<String, Set<String>> deps, Map<String, Integer> index, Map<String, Integer> low,
      Deque<String> stack, Set<String> onStack, List<List<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    onStack.add(v);
    for (String w : deps.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, deps, index, low, stack, onStack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      TreeSet<String> scc = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        scc.add(w);
      } while (!w.equals(v));
      if (scc.size() > 1) out.add(List.copyOf(scc));
    }
  }
}
