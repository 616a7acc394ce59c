package dev.lamgraph.engine.node;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The node types on the class path, found with {@link ServiceLoader}, by name. There is no
 * process-wide instance: whoever compiles discovers (or lists) the types it uses and hands them to
 * its compiler.
 */
public final class NodeTypes {
  private final Map<String, NodeType> byName;

  private NodeTypes(Map<String, NodeType> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** Every type visible to {@code loader}. Later duplicates of a name are ignored. */
  public static NodeTypes discover(ClassLoader loader) {
    Map<String, NodeType> m = new TreeMap<>();
    for (NodeType t : ServiceLoader.load(NodeType.class, loader)) m.putIfAbsent(t.name(), t);
    return new NodeTypes(m);
  }

  /** Exactly these types (tests, embedding). */
  public static NodeTypes of(List<NodeType> types) {
    Map<String, NodeType> m = new TreeMap<>();
    for (NodeType t : types) m.putIfAbsent(t.name(), t);
    return new NodeTypes(m);
  }

  public Optional<NodeType> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Sorted by name. */
  public Map<String, NodeType> all() {
    return byName;
  }
}
