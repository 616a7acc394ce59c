package dev.lamgraph.engine.expr;

import dev.cel.common.values.NullValue;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only views that hand JSON-shaped state to CEL without copying it: a JSON null is shown as
 * CEL's {@code null} (so {@code state.x == null} works), nested maps and lists are wrapped lazily,
 * on access. Wrapping costs O(1) per access, whatever the size of the state.
 */
final class CelView {
  private CelView() {}

  @SuppressWarnings("unchecked")
  static Object of(Object v) {
    if (v == null) return NullValue.NULL_VALUE;
    if (v instanceof Map<?, ?> m) return new MapView((Map<String, Object>) m);
    if (v instanceof List<?> l) return new ListView((List<Object>) l);
    return v;
  }

  static final class MapView extends AbstractMap<String, Object> {
    private final Map<String, Object> m;

    MapView(Map<String, Object> m) {
      this.m = m;
    }

    /** The map this view shows. */
    Map<String, Object> raw() {
      return m;
    }

    @Override
    public Object get(Object key) {
      return m.containsKey(key) ? of(m.get(key)) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return m.containsKey(key);
    }

    @Override
    public int size() {
      return m.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Entry<String, Object>> it = m.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Entry<String, Object> e = it.next();
              return new SimpleImmutableEntry<>(e.getKey(), of(e.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return m.size();
        }
      };
    }
  }

  static final class ListView extends AbstractList<Object> {
    private final List<Object> l;

    ListView(List<Object> l) {
      this.l = l;
    }

    /** The list this view shows. */
    List<Object> raw() {
      return l;
    }

    @Override
    public Object get(int index) {
      return of(l.get(index));
    }

    @Override
    public int size() {
      return l.size();
    }
  }
}
