package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code lam} process (the packaged CLI when failsafe says where it is, else this JVM's
 * class path) and its progress lines, as in {@link CrashResumeIT}; {@link Kill} kills one.
 */
final class LamProcess implements AutoCloseable {
  /** A progress line: step number and the nodes that ran ({@code a+b}). */
  static final Pattern PROGRESS = Pattern.compile("^ *(\\d+)  (\\S+)");

  final Process process;
  private final BufferedReader out;

  private LamProcess(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static LamProcess start(Path dir, Object... args) throws IOException {
    ProcessBuilder pb = builder(dir, args);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.txt").toFile()));
    return new LamProcess(pb.start());
  }

  /**
   * Runs {@code lam} in {@code dir} to the end with these environment variables added (a null value
   * removes one, e.g. a secret that a later inspecting process does not have).
   */
  static Lam.Result run(Path dir, Map<String, String> env, Object... args) throws IOException, InterruptedException {
    ProcessBuilder pb = builder(dir, args);
    env.forEach((k, v) -> {
      if (v == null) pb.environment().remove(k);
      else pb.environment().put(k, v);
    });
    Path out = Files.createTempFile("lam-out-", ".txt");
    Path err = Files.createTempFile("lam-err-", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("lam finished in time").isTrue();
      return new Lam.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static ProcessBuilder builder(Path dir, Object... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(), "dev.lamgraph.cli.Main"));
    for (Object a : args) cmd.add(String.valueOf(a));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("LAM_STORE");
    pb.environment().remove("LAM_STORE_KEY");
    return pb;
  }

  /** The next progress line as {step, nodes}, or null at the end of the output. */
  String[] nextStep() throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = PROGRESS.matcher(line);
      if (m.find()) return new String[] {m.group(1), m.group(2)};
    }
    return null;
  }

  /** Every remaining progress line's step number, then the exit code. */
  List<Long> remainingSteps() throws IOException {
    List<Long> steps = new ArrayList<>();
    for (String[] s; (s = nextStep()) != null; ) steps.add(Long.parseLong(s[0]));
    return steps;
  }

  int await() throws InterruptedException {
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("lam finished in time").isTrue();
    return process.exitValue();
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    out.close();
  }

  private static String classpath() {
    String jar = System.getProperty("lam.jar");
    String lib = System.getProperty("lam.lib");
    if (jar != null && lib != null && Files.isRegularFile(Path.of(jar))) return jar + File.pathSeparator + lib + "/*";
    return System.getProperty("java.class.path");
  }
}
