package dev.lamgraph.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graph-memory drawings: escaped, generated ids, dangling arrows left out, parsed by the real Mermaid parser. */
class EntityDiagramTest {
  @Test
  void anyEntityNameDrawsAndParses(@TempDir Path tmp) throws Exception {
    List<EntityDiagram.Box> boxes = List.of(
        new EntityDiagram.Box("orders", "orders-service", "service"),
        new EntityDiagram.Box("x\"y", "say \"hi\" <b>|#1 & `end`", "weird type"),
        new EntityDiagram.Box("end", "end", "graph"),
        new EntityDiagram.Box("orders", "duplicate", "service"));
    List<EntityDiagram.Arrow> arrows = List.of(
        new EntityDiagram.Arrow("orders", "calls --> |x|", "x\"y"),
        new EntityDiagram.Arrow("x\"y", "subgraph", "end"),
        new EntityDiagram.Arrow("orders", "calls", "not-drawn"));
    String mmd = EntityDiagram.write("ops: orders \"main\"", boxes, arrows, List.of("orders", "missing"));
    assertThat(mmd).startsWith("---\ntitle: ops_ orders _main_\n---\nflowchart LR\n")
        .contains("  e0[\"orders-service · service\"]\n")
        .contains("  e1[\"say #quot;hi#quot; #lt;b#gt;#124;#35;1 #amp; #96;end#96; · weird type\"]\n")
        .contains("  e0 -->|\"calls --#gt; #124;x#124;\"| e1\n").contains("  e1 -->|\"subgraph\"| e2\n")
        .contains("  class e0 root\n").doesNotContain("duplicate").doesNotContain("not-drawn").doesNotContain("missing");
    Path f = tmp.resolve("memory.mmd");
    Files.writeString(f, mmd);
    Path empty = tmp.resolve("empty.mmd");
    Files.writeString(empty, EntityDiagram.write("nothing", List.of(new EntityDiagram.Box("a", "a", "t")), List.of(), List.of("a")));
    assertThat(MermaidParser.parse(List.of(f, empty))).isEmpty();
  }
}
