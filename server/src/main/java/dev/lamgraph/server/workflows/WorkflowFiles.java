package dev.lamgraph.server.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds workflow files under a server's paths: a path that is a file is served as it is; under a
 * folder (recursively, skipping hidden folders, {@code node_modules} and {@code target}), every
 * {@code .yaml}/{@code .yml} file with top-level {@code nodes:} and {@code edges:} keys (data files
 * and replay files beside the workflows are not workflows).
 */
final class WorkflowFiles {
  private static final Pattern NODES = Pattern.compile("(?m)^nodes\\s*:");
  private static final Pattern EDGES = Pattern.compile("(?m)^edges\\s*:");
  private static final Set<String> SKIPPED = Set.of("node_modules", "target");
  private static final long MAX_BYTES = 4L << 20;

  private WorkflowFiles() {}

  static List<Path> find(List<Path> roots) {
    List<Path> out = new ArrayList<>();
    for (Path root : roots) {
      Path r = root.toAbsolutePath().normalize();
      if (Files.isRegularFile(r)) {
        out.add(r);
      } else if (Files.isDirectory(r)) {
        try (Stream<Path> s = Files.walk(r, 8)) {
          s.filter(p -> !skipped(r, p)).filter(Files::isRegularFile).filter(WorkflowFiles::looksLikeWorkflow).sorted().forEach(out::add);
        } catch (IOException | java.io.UncheckedIOException e) {
          // a folder that vanished or cannot be read serves nothing
        }
      }
    }
    return out.stream().distinct().toList();
  }

  private static boolean skipped(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      String n = part.toString();
      if (n.startsWith(".") || SKIPPED.contains(n)) return true;
    }
    return false;
  }

  static boolean looksLikeWorkflow(Path p) {
    String n = p.getFileName().toString();
    if (!n.endsWith(".yaml") && !n.endsWith(".yml")) return false;
    try {
      if (Files.size(p) > MAX_BYTES) return true; // compiled, so its size is reported as a diagnostic
      String text = Files.readString(p);
      return NODES.matcher(text).find() && EDGES.matcher(text).find();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
