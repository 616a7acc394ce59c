package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.ConfiguredTool;
import dev.lamgraph.nodes.tool.JavaTool;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolException;
import dev.lamgraph.nodes.tool.ToolSchemas;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code type: java}: a class on the class path implementing {@link JavaTool} (or {@link Tool}),
 * created once with its public no-arg constructor. The YAML entry's name, description, timeout
 * and {@code parameters} win over the class's own. Compiling only loads the class without
 * initialising it (no static initialiser, no constructor runs while validating or drawing a
 * workflow): the instance is made at the first use in a run, and a class's own schema is read
 * then, so without {@code parameters:} argument checks happen at the first call.
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
      c = Class.forName(name, false, cl == null ? JavaConnector.class.getClassLoader() : cl); // false: not initialised
    } catch (ClassNotFoundException | LinkageError e) {
      d.error(NodesCodes.JAVA_CLASS_NOT_FOUND, "class", "class '" + name + "' is not on the class path");
      return List.of();
    }
    if (!JavaTool.class.isAssignableFrom(c) && !Tool.class.isAssignableFrom(c)) {
      d.error(NodesCodes.JAVA_CLASS_TYPE, "class", "class '" + name + "' implements neither " + JavaTool.class.getName() + " nor " + Tool.class.getName());
      return List.of();
    }
    Constructor<?> constructor;
    try {
      if (Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) throw new NoSuchMethodException("abstract");
      constructor = c.getConstructor(); // reflection only: nothing of the class runs
    } catch (NoSuchMethodException | SecurityException e) {
      d.error(NodesCodes.JAVA_CLASS_CONSTRUCTOR, "class", "class '" + name + "' needs to be a public concrete class with a public no-arg constructor");
      return List.of();
    }
    Optional<String> declared = Optional.empty();
    if (d.get("parameters").isPresent()) {
      declared = d.parameters();
      if (declared.isEmpty()) return List.of();
    }
    Optional<String> description = d.get("description").isPresent() || !Tool.class.isAssignableFrom(c)
        ? Optional.of(d.description()) : Optional.empty();
    return List.of(new Adapter(d, name, constructor, declared, description));
  }

  /**
   * The YAML entry's settings around the instance, which is made at the first use; closes it with
   * the registry when it is AutoCloseable.
   */
  private static final class Adapter extends ConfiguredTool implements AutoCloseable {
    private final String className;
    private final Constructor<?> constructor;
    private final Optional<String> declared;
    private final Optional<String> declaredDescription;
    private Object instance; // guarded by this
    private String schema; // guarded by this

    Adapter(ToolDeclaration d, String className, Constructor<?> constructor, Optional<String> declared,
        Optional<String> description) {
      super(d.name(), d.description(), declared.orElse("{\"type\":\"object\"}"), d.timeout(), d.needs(), d.gives());
      this.className = className;
      this.constructor = constructor;
      this.declared = declared;
      this.declaredDescription = description;
    }

    /** The instance, made on first use; {@link IllegalStateException} with a one-line message when the constructor fails. */
    private synchronized Object instance() {
      if (instance != null) return instance;
      try {
        instance = constructor.newInstance();
      } catch (InvocationTargetException e) {
        Throwable t = e.getCause();
        throw new IllegalStateException("constructor of '" + className + "' failed: " + t.getClass().getSimpleName()
            + (t.getMessage() == null ? "" : ": " + t.getMessage()));
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new IllegalStateException("cannot create '" + className + "': " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
      return instance;
    }

    @Override
    public Optional<String> staticSchema() {
      return declared;
    }

    @Override
    public synchronized String parametersSchema() {
      if (declared.isPresent()) return declared.get();
      if (schema != null) return schema;
      Object i = instance();
      String own = i instanceof Tool t ? t.parametersSchema() : ((JavaTool) i).parametersSchema();
      if (own == null) own = "{\"type\":\"object\"}";
      try {
        Json.readMap(own);
        SchemaCheck.compile(own);
      } catch (RuntimeException e) {
        throw new IllegalStateException("parametersSchema() of '" + className + "' is not a JSON Schema object: " + e.getMessage());
      }
      schema = own;
      return schema;
    }

    @Override
    public String description() {
      return declaredDescription.orElseGet(() -> ((Tool) instance()).description());
    }

    @Override
    public Object call(Map<String, Object> args, ToolCall call) throws Exception {
      Object i;
      try {
        i = instance();
      } catch (IllegalStateException e) {
        throw ToolException.of("unavailable", e.getMessage());
      }
      return i instanceof Tool t ? t.call(args, call) : ((JavaTool) i).call(args, call);
    }

    @Override
    public void close() throws Exception {
      Object i;
      synchronized (this) {
        i = instance;
      }
      if (i instanceof AutoCloseable c) c.close();
    }
  }
}
