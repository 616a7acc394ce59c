package dev.lamgraph.server;

import static dev.lamgraph.server.StudioFixtures.copy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.server.workflows.ServedPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServedPaths}: what the server answers over HTTP names workflow files relative to the served folder. */
@SuppressWarnings("unchecked")
class ServedPathsTest {
  @TempDir Path dir;

  @Test
  void theServedFolderIsTakenOutOfStringsAndNothingElse() {
    ServedPaths p = new ServedPaths(List.of(Path.of("/srv/flows"), Path.of("/srv/flows/nested"), Path.of("/")));
    assertThat(p.relative("/srv/flows/a.yaml:3:5: error[X]: cannot read /srv/flows/prompts/p.txt"))
        .isEqualTo("a.yaml:3:5: error[X]: cannot read prompts/p.txt");
    assertThat(p.relative("/srv/flows/nested/b.yaml:1:1")).isEqualTo("b.yaml:1:1");
    assertThat(p.relative("served from /srv/flows.")).isEqualTo("served from ..");
    assertThat(p.relative("/srv/flows")).isEqualTo(".");
    assertThat(p.relative("/srv/flows2/a.yaml and /srv/flows.v2 /srv/flowsy /etc/passwd")).isEqualTo("/srv/flows2/a.yaml and /srv/flows.v2 /srv/flowsy /etc/passwd");
    assertThat(p.relative(null)).isNull();
    assertThat(p.relativeValue(Map.of("/srv/flows/k", List.of("/srv/flows/x.yaml", 3L, Map.of("f", "/srv/flows/y")))))
        .isEqualTo(Map.of("k", List.of("x.yaml", 3L, Map.of("f", "y"))));
  }

  @Test
  void diagnosticsAndErrorsOverHttpNameFilesRelativeToTheServedFolder() {
    copy("approval.yaml", dir);
    copy("broken.yaml", dir);
    String abs = dir.toAbsolutePath().toString();
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Reply assistants = s.post("/assistants/search", Map.of());
      TestServer.Reply studio = s.get("/studio/api/workflows");
      TestServer.Reply one = s.get("/studio/api/workflows/broken");
      TestServer.Reply run = s.post("/threads/b-1/runs", Map.of("assistant_id", "broken", "input", Map.of(), "if_not_exists", "create"));
      assertThat(run.status()).isEqualTo(422);
      for (TestServer.Reply r : List.of(assistants, studio, one, run)) {
        assertThat(r.body()).contains("broken.yaml").doesNotContain(abs);
      }
      Map<String, Object> broken = one.map();
      assertThat(broken).containsEntry("file", "broken.yaml");
      assertThat((List<Map<String, Object>>) broken.get("diagnostics")).isNotEmpty()
          .allSatisfy(d -> assertThat(d).containsEntry("file", "broken.yaml"));
    }
  }
}
