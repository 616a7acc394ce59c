package dev.lamgraph.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Regenerate with {@code mvn test -Dlam.golden.update=true} and review the
 * diff before committing.
 */
final class Golden {
  static final boolean UPDATE = Boolean.getBoolean("lam.golden.update");

  private Golden() {}

  static void assertMatches(Path golden, String actual) throws IOException {
    if (UPDATE || !Files.exists(golden)) {
      if (!UPDATE && System.getenv("CI") != null) {
        throw new AssertionError("missing golden file " + golden + "; generate it with -Dlam.golden.update=true");
      }
      Files.createDirectories(golden.toAbsolutePath().getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("golden file %s (regenerate with -Dlam.golden.update=true)", golden)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
