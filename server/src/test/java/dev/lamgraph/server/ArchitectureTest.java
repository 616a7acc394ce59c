package dev.lamgraph.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PackageRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packages of server follow the layers in server/README.md: no cycle, nothing against the layers. */
class ArchitectureTest {
  @Test
  void packagesFollowTheRuleInTheReadme() throws Exception {
    var deps = PackageRules.jdeps(Path.of("target/classes"), "dev.lamgraph.server");
    assertThat(deps).containsKeys("server.api", "server.runs");
    assertThat(PackageRules.fromReadme(Path.of("README.md")).violations(deps)).isEmpty();
  }
}
