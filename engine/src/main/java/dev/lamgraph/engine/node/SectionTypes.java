package dev.lamgraph.engine.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The section types on the class path, by name. There is no process-wide instance: whoever
 * compiles discovers (or lists) the sections it uses and hands them to its compiler.
 */
public final class SectionTypes {
  private final Map<String, SectionType> byName;

  private SectionTypes(Map<String, SectionType> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  public static SectionTypes discover(ClassLoader loader) {
    Map<String, SectionType> m = new TreeMap<>();
    for (SectionType t : ServiceLoader.load(SectionType.class, loader)) m.putIfAbsent(t.name(), t);
    return new SectionTypes(m);
  }

  /** Exactly these types (tests, embedding). */
  public static SectionTypes of(List<SectionType> types) {
    Map<String, SectionType> m = new TreeMap<>();
    for (SectionType t : types) m.putIfAbsent(t.name(), t);
    return new SectionTypes(m);
  }

  public Optional<SectionType> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Sorted by name. */
  public Map<String, SectionType> all() {
    return byName;
  }

  /** In compile order. */
  public List<SectionType> ordered() {
    List<SectionType> l = new ArrayList<>(byName.values());
    l.sort(Comparator.comparingInt(SectionType::order).thenComparing(SectionType::name));
    return l;
  }
}
