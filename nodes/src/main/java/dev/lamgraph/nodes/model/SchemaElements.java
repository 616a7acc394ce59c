package dev.lamgraph.nodes.model;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts a JSON Schema (as JSON-shaped maps) into langchain4j's schema elements, which every
 * provider module can send. Only the shape is converted (type, properties, required, items,
 * enum, anyOf, description, additionalProperties); other keywords (minimum, pattern...) are not
 * sent, but the answer is still validated against the full schema by the caller.
 *
 * <pre>{@code
 * JsonObjectSchema params = SchemaElements.object(Map.of("type", "object", "properties", Map.of()));
 * }</pre>
 */
final class SchemaElements {
  private SchemaElements() {}

  /** The schema as an object schema (tool parameters and response formats need an object root). */
  static JsonObjectSchema object(Map<String, Object> schema) {
    JsonSchemaElement e = element(schema);
    return e instanceof JsonObjectSchema o ? o : JsonObjectSchema.builder().build();
  }

  static boolean isObject(Map<String, Object> schema) {
    return schema != null && ("object".equals(schema.get("type")) || schema.get("properties") instanceof Map);
  }

  @SuppressWarnings("unchecked")
  static JsonSchemaElement element(Map<String, Object> s) {
    String description = s.get("description") instanceof String d ? d : null;
    if (s.get("enum") instanceof List<?> values) {
      return JsonEnumSchema.builder().enumValues(values.stream().map(String::valueOf).toList()).description(description).build();
    }
    if (s.get("anyOf") instanceof List<?> alts || s.get("oneOf") instanceof List<?>) {
      List<?> list = s.get("anyOf") instanceof List<?> a ? a : (List<?>) s.get("oneOf");
      List<JsonSchemaElement> out = new ArrayList<>();
      for (Object o : list) if (o instanceof Map<?, ?> m) out.add(element((Map<String, Object>) m));
      return JsonAnyOfSchema.builder().anyOf(out).description(description).build();
    }
    Object type = s.get("type");
    if (type instanceof List<?> types) { // ["string", "null"]
      List<JsonSchemaElement> out = new ArrayList<>();
      for (Object t : types) out.add(element(Map.of("type", t)));
      return JsonAnyOfSchema.builder().anyOf(out).description(description).build();
    }
    if (type == null && s.get("properties") instanceof Map) type = "object";
    return switch (String.valueOf(type)) {
      case "object" -> objectElement(s, description);
      case "array" -> JsonArraySchema.builder().description(description)
          .items(s.get("items") instanceof Map<?, ?> i ? element((Map<String, Object>) i) : JsonStringSchema.builder().build())
          .build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "null" -> new JsonNullSchema();
      default -> JsonStringSchema.builder().description(description).build();
    };
  }

  @SuppressWarnings("unchecked")
  private static JsonObjectSchema objectElement(Map<String, Object> s, String description) {
    JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
    if (s.get("properties") instanceof Map<?, ?> props) {
      props.forEach((k, v) -> {
        if (v instanceof Map<?, ?> m) b.addProperty(String.valueOf(k), element((Map<String, Object>) m));
      });
    }
    if (s.get("required") instanceof List<?> req) b.required(req.stream().map(String::valueOf).toList());
    if (s.get("additionalProperties") instanceof Boolean ap) b.additionalProperties(ap);
    return b.build();
  }
}
