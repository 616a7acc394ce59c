package dev.lamgraph.nodes.tool;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Base of connector tools: name, description, timeout, needs and gives come from the {@code
 * tools:} entry; the subclass supplies the arguments schema and {@link #call}.
 *
 * <pre>{@code
 * new ConfiguredTool(decl, "{\"type\":\"object\"}") {
 *   public Object call(Map<String, Object> args, ToolCall call) { return args; }
 * };
 * }</pre>
 */
public abstract class ConfiguredTool implements Tool {
  private final String name;
  private final String description;
  private final String schema;
  private final Duration timeout;
  private final Set<String> needs;
  private final Set<String> gives;

  protected ConfiguredTool(ToolDeclaration d, String parametersSchema) {
    this(d.name(), d.description(), parametersSchema, d.timeout(), d.needs(), d.gives());
  }

  protected ConfiguredTool(String name, String description, String parametersSchema, Duration timeout,
      Set<String> needs, Set<String> gives) {
    this.name = name;
    this.description = description;
    this.schema = parametersSchema;
    this.timeout = timeout;
    this.needs = Collections.unmodifiableSet(new LinkedHashSet<>(needs));
    this.gives = Collections.unmodifiableSet(new LinkedHashSet<>(gives));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String parametersSchema() {
    return schema;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Set<String> needs() {
    return needs;
  }

  @Override
  public Set<String> gives() {
    return gives;
  }
}
