package dev.lamgraph.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.engine.testing.PackageRules;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
  void aBackEdgeAddedToTheRealGraphIsCaught() throws Exception {
    PackageRules rules = PackageRules.fromReadme(Path.of("README.md"));
    Map<String, Set<String>> deps = new TreeMap<>();
    PackageRules.jdeps(Path.of("target/classes"), "dev.lamgraph.engine").forEach((k, v) -> deps.put(k, new TreeSet<>(v)));
    deps.get("engine.util").add("engine.trace"); // as when EnvRefs called Redactor.global()
    deps.get("engine.spec").add("engine.load"); // as when NodeSpec held load.YNode
    assertThat(rules.violations(deps)).containsExactlyInAnyOrder(
        "package cycle: engine.expr <-> engine.load <-> engine.node <-> engine.spec", // load no longer uses check (parseOrThrow is gone)
        "package cycle: engine.trace <-> engine.util",
        "engine.spec -> engine.load: against the allowed direction (engine.load is above it)",
        "engine.util -> engine.trace: against the allowed direction (engine.trace is above it)");
  }

  @Test
  void theNodeSpiUsesOnlyTheWorkflowRecordsCelAndUtilities() {
    var deps = PackageRules.jdeps(Path.of("target/classes"), "dev.lamgraph.engine.node");
    assertThat(deps.get("engine.node")).containsOnly("engine.spec", "engine.expr", "engine.util");
  }
}
