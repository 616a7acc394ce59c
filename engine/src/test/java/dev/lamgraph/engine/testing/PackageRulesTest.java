package dev.lamgraph.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package rule checker on made-up graphs: each kind of breach is caught, a clean graph passes. */
class PackageRulesTest {
  private final PackageRules rules = new PackageRules(List.of(List.of("x.exec"), List.of("x.load", "x.check"),
      List.of("x.node"), List.of("x.spec")));

  @Test
  void aGraphThatFollowsTheLayersPasses() {
    assertThat(rules.violations(Map.of("x.exec", Set.of("x.load", "x.check", "x.spec"), "x.load", Set.of("x.node"),
        "x.node", Set.of("x.spec"), "x.spec", Set.of()))).isEmpty();
  }

  @Test
  void aCycleIsReportedAsACycleAndAsAnEdgeAgainstTheDirection() {
    var v = rules.violations(Map.of("x.spec", Set.of("x.load"), "x.load", Set.of("x.node"), "x.node", Set.of("x.spec")));
    assertThat(v).containsExactlyInAnyOrder("package cycle: x.load <-> x.node <-> x.spec",
        "x.spec -> x.load: against the allowed direction (x.load is above it)");
  }

  @Test
  void anUpwardEdgeWithoutACycleIsReported() {
    assertThat(rules.violations(Map.of("x.node", Set.of("x.exec"))))
        .containsExactly("x.node -> x.exec: against the allowed direction (x.exec is above it)");
  }

  @Test
  void packagesOfOneLayerMayNotUseEachOther() {
    assertThat(rules.violations(Map.of("x.load", Set.of("x.check"))))
        .containsExactly("x.load -> x.check: against the allowed direction (x.check is in the same layer)");
  }

  @Test
  void aPackageOutsideTheRuleMustBePlaced() {
    assertThat(rules.violations(Map.of("x.server", Set.of("x.exec"), "x.exec", Set.of("x.http"))))
        .containsExactlyInAnyOrder("package x.server is not in the package rule; place it in a layer",
            "x.exec -> x.http: x.http is not in the package rule");
  }

  @Test
  void cyclesFindsEveryStronglyConnectedGroup() {
    assertThat(PackageRules.cycles(Map.of("a", Set.of("b"), "b", Set.of("a", "c"), "c", Set.of("d"), "d", Set.of("c"),
        "e", Set.of("a")))).containsExactlyInAnyOrder(List.of("a", "b"), List.of("c", "d"));
  }

  @Test
  void theRuleIsReadFromTheReadmeBlock(@TempDir Path dir) throws Exception {
    Path readme = Files.writeString(dir.resolve("README.md"), "# m\n<!-- package-layers -->\n```text\nx.top   # note\n\n"
        + "x.a, x.b\nx.low\n```\n");
    var r = PackageRules.fromReadme(readme);
    assertThat(r.violations(Map.of("x.top", Set.of("x.a", "x.low"), "x.a", Set.of("x.low")))).isEmpty();
    assertThat(r.violations(Map.of("x.low", Set.of("x.top")))).hasSize(1);
    Path bad = Files.writeString(dir.resolve("BAD.md"), "no block\n");
    assertThatThrownBy(() -> PackageRules.fromReadme(bad)).hasMessageContaining("package-layers");
  }

  @Test
  void jdepsReadsTheRealClassesOfThisModule() {
    var deps = PackageRules.jdeps(Path.of("target/classes"), "dev.lamgraph.engine");
    assertThat(deps).containsKeys("engine.node", "engine.exec");
    assertThat(deps.get("engine.exec")).contains("engine.node", "engine.store").doesNotContain("engine.exec");
  }
}
