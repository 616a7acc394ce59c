package dev.lamgraph.engine.load;

import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.NodeSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.WorkflowSpec;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.BoundedFiles;
import dev.lamgraph.engine.util.Sizes;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a workflow file: strict YAML, then the language's JSON Schema, then spec records.
 *
 * <pre>{@code
 * Problems problems = new Problems();
 * Optional<WorkflowSpec> spec = WorkflowLoader.parse("a.yaml", text, Set.of("models", "tools"), problems);
 * }</pre>
 */
public final class WorkflowLoader {
  private WorkflowLoader() {}

  /**
   * Parses text; the spec is present when the document's shape was usable (problems may still hold
   * errors). {@code sectionNames} are the plugin sections valid at the top level.
   */
  public static Optional<WorkflowSpec> parse(String file, String text, Set<String> sectionNames,
      Problems problems) {
    Optional<YNode> root = YamlReader.read(file, text, problems);
    if (root.isEmpty()) return Optional.empty();
    if (!(root.get() instanceof YNode.YMap map)) {
      problems.error(Codes.SCHEMA, root.get().pos(), "a workflow must be a YAML mapping with 'name', 'state', 'nodes' and 'edges'");
      return Optional.empty();
    }
    Map<String, YNode.Entry> core = new LinkedHashMap<>();
    Map<String, YNode> sections = new LinkedHashMap<>();
    map.entries().forEach((k, e) -> {
      if (sectionNames.contains(k)) sections.put(k, e.value());
      else core.put(k, e);
    });
    YNode.YMap coreMap = new YNode.YMap(core, map.pos());
    WorkflowSchema.check(coreMap, sectionNames, problems);
    return Optional.of(SpecReader.read(coreMap, file, text, Collections.unmodifiableMap(sections), problems));
  }

  /**
   * Reads a file; a missing, unreadable or too large file is a diagnostic, never an exception
   * trace. At most {@link YamlReader#MAX_CHARS} bytes are read, whatever the file claims to be
   * ({@code /dev/zero}, a FIFO).
   */
  public static Optional<WorkflowSpec> load(Path path, Set<String> sectionNames, Problems problems) {
    String file = path.toString();
    try {
      Optional<String> text = SourceText.decode(file, BoundedFiles.read(path, YamlReader.MAX_CHARS), problems);
      return text.isEmpty() ? Optional.empty() : parse(file, text.get(), sectionNames, problems);
    } catch (BoundedFiles.TooLargeException e) {
      problems.error(Codes.FILE_TOO_LARGE, new Pos(file, 0, 0), "cannot read " + file + ": it is larger than "
          + Sizes.human(e.limit()) + ", the limit for workflow files");
    } catch (NoSuchFileException e) {
      problems.error(Codes.FILE_NOT_FOUND, new Pos(file, 0, 0), "no such file: " + file);
    } catch (IOException e) {
      problems.error(Codes.FILE_UNREADABLE, new Pos(file, 0, 0), "cannot read " + file + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * The spec of a node written inside another one (the {@code node:} of a map), read like a node
   * under {@code nodes:}; its mapping was already checked against the outer node type's schema.
   */
  public static NodeSpec nodeSpec(String name, Pos pos, YNode node) {
    return SpecReader.node(name, pos, node);
  }
}
