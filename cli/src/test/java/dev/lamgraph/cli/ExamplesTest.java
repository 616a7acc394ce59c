package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.memory.Embedder;
import dev.lamgraph.nodes.memory.SqliteMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example in graphs/ runs end to end through `lam run`, offline, on a copy of graphs/ (outputs stay in a temp dir). */
class ExamplesTest {
  @TempDir Path dir;
  Path graphs;

  @BeforeEach
  void copyGraphs() throws IOException {
    graphs = dir.resolve("graphs");
    Path src = Lam.ROOT.resolve("graphs");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path rel = src.relativize(p);
        if (rel.toString().startsWith(".lam") || rel.toString().contains("/outbox/reply-")) continue;
        Path to = graphs.resolve(rel.toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
  }

  Lam.Result run(String example, Object... extra) {
    Object[] args = new Object[4 + extra.length];
    args[0] = "run";
    args[1] = graphs.resolve(example);
    args[2] = "--store";
    args[3] = "sqlite:" + dir.resolve("lam.db");
    System.arraycopy(extra, 0, args, 4, extra.length);
    return Lam.run(dir, args);
  }

  @Test
  @SuppressWarnings("unchecked")
  void invoiceReplyDraftsRepliesForInvoicesThatAddUpAndFlagsTheOther() throws Exception {
    Lam.Result r = run("invoice-reply.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = (Map<String, Object>) r.json().get("state");
    assertThat((List<Map<String, Object>>) state.get("drafts")).extracting(d -> d.get("file"))
        .containsExactly("001-acme.eml", "003-initech.eml");
    List<Map<String, Object>> flagged = (List<Map<String, Object>>) state.get("flagged");
    assertThat(flagged).singleElement().satisfies(f -> {
      assertThat(f.get("file")).isEqualTo("002-globex.eml");
      assertThat(f.get("problems")).isEqualTo(List.of("the invoice lines do not add up to its total"));
    });
    Path outbox = graphs.resolve("data/invoice-reply/mail/outbox");
    assertThat(Files.readString(outbox.resolve("reply-001-acme.eml.txt")))
        .startsWith("To: Billing <billing@acme-supplies.example>\nSubject: Re: Invoice INV-2026-0412 for November\n")
        .contains("invoice INV-2026-0412 of 625.4 EUR").contains("payment by 2026-12-23");
    assertThat(outbox.resolve("reply-002-globex.eml.txt")).doesNotExist();
    try (SqliteMemory m = new SqliteMemory(graphs.resolve(".lam/memory.db"), Embedder.miniLm())) {
      assertThat(m.count("vendors")).isEqualTo(2);
      assertThat(m.recall("vendors", "who sells printer toner?", 1, -1).get(0).id()).isEqualTo("ACME Supplies Ltd");
    }
  }
}
