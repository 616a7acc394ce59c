package dev.lamgraph.engine.load;

import dev.lamgraph.engine.check.Problems;
import dev.lamgraph.engine.check.WorkflowException;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a workflow file: strict YAML, then the language's JSON Schema, then spec records.
 *
 * <pre>{@code
 * Problems problems = new Problems();
 * Optional<WorkflowSpec> spec = WorkflowLoader.parse("a.yaml", text, problems);
 * }</pre>
 */
public final class WorkflowLoader {
  private WorkflowLoader() {}

  /** Parses text; the spec is present when the document's shape was usable (problems may still hold errors). */
  public static Optional<WorkflowSpec> parse(String file, String text, Problems problems) {
    Optional<YNode> root = YamlReader.read(file, text, problems);
    if (root.isEmpty()) return Optional.empty();
    if (!(root.get() instanceof YNode.YMap map)) {
      problems.error("SCHEMA", root.get().pos(), "a workflow must be a YAML mapping with 'name', 'state', 'nodes' and 'edges'");
      return Optional.empty();
    }
    SchemaCheck.checkWorkflow(map, problems);
    return Optional.of(SpecReader.read(map, file, text, problems));
  }

  /** Reads a file; a missing or unreadable file is a diagnostic, never an exception trace. */
  public static Optional<WorkflowSpec> load(Path path, Problems problems) {
    String file = path.toString();
    try {
      return parse(file, Files.readString(path, StandardCharsets.UTF_8), problems);
    } catch (NoSuchFileException e) {
      problems.error("FILE_NOT_FOUND", new Pos(file, 0, 0), "no such file: " + file);
    } catch (IOException e) {
      problems.error("FILE_UNREADABLE", new Pos(file, 0, 0), "cannot read " + file + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  /** Parses and throws when any error was found. */
  public static WorkflowSpec parseOrThrow(String file, String text) throws WorkflowException {
    Problems p = new Problems();
    Optional<WorkflowSpec> spec = parse(file, text, p);
    if (p.hasErrors() || spec.isEmpty()) throw new WorkflowException(p.list().isEmpty()
        ? List.of(dev.lamgraph.engine.check.Diagnostic.error("YAML_EMPTY", new Pos(file, 1, 1), "no workflow")) : p.list());
    return spec.get();
  }
}
