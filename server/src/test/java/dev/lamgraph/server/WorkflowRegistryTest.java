package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.server.workflows.ServedWorkflow;
import dev.lamgraph.server.workflows.WorkflowRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowRegistryTest {
  @TempDir Path dir;

  @Test
  void reloadsAChangedFileAndKeepsTheLastGoodVersionOfABrokenOne() throws Exception {
    TestServer.copyGraph("counter.yaml", dir);
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/rows.yaml"), "- a\n- b\n"); // not a workflow: not served
    Path f = dir.resolve("counter.yaml");
    try (WorkflowRegistry r = new WorkflowRegistry(List.of(dir), Compiler::withDefaults, Clock.systemUTC())) {
      r.scan();
      assertThat(r.all()).extracting(ServedWorkflow::name).containsExactly("counter");
      ServedWorkflow v1 = r.get("counter").orElseThrow();
      assertThat(v1.current()).isTrue();
      assertThat(v1.version()).isEqualTo(1);

      Files.writeString(f, Files.readString(f).replace("count to 100", "count to a hundred"));
      Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
      assertThat(r.scan()).hasSize(1);
      ServedWorkflow v2 = r.get("counter").orElseThrow();
      assertThat(v2.version()).isEqualTo(2);
      assertThat(v2.graph().spec().source()).contains("count to a hundred");

      Files.writeString(f, Files.readString(f).replace("to: tool }", "to: nowhere }"));
      Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(10)));
      r.scan();
      ServedWorkflow broken = r.get("counter").orElseThrow();
      assertThat(broken.current()).isFalse();
      assertThat(broken.errors()).isNotEmpty();
      assertThat(broken.graph()).isSameAs(v2.graph());
      assertThat(broken.runnable()).isTrue();
    }
  }

  @Test
  void aServedFileCaughtHalfWrittenKeepsItsLastGoodVersionUntilItIsWholeAgain() throws Exception {
    TestServer.copyGraph("counter.yaml", dir);
    Path f = dir.resolve("counter.yaml");
    String whole = Files.readString(f);
    try (WorkflowRegistry r = new WorkflowRegistry(List.of(dir), Compiler::withDefaults, Clock.systemUTC())) {
      r.scan();
      ServedWorkflow v1 = r.get("counter").orElseThrow();

      // an editor that truncates and writes: the first scan sees the head only (no nodes:, no edges:)
      Files.writeString(f, whole.substring(0, whole.indexOf("nodes:")));
      Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
      r.scan();
      ServedWorkflow half = r.get("counter").orElseThrow();
      assertThat(half.current()).isFalse();
      assertThat(half.errors()).isNotEmpty();
      assertThat(half.graph()).isSameAs(v1.graph());

      Files.writeString(f, whole.replace("count to 100", "count to a hundred"));
      Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(10)));
      r.scan();
      ServedWorkflow again = r.get("counter").orElseThrow();
      assertThat(again.current()).isTrue();
      assertThat(again.graph().spec().source()).contains("count to a hundred");

      Files.delete(f);
      r.scan();
      assertThat(r.get("counter")).isEmpty(); // a deleted file is dropped
    }
  }
}
