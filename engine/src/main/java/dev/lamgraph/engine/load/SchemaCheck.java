package dev.lamgraph.engine.load;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.lamgraph.engine.check.Problems;
import dev.lamgraph.engine.spec.Pos;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Validates a {@link YNode} against a JSON Schema and reports each violation at its position. */
public final class SchemaCheck {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final String WORKFLOW_SCHEMA = readResource("/dev/lamgraph/engine/workflow.schema.json");
  private static final Schema WORKFLOW = REGISTRY.getSchema(WORKFLOW_SCHEMA);

  private SchemaCheck() {}

  /** The JSON Schema of the workflow language (what {@code lam schema} prints). */
  public static String workflowSchema() {
    return WORKFLOW_SCHEMA;
  }

  public static void checkWorkflow(YNode root, Problems problems) {
    check(WORKFLOW, root, "", problems);
  }

  /** Compiles a schema given as text (a node type's config schema, a channel schema). */
  public static Schema compile(String schemaJson) {
    return REGISTRY.getSchema(schemaJson);
  }

  /**
   * Checks {@code node} against {@code schema}; {@code what} prefixes messages (e.g. "node
   * 'plan'").
   */
  public static void check(Schema schema, YNode node, String what, Problems problems) {
    for (Error e : schema.validate(node.json())) {
      List<Object> path = elements(e.getInstanceLocation());
      String keyword = e.getKeyword();
      YNode at = node.at(path);
      Pos pos = at.pos();
      String code = "SCHEMA";
      String msg = e.getMessage();
      if ("additionalProperties".equals(keyword) && e.getProperty() != null && at instanceof YNode.YMap m) {
        pos = m.keyPos(e.getProperty());
        code = "UNKNOWN_FIELD";
        msg = "unknown field '" + e.getProperty() + "'" + where(path) + "; known: "
            + String.join(", ", knownProperties(schema, e));
      } else if ("required".equals(keyword)) {
        code = "MISSING_FIELD";
        msg = "missing required field '" + e.getProperty() + "'" + where(path);
      } else {
        msg = (what.isEmpty() ? "" : what + ": ") + msg.replaceFirst("^\\$[^:]*: ", "at " + jsonPath(path) + ": ");
      }
      problems.error(code, pos, msg);
    }
  }

  private static String where(List<Object> path) {
    return path.isEmpty() ? " at top level" : " in " + jsonPath(path);
  }

  private static String jsonPath(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object o : path) {
      if (o instanceof Integer i) sb.append('[').append(i).append(']');
      else sb.append(sb.length() == 0 ? "" : ".").append(o);
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }

  private static List<String> knownProperties(Schema schema, Error e) {
    List<String> out = new ArrayList<>();
    NodePath frag = e.getSchemaLocation().getFragment();
    var n = schema.getSchemaNode();
    for (int i = 0; i + 1 < frag.getNameCount(); i++) {
      Object el = frag.getElement(i);
      n = el instanceof Integer idx ? n.path(idx) : n.path(String.valueOf(el));
    }
    n.path("properties").fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<Object> elements(NodePath p) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < p.getNameCount(); i++) out.add(p.getElement(i));
    return out;
  }

  private static String readResource(String name) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
