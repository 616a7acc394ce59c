package dev.lamgraph.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PackageRules;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages follow the dependency rule written in engine/README.md ("Package map"):
 * no package cycle, no dependency against the layers. A new package or dependency that breaks it
 * fails here with one line per breach.
 */
class ArchitectureTest {
  @Test
  void packagesFollowTheRuleInTheReadme() throws Exception {
    PackageRules rules = PackageRules.fromReadme(Path.of("README.md"));
    var deps = PackageRules.jdeps(Path.of("target/classes"), "dev.lamgraph.engine");
    assertThat(deps).hasSizeGreaterThan(10);
    assertThat(rules.violations(deps)).isEmpty();
  }

  @Test
  void theNodeSpiUsesOnlyTheWorkflowRecordsCelAndUtilities() {
    var deps = PackageRules.jdeps(Path.of("target/classes"), "dev.lamgraph.engine.node");
    assertThat(deps.get("engine.node")).containsOnly("engine.spec", "engine.expr", "engine.util");
  }
}
