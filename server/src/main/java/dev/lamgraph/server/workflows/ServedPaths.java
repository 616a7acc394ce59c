package dev.lamgraph.server.workflows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The served folders' absolute paths taken out of what the server answers: {@code
 * /srv/flows/broken.yaml:3:5} becomes {@code broken.yaml:3:5} and {@code /srv/flows} alone {@code
 * .}, in every string of a JSON value (diagnostics, error messages, the studio's views), so an HTTP
 * client learns nothing of the server's file system beyond the served folder. A served file (not a
 * folder) counts by its folder; a file-system root is left alone. The CLI prints paths as they are.
 *
 * <pre>{@code
 * ServedPaths p = new ServedPaths(List.of(Path.of("/srv/flows")));
 * p.relative("/srv/flows/a.yaml:1:2: error[X]: ...");   // "a.yaml:1:2: error[X]: ..."
 * }</pre>
 */
public final class ServedPaths {
  private final List<String> dirs = new ArrayList<>();
  private final List<Pattern> folders = new ArrayList<>();

  public ServedPaths(List<Path> roots) {
    for (Path r : roots) {
      Path a = r.toAbsolutePath().normalize();
      Path dir = Files.isRegularFile(a) ? a.getParent() : a;
      if (dir == null || dir.getParent() == null) continue;
      String d = dir.toString();
      if (!dirs.contains(d)) dirs.add(d);
    }
    dirs.sort(Comparator.comparingInt(String::length).reversed()); // a nested folder before its parent
    // the folder followed by a separator, or ending a path (not continuing a name: /srv/flows2 and /srv/flows.v2 stay)
    for (String d : dirs) folders.add(Pattern.compile(Pattern.quote(d) + "(?:[/\\\\]|(?![\\w\\-]|\\.[\\w\\-]))"));
  }

  /** {@code s} with each served folder's absolute path taken out (null stays null). */
  public String relative(String s) {
    if (s == null || folders.isEmpty()) return s;
    String out = s;
    for (int i = 0; i < folders.size(); i++) {
      if (!out.contains(dirs.get(i))) continue;
      Matcher m = folders.get(i).matcher(out);
      if (!m.find()) continue;
      StringBuilder b = new StringBuilder();
      do {
        String hit = m.group();
        boolean sep = hit.endsWith("/") || hit.endsWith("\\");
        m.appendReplacement(b, sep ? "" : ".");
      } while (m.find());
      m.appendTail(b);
      out = b.toString();
    }
    return out;
  }

  /** A JSON value (maps, lists, strings, numbers...) with {@link #relative} applied to its strings, map keys included. */
  public Object relativeValue(Object value) {
    if (folders.isEmpty()) return value;
    if (value instanceof String s) return relative(s);
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k instanceof String ks ? relative(ks) : k, relativeValue(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object v : l) out.add(relativeValue(v));
      return out;
    }
    return value;
  }
}
