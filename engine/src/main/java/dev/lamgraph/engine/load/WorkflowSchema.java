package dev.lamgraph.engine.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.node.SectionTypes;
import dev.lamgraph.engine.spec.FailureKinds;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * The JSON Schema of the workflow language ({@code workflow.schema.json}), checked by the loader
 * with {@link SchemaCheck} (the node SPI's schema checker) and printed by {@code lam schema}.
 *
 * <pre>{@code
 * WorkflowSchema.check(root, problems); // "f.yaml:1:7: error[SCHEMA]: name = 'Bad': does not match ..."
 * }</pre>
 */
public final class WorkflowSchema {
  private static final String TEXT = withFailureKinds(readResource("/dev/lamgraph/engine/workflow.schema.json"));
  private static final Schema SCHEMA = SchemaCheck.compile(TEXT);

  private WorkflowSchema() {}

  /**
   * The JSON Schema of the workflow language (what {@code lam schema} prints), including the
   * sections contributed by the plugins the caller installs ({@code models:}, {@code tools:}...).
   */
  public static String text(SectionTypes installed) {
    var sections = installed.all();
    if (sections.isEmpty()) return TEXT;
    try {
      var root = (ObjectNode) Json.MAPPER.readTree(TEXT);
      var props = (ObjectNode) root.get("properties");
      for (var t : sections.values()) {
        var sub = (ObjectNode) Json.MAPPER.readTree(t.schema());
        sub.remove("$schema");
        if (!sub.has("description")) sub.put("description", t.summary());
        props.set(t.name(), sub);
      }
      return Json.pretty(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a section type's schema is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Checks a workflow's root mapping (without plugin sections) against the schema. */
  public static void check(YNode root, Problems problems) {
    SchemaCheck.check(SCHEMA, root, "", List.of(), problems);
  }

  /** As {@link #check(YNode, Problems)}; {@code sections} are plugin keys that are also valid at the top level. */
  public static void check(YNode root, Collection<String> sections, Problems problems) {
    SchemaCheck.check(SCHEMA, root, "", sections, problems);
  }

  /** The {@code failure_kind} definition gets its enum from {@link FailureKinds}, the one list of kinds. */
  private static String withFailureKinds(String text) {
    try {
      var root = (ObjectNode) Json.MAPPER.readTree(text);
      var def = (ObjectNode) root.get("$defs").get("failure_kind");
      def.put("description", "A node failure kind: " + String.join("; ", FailureKinds.ALL.entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue()).toList()) + ".");
      var e = def.putArray("enum");
      FailureKinds.ALL.keySet().forEach(e::add);
      return Json.pretty(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("workflow.schema.json is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String readResource(String name) {
    try (InputStream in = WorkflowSchema.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
