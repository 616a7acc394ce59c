package dev.lamgraph.nodes.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.testing.Pdfs;
import dev.lamgraph.nodes.tool.connector.ConfinedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Document ingestion with the real splitters, MiniLM embeddings, PDFBox and a SQLite + Lucene store. */
class DocumentIngestTest {
  static final String GUIDE = """
      # Onboarding

      New hires get a laptop on their first day.

      ## Accounts

      The IT desk creates accounts for email and chat. Passwords rotate every 90 days.
      """;
  static final String FAQ = """
      <html><body><h1>FAQ</h1><p>Office hours are 9 to 17.</p>
      <h2>Parking</h2><ul><li><p>Parking permits are requested from facilities.</p></li></ul></body></html>""";

  static DocumentIngest ingest(Memory m, long maxBytes) {
    return new DocumentIngest(m, "docs", List.of(), new Chunker("paragraph", 60, 10), "paragraph/60/10", maxBytes, 100);
  }

  static Path docs(Path dir) throws Exception {
    Path d = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(d.resolve("guide.md"), GUIDE);
    Files.writeString(d.resolve("faq.html"), FAQ);
    Pdfs.write(d.resolve("travel.pdf"), List.of("Trains are booked in second class.", "Meals abroad are covered by a daily allowance of 45 EUR."));
    return d;
  }

  @Test
  void ingestsMarkdownHtmlAndPdfWithMetadataAndExactOffsets(@TempDir Path dir) throws Exception {
    Path d = docs(dir);
    try (SqliteMemory m = new SqliteMemory(dir.resolve("mem.db"), Embedder.miniLm())) {
      DocumentIngest.Report r = ingest(m, 1 << 20).run(ConfinedFiles.of(d));
      assertThat(r.files()).isEqualTo(3);
      assertThat(r.ingested()).isEqualTo(3);
      assertThat(r.skipped()).isEmpty();
      assertThat(m.documents("docs")).containsOnlyKeys("faq.html", "guide.md", "travel.pdf");

      List<Memory.Hit> pdf = m.recall("docs", new Memory.Query("daily allowance for meals", 3, -1, Memory.Search.VECTOR,
          Filters.of(Map.of("type", "pdf"))));
      assertThat(pdf).isNotEmpty().allSatisfy(h -> assertThat(h.metadata().get("source")).isEqualTo("travel.pdf"));
      assertThat(pdf.get(0).metadata()).containsEntry("page", 2L);
      assertThat(pdf.get(0).text()).contains("45 EUR");

      List<Memory.Hit> md = m.recall("docs", new Memory.Query("who creates email accounts", 1, -1, Memory.Search.VECTOR,
          Filters.of(Map.of("source", "guide.md"))));
      Map<String, Object> meta = md.get(0).metadata();
      assertThat(meta).containsEntry("heading", "Accounts").containsEntry("type", "md");
      int start = ((Number) meta.get("start")).intValue();
      int end = ((Number) meta.get("end")).intValue();
      assertThat(GUIDE.substring(start, end)).isEqualTo(md.get(0).text());

      List<Memory.Hit> html = m.recall("docs", new Memory.Query("parking permit", 1, -1, Memory.Search.KEYWORD,
          Filters.of(Map.of("type", List.of("html", "md")))));
      assertThat(html.get(0).metadata()).containsEntry("source", "faq.html").containsEntry("heading", "Parking");
      assertThat(html.get(0).text()).isEqualTo("Parking\n\nParking permits are requested from facilities.");
    }
  }

  @Test
  void reingestsOnlyChangedFilesAndRemovesDeletedOnes(@TempDir Path dir) throws Exception {
    Path d = docs(dir);
    try (SqliteMemory m = new SqliteMemory(dir.resolve("mem.db"), Embedder.miniLm())) {
      ingest(m, 1 << 20).run(ConfinedFiles.of(d));
      int before = m.count("docs");
      DocumentIngest.Report again = ingest(m, 1 << 20).run(ConfinedFiles.of(d));
      assertThat(again.ingested()).isZero();
      assertThat(again.unchanged()).isEqualTo(3);
      assertThat(m.count("docs")).isEqualTo(before);

      Files.writeString(d.resolve("guide.md"), "# Onboarding\n\nBadges are collected at reception.\n");
      Files.delete(d.resolve("faq.html"));
      DocumentIngest.Report changed = ingest(m, 1 << 20).run(ConfinedFiles.of(d));
      assertThat(changed.ingested()).isEqualTo(1);
      assertThat(changed.unchanged()).isEqualTo(1);
      assertThat(changed.removed()).isEqualTo(1);
      assertThat(m.documents("docs")).containsOnlyKeys("guide.md", "travel.pdf");
      for (Memory.Search s : Memory.Search.values()) {
        List<Memory.Hit> hits = m.recall("docs", new Memory.Query("parking permits office hours laptop accounts", 10, -1, s, Map.of()));
        assertThat(hits).as(s.name()).noneMatch(h -> h.id().startsWith("faq.html"))
            .noneMatch(h -> h.text().contains("laptop"));
      }
    }
    long indexed;
    try (VectorIndex ix = VectorIndex.open(dir.resolve("mem.db.index"))) { // the ingest committed the index once, at its end
      indexed = ix.generation();
    }
    try (SqliteMemory m = new SqliteMemory(dir.resolve("mem.db"), Embedder.miniLm())) {
      assertThat(indexed).isEqualTo(m.generation()).isPositive();
    }
  }

  @Test
  void badFilesAreSkippedWithOneLineEach(@TempDir Path dir) throws Exception {
    Path d = docs(dir);
    Files.write(d.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a pdf".getBytes());
    Files.write(d.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
    Files.writeString(d.resolve("big.md"), "word ".repeat(400));
    Path outside = Files.writeString(dir.resolve("secret.md"), "# Secret\n\nthe launch code is 0000\n");
    Files.createSymbolicLink(d.resolve("link.md"), outside);
    Files.writeString(d.resolve("image.png"), "not a document");
    try (SqliteMemory m = new SqliteMemory(dir.resolve("mem.db"), Embedder.miniLm())) {
      DocumentIngest.Report r = ingest(m, 1500).run(ConfinedFiles.of(d));
      assertThat(r.skipped()).hasSize(4).allSatisfy(l -> assertThat(l).doesNotContain("\n").doesNotContain("Exception"));
      assertThat(r.skipped()).anySatisfy(l -> assertThat(l).startsWith("broken.pdf: not a readable PDF"))
          .anySatisfy(l -> assertThat(l).isEqualTo("latin1.txt: not UTF-8 text"))
          .anySatisfy(l -> assertThat(l).isEqualTo("big.md: 'big.md' is 2000 bytes; the limit is 1500"))
          .anySatisfy(l -> assertThat(l).isEqualTo("link.md: a symbolic link; links are not followed"));
      assertThat(r.ingested()).isEqualTo(3);
      assertThat(m.documents("docs")).containsOnlyKeys("faq.html", "guide.md", "travel.pdf");
      assertThat(m.recall("docs", new Memory.Query("launch code", 10, -1, Memory.Search.KEYWORD, Map.of()))).isEmpty();
    }
  }

  @Test
  void aPdfWithoutTextIsSkippedWithAReasonAndKeepsNoChunks(@TempDir Path dir) throws Exception {
    Path d = docs(dir);
    Pdfs.writeImageOnly(d.resolve("scan.pdf"));
    Files.writeString(d.resolve("empty.md"), "  \n\n");
    try (SqliteMemory m = new SqliteMemory(dir.resolve("mem.db"), Embedder.miniLm())) {
      DocumentIngest.Report r = ingest(m, 100_000).run(ConfinedFiles.of(d));
      assertThat(r.skipped()).containsExactlyInAnyOrder(
          "scan.pdf: no extractable text (an image-only or scanned PDF needs OCR first)", "empty.md: no text");
      assertThat(r.ingested()).isEqualTo(3);
      assertThat(m.documents("docs")).containsOnlyKeys("faq.html", "guide.md", "travel.pdf");
      DocumentIngest.Report again = ingest(m, 100_000).run(ConfinedFiles.of(d));
      assertThat(again.skipped()).hasSize(2); // still reported on every ingest, not remembered as ingested
      assertThat(again.unchanged()).isEqualTo(3);
    }
  }
}
