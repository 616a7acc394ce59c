package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.JavaTool;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolSchemas;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: java}: a class on the class path implementing {@link JavaTool} (or {@link Tool}),
 * created once with its public no-arg constructor. The YAML entry's name, description, timeout
 * and {@code parameters} win over the class's own.
 *
 * <pre>{@code
 * tools:
 *   add:
 *     type: java
 *     class: com.acme.tools.Add
 * }</pre>
 */
public final class JavaConnector implements ToolConnector {
  @Override
  public String name() {
    return "java";
  }

  @Override
  public String summary() {
    return "A Java class on the class path implementing JavaTool (or Tool), made with its no-arg constructor.";
  }

  @Override
  public String configSchema() {
    return ToolSchemas.connector("""
        "class": {"type": "string", "pattern": "^[A-Za-z_$][A-Za-z0-9_$]*(\\\\.[A-Za-z_$][A-Za-z0-9_$]*)*$",
          "description": "fully qualified name of a class implementing dev.lamgraph.nodes.tool.JavaTool or Tool"}""",
        List.of("class"));
  }

  @Override
  public String example() {
    return """
        tools:
          add:
            type: java
            description: Adds two numbers.
            class: com.acme.tools.Add""";
  }

  @Override
  public List<Tool> create(ToolDeclaration d) {
    String name = d.string("class").orElseThrow();
    Class<?> c;
    try {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      c = Class.forName(name, false, cl == null ? JavaConnector.class.getClassLoader() : cl);
    } catch (ClassNotFoundException | LinkageError e) {
      d.error("JAVA_CLASS_NOT_FOUND", "class", "class '" + name + "' is not on the class path");
      return List.of();
    }
    if (!JavaTool.class.isAssignableFrom(c) && !Tool.class.isAssignableFrom(c)) {
      d.error("JAVA_CLASS_TYPE", "class", "class '" + name + "' implements neither " + JavaTool.class.getName() + " nor " + Tool.class.getName());
      return List.of();
    }
    Object instance;
    try {
      if (Modifier.isAbstract(c.getModifiers())) throw new NoSuchMethodException("abstract");
      instance = c.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      d.error("JAVA_CLASS_CONSTRUCTOR", "class", "class '" + name + "' needs to be a public concrete class with a public no-arg constructor");
      return List.of();
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      d.error("JAVA_CLASS_INIT", "class", "constructor of '" + name + "' failed: " + t.getClass().getSimpleName()
          + (t.getMessage() == null ? "" : ": " + t.getMessage()));
      return List.of();
    }
    String own = instance instanceof Tool t ? t.parametersSchema() : ((JavaTool) instance).parametersSchema();
    if (own != null && d.get("parameters").isEmpty()) {
      try {
        dev.lamgraph.engine.util.Json.readMap(own);
        dev.lamgraph.engine.load.SchemaCheck.compile(own);
      } catch (RuntimeException e) {
        d.error("JAVA_CLASS_SCHEMA", "class", "parametersSchema() of '" + name + "' is not a JSON Schema object: " + e.getMessage());
        return List.of();
      }
    }
    Optional<String> schema = d.get("parameters").isPresent() ? d.parameters() : Optional.of(own == null ? "{\"type\":\"object\"}" : own);
    if (schema.isEmpty()) return List.of();
    String description = d.get("description").isPresent() || !(instance instanceof Tool t) ? d.description() : t.description();
    return List.of(new Adapter(d, description, schema.get(), instance));
  }

  /** The YAML entry's settings around the instance; closes it with the registry when it is AutoCloseable. */
  private static final class Adapter extends ConfiguredTool implements AutoCloseable {
    private final Object instance;

    Adapter(ToolDeclaration d, String description, String schema, Object instance) {
      super(d.name(), description, schema, d.timeout(), d.needs(), d.gives());
      this.instance = instance;
    }

    @Override
    public Object call(Map<String, Object> args, ToolCall call) throws Exception {
      return instance instanceof Tool t ? t.call(args, call) : ((JavaTool) instance).call(args, call);
    }

    @Override
    public void close() throws Exception {
      if (instance instanceof AutoCloseable c) c.close();
    }
  }
}
