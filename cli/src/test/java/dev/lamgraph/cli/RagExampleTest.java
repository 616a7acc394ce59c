package dev.lamgraph.cli;

import static dev.lamgraph.cli.ExampleDir.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.model.ModelRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * graphs/handbook-qa.yaml through {@code lam}: real ingestion and hybrid retrieval (local MiniLM,
 * SQLite + Lucene in the copy's .lam/memory.db and .lam/memory.db.index/), the model's answer from the committed replay
 * ({@link LlmRecordingsTest#handbookQa} records it), the citation rule of the reviewer.
 */
class RagExampleTest {
  @TempDir Path tmp;
  ExampleDir ex;

  @BeforeEach
  void copyGraphs() throws Exception {
    ex = new ExampleDir(tmp);
    ex.env = ModelRecording.replayFrom(Map.of(), LlmRecordingsTest.committed("handbook-qa"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void answersWithCitationsOfTheRecalledChunksAndReingestsNothingUnchanged() throws Exception {
    Lam.Result r = ex.run("handbook-qa.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    Map<String, Object> state = state(r);
    assertThat((Map<String, Object>) state.get("ingested")).containsEntry("files", 4L).containsEntry("ingested", 4L)
        .containsEntry("skipped", List.of());
    List<Map<String, Object>> sources = (List<Map<String, Object>>) state.get("sources");
    assertThat(sources).hasSize(4);
    assertThat(sources).filteredOn(s -> "travel-policy.pdf".equals(s.get("source"))).singleElement()
        .satisfies(s -> assertThat(s).containsEntry("n", 4L).containsEntry("page", 2L));
    Map<String, Object> hotels = sources.get(2);
    assertThat(hotels).containsEntry("source", "expenses.md").containsEntry("heading", "Hotels");
    String md = Files.readString(ex.resolve("data/handbook/expenses.md"));
    assertThat(md.substring(((Number) hotels.get("start")).intValue(), ((Number) hotels.get("end")).intValue()))
        .isEqualTo(hotels.get("text")).startsWith("## Hotels\n\nHotels are reimbursed up to 140 EUR per night.");
    assertThat((Map<String, Object>) state.get("verdict")).containsEntry("approve", true);
    Map<String, Object> report = (Map<String, Object>) state.get("report");
    assertThat((String) report.get("answer")).startsWith("Hotels are reimbursed up to 140 EUR per night").endsWith("[4].");
    assertThat((List<String>) report.get("sources")).contains("[4] travel-policy.pdf, page 2, characters 0-162")
        .anyMatch(s -> s.startsWith("[3] expenses.md, Hotels, characters "));
    assertThat(ex.resolve(".lam/memory.db.index")).isDirectory();

    Lam.Result again = ex.run("handbook-qa.yaml", "--json");
    assertThat(again.code()).as(again.toString()).isEqualTo(0);
    assertThat((Map<String, Object>) state(again).get("ingested")).containsEntry("ingested", 0L).containsEntry("unchanged", 4L);
    assertThat(state(again).get("sources")).isEqualTo(sources);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCorruptOrOversizedFileIsAWarningInTheReportAndTheAnswerStillReplays() throws Exception {
    Files.writeString(ex.resolve("data/handbook/broken.pdf"), "%PDF-1.4\nnot really a PDF\n");
    Files.writeString(ex.resolve("data/handbook/huge.md"), "x".repeat(3 << 20));
    Lam.Result r = ex.run("handbook-qa.yaml", "--json");
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    List<String> skipped = (List<String>) ((Map<String, Object>) state(r).get("ingested")).get("skipped");
    assertThat(skipped).hasSize(2);
    assertThat(skipped.get(0)).startsWith("broken.pdf: not a readable PDF");
    assertThat(skipped.get(1)).isEqualTo("huge.md: 'huge.md' is 3145728 bytes; the limit is 2097152");
    assertThat((Map<String, Object>) state(r).get("verdict")).containsEntry("approve", true);
  }

  @Test
  void aRootThatIsNotADirectoryIsOneLineAtValidation() throws Exception {
    Path yaml = ex.resolve("handbook-qa.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("root: data/handbook", "root: data/no-such-folder"));
    Lam.Result r = Lam.run(tmp, "validate", yaml);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out() + r.err()).contains("error[MEMORY_ROOT]: memory node 'ingest': root 'data/no-such-folder' is not an existing directory")
        .doesNotContain("Exception");
  }

  @Test
  @SuppressWarnings("unchecked")
  void lamNodesDescribesTheDocumentAndCitationFields() {
    List<Object> json = Lam.run(tmp, "nodes", "--json").jsonList();
    Map<String, Object> props = properties(json, "memory");
    assertThat(props).containsKeys("root", "include", "split", "max_file_bytes", "max_files", "search", "filter", "citations");
    assertThat((Map<String, Object>) props.get("search")).containsEntry("enum", List.of("vector", "keyword", "hybrid", "exact"));
    assertThat((Map<String, Object>) props.get("op")).containsEntry("enum", List.of("store", "recall", "forget", "trim", "ingest", "link", "neighbours", "path", "expand"));
    assertThat(String.valueOf(((Map<String, Object>) properties(json, "reviewer").get("citations")).get("description")))
        .contains("every claim");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(List<Object> nodes, String name) {
    Map<String, Object> node = (Map<String, Object>) nodes.stream()
        .filter(o -> name.equals(((Map<String, Object>) o).get("name"))).findFirst().orElseThrow();
    return (Map<String, Object>) ((Map<String, Object>) node.get("config_schema")).get("properties");
  }
}
