package dev.lamgraph.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PackageRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The packages of nodes follow the rule in nodes/README.md: no cycle, no dependency against the
 * layers, and no engine package beyond the node SPI and the two listed exceptions.
 */
class ArchitectureTest {
  @Test
  void packagesFollowTheRuleInTheReadme() throws Exception {
    var deps = PackageRules.jdeps(Path.of("target/classes"), "dev.lamgraph.nodes");
    assertThat(deps).containsKeys("nodes.planner", "nodes.tool.connector");
    assertThat(PackageRules.fromReadme(Path.of("README.md")).violations(deps)).isEmpty();
  }
}
