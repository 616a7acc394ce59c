package dev.lamgraph.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `lam mcp` as a process for MCP clients: the packaged CLI (target/lam.jar + lib) when failsafe says where, else this class path. */
final class McpServers {
  private McpServers() {}

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String classpath() {
    String jar = System.getProperty("lam.jar");
    String lib = System.getProperty("lam.lib");
    if (jar != null && lib != null && Files.isRegularFile(Path.of(jar))) return jar + File.pathSeparator + lib + "/*";
    return System.getProperty("java.class.path");
  }

  /** The argv of {@code lam mcp ARGS...}. */
  static List<String> command(String... args) {
    List<String> c = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-cp", classpath(), Main.class.getName(), "mcp"));
    c.addAll(List.of(args));
    return c;
  }

  /** The human-approval and counter workflows copied into {@code dir}. */
  static Path workflows(Path dir) throws IOException {
    Path w = Files.createDirectories(dir.resolve("flows"));
    Files.copy(Lam.workflow("human.yaml"), w.resolve("human.yaml"));
    Files.copy(Lam.COUNTER, w.resolve("counter.yaml"));
    return w;
  }
}
