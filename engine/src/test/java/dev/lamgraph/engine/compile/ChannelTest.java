package dev.lamgraph.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.spec.ChannelSpec;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.ReducerKind;
import dev.lamgraph.engine.spec.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelTest {
  private static Channel channel(String name, ValueType type, ReducerKind reducer) {
    return channel(name, type, reducer, null, null);
  }

  private static Channel channel(String name, ValueType type, ReducerKind reducer, ValueType items, Object def) {
    return new Channel(new ChannelSpec(name, type, reducer, def, def != null, items, null, "", Pos.UNKNOWN));
  }

  private static Map<String, Object> state(Object... kv) {
    Map<String, Object> s = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) s.put((String) kv[i], kv[i + 1]);
    return s;
  }

  @Test
  void replaceOverwritesAndChecksTheType() throws Exception {
    Channel c = channel("label", ValueType.STRING, ReducerKind.REPLACE);
    Map<String, Object> s = state("label", "old");
    c.apply(s, "new", "n");
    assertThat(s).containsEntry("label", "new");
    c.apply(s, null, "n");
    assertThat(s).containsEntry("label", null);
  }

  @Test
  void appendAddsOneItemOrEachItemOfAList() throws Exception {
    Channel c = channel("log", ValueType.LIST, ReducerKind.APPEND);
    Map<String, Object> s = state();
    c.apply(s, "a", "n");
    c.apply(s, List.of("b", "c"), "n");
    c.apply(s, 4, "n");
    assertThat(s.get("log")).isEqualTo(List.of("a", "b", "c", 4L));
  }

  @Test
  void appendAddsToTheLiveListInPlace() throws Exception {
    Channel c = channel("log", ValueType.LIST, ReducerKind.APPEND);
    List<Object> live = new ArrayList<>(List.of("a"));
    Map<String, Object> s = state("log", live);
    c.apply(s, "b", "n");
    assertThat(s.get("log")).isSameAs(live);
    assertThat(live).containsExactly("a", "b");
  }

  @Test
  void appendChecksTheItemsType() throws Exception {
    Channel c = channel("scores", ValueType.LIST, ReducerKind.APPEND, ValueType.NUMBER, null);
    Map<String, Object> s = state();
    c.apply(s, List.of(1, 2L, 2.5), "grade");
    assertThat(s.get("scores")).isEqualTo(List.of(1.0, 2.0, 2.5));
    assertThatThrownBy(() -> c.apply(s, List.of(3.0, "four"), "grade"))
        .isInstanceOfSatisfying(StateTypeException.class, e -> {
          assertThat(e.node()).isEqualTo("grade");
          assertThat(e.channel()).isEqualTo("scores");
          assertThat(e.getMessage()).contains("'grade'").contains("'scores'").contains("number").contains("string");
        });
  }

  @Test
  void aFailedAppendLeavesTheListUnchanged() throws Exception {
    Channel c = channel("names", ValueType.LIST, ReducerKind.APPEND, ValueType.STRING, null);
    Map<String, Object> s = state("names", new ArrayList<>(List.of("a")));
    assertThatThrownBy(() -> c.apply(s, List.of("b", 3), "n")).isInstanceOf(StateTypeException.class);
    assertThat(s.get("names")).isEqualTo(List.of("a"));
  }

  @Test
  void replaceOnATypedListChecksItems() {
    Channel c = channel("names", ValueType.LIST, ReducerKind.REPLACE, ValueType.STRING, null);
    assertThatThrownBy(() -> c.apply(state(), List.of("a", 1L), "n"))
        .isInstanceOfSatisfying(StateTypeException.class, e -> assertThat(e.getMessage()).contains("string").contains("integer"));
  }

  @Test
  void mergeIsShallowAndANullValueRemovesTheKey() throws Exception {
    Channel c = channel("notes", ValueType.OBJECT, ReducerKind.MERGE);
    Map<String, Object> s = state("notes", new LinkedHashMap<>(Map.of("keep", 1L, "drop", 2L, "deep", Map.of("x", 1L))));
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("drop", null);
    update.put("deep", Map.of("y", 2L));
    update.put("new", "v");
    c.apply(s, update, "n");
    assertThat(s.get("notes")).isEqualTo(Map.of("keep", 1L, "deep", Map.of("y", 2L), "new", "v"));
  }

  @Test
  void mergeRejectsANonObject() {
    Channel c = channel("notes", ValueType.OBJECT, ReducerKind.MERGE);
    assertThatThrownBy(() -> c.apply(state(), List.of(1), "writer"))
        .isInstanceOfSatisfying(StateTypeException.class, e ->
            assertThat(e.getMessage()).contains("'writer'").contains("'notes'").contains("object").contains("list"));
  }

  @Test
  void addSumsIntegersAsLongs() throws Exception {
    Channel c = channel("count", ValueType.INTEGER, ReducerKind.ADD);
    Map<String, Object> s = state();
    c.apply(s, 2, "n");
    c.apply(s, 3L, "n");
    assertThat(s.get("count")).isEqualTo(5L);
    c.apply(s, 1.0, "n"); // an integral double is still an integer
    assertThat(s.get("count")).isEqualTo(6L);
    assertThatThrownBy(() -> c.apply(s, 0.5, "n"))
        .isInstanceOfSatisfying(StateTypeException.class, e -> assertThat(e.getMessage()).contains("integer").contains("number"));
    assertThat(s.get("count")).isEqualTo(6L);
  }

  @Test
  void addSumsNumbersAsDoubles() throws Exception {
    Channel c = channel("cost", ValueType.NUMBER, ReducerKind.ADD);
    Map<String, Object> s = state("cost", 0.0);
    c.apply(s, 1L, "n");
    c.apply(s, 0.5, "n");
    assertThat(s.get("cost")).isEqualTo(1.5);
    assertThatThrownBy(() -> c.apply(s, "3", "coster"))
        .isInstanceOfSatisfying(StateTypeException.class, e ->
            assertThat(e.getMessage()).contains("'coster'").contains("'cost'").contains("number").contains("string"));
  }

  @Test
  void typeErrorsNameNodeChannelExpectedAndActual() {
    Channel c = channel("attempts", ValueType.INTEGER, ReducerKind.REPLACE);
    assertThatThrownBy(() -> c.apply(state(), "three", "counter"))
        .isInstanceOfSatisfying(StateTypeException.class, e -> {
          assertThat(e.node()).isEqualTo("counter");
          assertThat(e.channel()).isEqualTo("attempts");
          assertThat(e.getMessage()).isEqualTo("node 'counter' wrote string to channel 'attempts', which expects integer");
        });
  }

  @Test
  void numberChannelsNormaliseLongsToDoubles() throws Exception {
    Channel c = channel("ratio", ValueType.NUMBER, ReducerKind.REPLACE);
    Map<String, Object> s = state();
    c.apply(s, 2L, "n");
    assertThat(s.get("ratio")).isInstanceOf(Double.class).isEqualTo(2.0);
    c.apply(s, 3, "n");
    assertThat(s.get("ratio")).isEqualTo(3.0);
    assertThat(channel("ratio", ValueType.NUMBER, ReducerKind.REPLACE, null, 0L).initial()).isEqualTo(0.0);
  }

  @Test
  void integerChannelsAcceptIntegralDoublesOnly() throws Exception {
    Channel c = channel("n", ValueType.INTEGER, ReducerKind.REPLACE);
    Map<String, Object> s = state();
    c.apply(s, 4.0, "x");
    assertThat(s.get("n")).isEqualTo(4L);
    assertThatThrownBy(() -> c.apply(s, 4.5, "x")).isInstanceOf(StateTypeException.class);
  }

  @Test
  void initialValuesAreFreshCopies() {
    Channel c = channel("tags", ValueType.LIST, ReducerKind.APPEND, null, List.of("a"));
    Object first = c.initial();
    ((List<Object>) first).add("b");
    assertThat(c.initial()).isEqualTo(List.of("a"));
    assertThat(channel("log", ValueType.LIST, ReducerKind.APPEND).initial()).isEqualTo(List.of());
    assertThat(channel("m", ValueType.OBJECT, ReducerKind.MERGE).initial()).isEqualTo(Map.of());
    assertThat(channel("x", ValueType.STRING, ReducerKind.REPLACE).hasInitial()).isFalse();
  }

  @Test
  void objectValuesAreNotTypedAsLists() {
    assertThat(Channel.fits(ValueType.OBJECT, List.of())).isFalse();
    assertThat(Channel.fits(ValueType.NUMBER, 1L)).isTrue();
    assertThat(Channel.fits(ValueType.INTEGER, 1.0)).isFalse();
    assertThat(Channel.fits(ValueType.ANY, Arrays.asList(1, "a"))).isTrue();
  }
}
