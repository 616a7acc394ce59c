package dev.lamgraph.mcpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamgraph.engine.compile.Compiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which workflows a server offers, under which tool names, and the refusals before anything is served. */
class WorkflowSetTest {
  @TempDir Path dir;

  private static String flow(String name) {
    return "name: " + name + "\ndescription: Sets x.\nstate:\n  x: { type: integer }\nnodes:\n  a: { type: set, set: { x: \"1\" } }\n"
        + "edges:\n  - { from: START, to: a }\n  - { from: a, to: END }\n";
  }

  private WorkflowSet load(Path... paths) {
    return WorkflowSet.load(List.of(paths), Compiler.withDefaults());
  }

  @Test
  void directoriesGiveTheirYamlFilesInNameOrderFilesThemselves() throws Exception {
    Files.writeString(dir.resolve("b.yaml"), flow("beta"));
    Files.writeString(dir.resolve("a.yml"), flow("alpha"));
    Files.writeString(dir.resolve("notes.txt"), "not a workflow");
    Files.writeString(dir.resolve("b.test.yaml"), "workflow: b.yaml\ncases:\n  - name: one\n");
    Files.writeString(dir.resolve("data.yaml"), "nodes: [1, 2]\n"); // no edges: data, not a workflow
    Path other = Files.createDirectories(dir.resolve("sub")).resolve("c.yaml");
    Files.writeString(other, flow("gamma-1"));
    WorkflowSet set = load(dir, other);
    assertThat(set.entries()).extracting(WorkflowSet.Entry::tool).containsExactly("alpha", "beta", "gamma-1");
    WorkflowSet.Entry a = set.get("alpha").orElseThrow();
    assertThat(a.description()).isEqualTo("Sets x.");
    assertThat(a.mermaid()).startsWith("---\ntitle: alpha\n---\nflowchart TD");
    assertThat(a.inputSchema()).containsEntry("type", "object");
  }

  @Test
  void anInvalidWorkflowAClashOrAMissingPathServesNothing() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "name: Bad_Name\nnodes: {}\n");
    assertThatThrownBy(() -> load(dir.resolve("bad.yaml"))).isInstanceOf(WorkflowSet.LoadException.class)
        .hasMessageContaining("bad.yaml has").hasMessageEndingWith("; nothing is served")
        .satisfies(e -> assertThat(((WorkflowSet.LoadException) e).diagnostics()).isNotEmpty());

    Files.writeString(dir.resolve("one.yaml"), flow("same"));
    Files.writeString(dir.resolve("two.yaml"), flow("same"));
    assertThatThrownBy(() -> load(dir.resolve("one.yaml"), dir.resolve("two.yaml")))
        .hasMessageContaining("are both tool 'same'; give them different names");

    Files.writeString(dir.resolve("r.yaml"), flow("lam_status").replace("lam_status", "lam-status"));
    assertThat(load(dir.resolve("r.yaml")).get("lam-status")).isPresent(); // hyphen: no clash with lam_status

    assertThatThrownBy(() -> load(dir.resolve("missing.yaml"))).hasMessageEndingWith("missing.yaml: no such file or directory");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> load(empty)).hasMessageStartingWith("no workflow files (*.yaml, *.yml) in");
  }
}
