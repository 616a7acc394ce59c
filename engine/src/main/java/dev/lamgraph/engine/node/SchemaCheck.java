package dev.lamgraph.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Spelling;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a {@link YNode} against a JSON Schema and reports each violation at its position,
 * naming the path, the offending value and the valid choices.
 *
 * Part of the node SPI: node types and sections check their own YAML and the schemas written in
 * it (an {@code output_schema:}, a tool's {@code parameters:}) with it.
 *
 * <pre>{@code
 * SchemaCheck.check(SchemaCheck.compile(type.configSchema()), node, "node 'plan'", problems);
 * // "f.yaml:3:9: error[SCHEMA]: node 'plan': max_steps = 'x': string found, integer expected"
 * }</pre>
 */
public final class SchemaCheck {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Schema META = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private SchemaCheck() {}

  /** Checks that {@code schema} (e.g. a channel's {@code schema:}) is a valid JSON Schema; reports {@code code}. */
  public static void checkSchemaDocument(YNode schema, String what, String code, Problems problems) {
    report(META, schema, what, List.of(), code, problems);
  }

  /**
   * Validates a JSON-shaped value (e.g. a person's answer) against a schema given as text; returns
   * one message per violation, each naming where it is ({@code $.approved: ...}), empty when valid.
   *
   * <pre>{@code
   * SchemaCheck.validate("{\"type\":\"boolean\"}", "yes") // ["$: string found, boolean expected"]
   * }</pre>
   */
  public static List<String> validate(String schemaJson, Object value) {
    Schema schema = REGISTRY.getSchema(schemaJson);
    List<String> out = new ArrayList<>();
    for (Error e : schema.validate(Json.MAPPER.valueToTree(value))) {
      out.add(e.getInstanceLocation() + ": " + e.getMessage());
    }
    return out;
  }

  /** Compiles a schema given as text (a node type's config schema, a channel schema). */
  public static Schema compile(String schemaJson) {
    return REGISTRY.getSchema(schemaJson);
  }

  /**
   * Checks {@code node} against {@code schema}; {@code what} names the checked thing in messages
   * (e.g. "node 'plan' (type set)").
   */
  public static void check(Schema schema, YNode node, String what, Problems problems) {
    report(schema, node, what, List.of(), Codes.SCHEMA, problems);
  }

  /** As {@link #check}, with keys handled elsewhere that are also valid at the top level (listed as known). */
  public static void check(Schema schema, YNode node, String what, Collection<String> alsoKnown, Problems problems) {
    report(schema, node, what, alsoKnown, Codes.SCHEMA, problems);
  }

  private static void report(Schema schema, YNode node, String what, Collection<String> alsoKnown, String code,
      Problems problems) {
    Map<String, List<Error>> byPlace = new LinkedHashMap<>();
    List<String> composite = new ArrayList<>();
    for (Error e : schema.validate(node.json())) {
      List<Object> path = elements(e.getInstanceLocation());
      YNode at = node.at(path);
      if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null && at instanceof YNode.YMap m) {
        List<String> known = new ArrayList<>(schemaNode(schema, e).path("properties").propertyStream().map(Map.Entry::getKey).toList());
        if (path.isEmpty()) known.addAll(alsoKnown.stream().filter(k -> !known.contains(k)).sorted().toList());
        problems.error(Codes.UNKNOWN_FIELD, m.keyPos(e.getProperty()), "unknown field '" + e.getProperty() + "'"
            + where(path, what) + "; known: " + String.join(", ", known) + Spelling.didYouMean(e.getProperty(), known));
      } else if ("required".equals(e.getKeyword())) {
        problems.error(Codes.MISSING_FIELD, at.pos(), "missing required field '" + e.getProperty() + "'" + where(path, what));
      } else {
        String place = e.getInstanceLocation().toString();
        if ("oneOf".equals(e.getKeyword()) || "anyOf".equals(e.getKeyword())) composite.add(place + "/");
        byPlace.computeIfAbsent(place, k -> new ArrayList<>()).add(e);
      }
    }
    byPlace.forEach((place, errors) -> {
      if (composite.stream().anyMatch(c -> (place + "/").startsWith(c) && !(place + "/").equals(c))) return;
      Error first = errors.stream().filter(e -> "oneOf".equals(e.getKeyword()) || "anyOf".equals(e.getKeyword()))
          .findFirst().orElse(errors.get(0));
      List<Object> path = elements(first.getInstanceLocation());
      YNode at = node.at(path);
      String msg = first == errors.get(0) && !composite.contains(place + "/")
          ? String.join("; or ", errors.stream().map(Error::getMessage).distinct().toList())
          : "matches none of the allowed shapes";
      String description = schemaNode(schema, first).path("description").asText("");
      problems.error(code, at.pos(), (what.isEmpty() ? "" : what + ": ") + jsonPath(path) + shown(at) + ": " + msg
          + (description.isEmpty() ? "" : " (" + description + ")"));
    });
  }

  /** " = 'value'" for scalars and short lists or mappings (as JSON), "" for long ones. */
  private static String shown(YNode n) {
    if (n instanceof YNode.YScalar s) return " = " + (s.value() instanceof String str ? "'" + str + "'" : String.valueOf(s.value()));
    String json = n.json().toString();
    return json.length() <= 40 ? " = " + json : "";
  }

  private static String where(List<Object> path, String what) {
    if (path.isEmpty()) return what.isEmpty() ? " at top level" : " in " + what;
    return " in " + (what.isEmpty() ? "" : what + " at ") + jsonPath(path);
  }

  private static String jsonPath(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object o : path) {
      if (o instanceof Integer i) sb.append('[').append(i).append(']');
      else sb.append(sb.length() == 0 ? "" : ".").append(o);
    }
    return sb.length() == 0 ? "(top level)" : sb.toString();
  }

  /** The schema object holding the keyword that failed (a missing node when it is in another document). */
  private static JsonNode schemaNode(Schema schema, Error e) {
    NodePath frag = e.getSchemaLocation().getFragment();
    JsonNode n = schema.getSchemaNode();
    for (int i = 0; i + 1 < frag.getNameCount(); i++) {
      Object el = frag.getElement(i);
      n = el instanceof Integer idx ? n.path(idx) : n.path(String.valueOf(el));
    }
    return n;
  }

  private static List<Object> elements(NodePath p) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < p.getNameCount(); i++) out.add(p.getElement(i));
    return out;
  }
}
