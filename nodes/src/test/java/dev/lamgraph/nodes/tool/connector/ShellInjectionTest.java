package dev.lamgraph.nodes.tool.connector;

import static dev.lamgraph.nodes.tool.ToolFixtures.codes;
import static dev.lamgraph.nodes.tool.ToolFixtures.registry;
import static dev.lamgraph.nodes.tool.ToolFixtures.toolDiagnostics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamgraph.nodes.tool.ToolRegistry;
import dev.lamgraph.nodes.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for issue 9 item 1, argument level: each performs the attack a probe made
 * against shell tools (an option smuggled in as a file name, paths out of the root, {@code sort
 * -o}) and checks it is refused before any process starts. They run with {@code sandbox: none}, so
 * the argument rules alone are what stops them; the payloads are shown to work when run directly.
 */
class ShellInjectionTest {
  @TempDir Path dir;
  Path inbox;
  Path outside;

  @BeforeEach
  void layout() throws Exception {
    inbox = Files.createDirectories(dir.resolve("mail/inbox"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.createDirectories(dir.resolve("scripts"));
    Files.writeString(dir.resolve("scripts/first-line.awk"), "END { printf \"{\\\"file\\\":\\\"%s\\\",\\\"lines\\\":%d}\\n\", FILENAME, NR }\n");
    Files.writeString(inbox.resolve("001-acme.eml"), "From: billing@acme.example\n");
    // an attacker mails two files: the program, and a name that makes awk load it with -f
    Files.writeString(inbox.resolve("payload.eml"), "BEGIN { system(\"touch PWNED\") }\n");
    Files.writeString(inbox.resolve("-fpayload.eml"), "hello\nworld\n");
  }

  private static String awkTool(String extra) {
    return "  extract: { type: shell, command: [awk, -f, ../../scripts/first-line.awk, \"{file}\"], allow: [awk], "
        + "root: mail/inbox, read_only_paths: [scripts], stdout: json, sandbox: none" + extra + " }";
  }

  @Test
  void anInboxFileNamedLikeAnAwkOptionIsRefusedAndRunsNothing() throws Exception {
    // the payload works when the file name reaches awk as an option (what lamgraph passed before)
    Process direct = new ProcessBuilder("awk", "-f", "../../scripts/first-line.awk", "-fpayload.eml").directory(inbox.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    assertThat(direct.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(inbox.resolve("PWNED")).exists();
    Files.delete(inbox.resolve("PWNED"));

    for (String extra : List.of("", ", paths: [file]")) {
      try (ToolRegistry r = registry(awkTool(extra), dir)) {
        ToolResult res = r.call("extract", Map.of("file", "-fpayload.eml"), null);
        assertThat(res.errorKind()).as(extra).isEqualTo("refused");
        assertThat(res.error()).isEqualTo("argument 'file' of tool 'extract' ('-fpayload.eml') starts with '-' and would be read"
            + " as an option; give a value without a leading '-' (or declare end_of_options: true if the program accepts '--')");
        ToolResult ok = r.call("extract", Map.of("file", "001-acme.eml"), null);
        assertThat(ok.ok()).as(String.valueOf(ok.error())).isTrue();
        assertThat(((Map<?, ?>) ok.value()).get("json")).isEqualTo(Map.of("file", "001-acme.eml", "lines", 1L));
      }
    }
    assertThat(inbox.resolve("PWNED")).doesNotExist();
    assertThat(dir.resolve("PWNED")).doesNotExist();
  }

  @Test
  void withEndOfOptionsTheSameNameIsReadAsAFileAfterDoubleDash() throws Exception {
    try (ToolRegistry r = registry(awkTool(", paths: [file], end_of_options: true"), dir)) {
      ToolResult res = r.call("extract", Map.of("file", "-fpayload.eml"), null);
      assertThat(res.ok()).as(String.valueOf(res.error())).isTrue();
      // awk read the file as data ("./-fpayload.eml" after --): payload.eml was never loaded as a program
      assertThat(((Map<?, ?>) res.value()).get("json")).isEqualTo(Map.of("file", "./-fpayload.eml", "lines", 2L));
      assertThat(new ShellArgv(List.of("awk", "-f", "x.awk", "{file}"), java.util.Set.of("awk"), java.util.Set.of(), true, false,
          Confinement.of(inbox)).build(Map.of("file", "-x"), inbox.toRealPath(), "t")).containsExactly("awk", "-f", "x.awk", "--", "-x");
    }
    assertThat(inbox.resolve("PWNED")).doesNotExist();
  }

  @Test
  void declaredPathsCannotLeaveTheRoot() throws Exception {
    String hostname = Files.readString(Path.of("/etc/hostname"));
    String parentEnviron = "/proc/" + ProcessHandle.current().pid() + "/environ"; // the tool's parent: lamgraph, with its API keys
    Files.createSymbolicLink(inbox.resolve("link.eml"), Path.of("/etc/hostname"));
    // undeclared, the argument is any path: /etc/hostname is read (what the probe did)
    try (ToolRegistry r = registry("  show: { type: shell, command: [cat, \"{file}\"], allow: [cat], root: mail/inbox, sandbox: none }", dir)) {
      assertThat(((Map<?, ?>) r.call("show", Map.of("file", "/etc/hostname"), null).value()).get("stdout")).isEqualTo(hostname);
    }
    try (ToolRegistry r = registry("  show: { type: shell, command: [cat, \"{file}\"], allow: [cat], root: mail/inbox, sandbox: none,"
        + " paths: [file] }", dir)) {
      for (String attack : List.of("/etc/hostname", "../../../etc/hostname", "../../outside", parentEnviron, "link.eml", "a\0b")) {
        ToolResult res = r.call("show", Map.of("file", attack), null);
        assertThat(res.errorKind()).as(attack).isEqualTo("refused");
        assertThat(res.error()).as(attack).containsAnyOf("outside the tool's root", "'..' is not allowed", "symbolic link", "NUL");
      }
      ToolResult dash = r.call("show", Map.of("file", "-n/etc/hostname"), null); // a model's plan tried this
      assertThat(dash.errorKind()).isEqualTo("refused");
      assertThat(dash.error()).contains("starts with '-'");
      assertThat(((Map<?, ?>) r.call("show", Map.of("file", "001-acme.eml"), null).value()).get("stdout"))
          .isEqualTo("From: billing@acme.example\n");
      assertThat(r.call("show", Map.of("file", "nope.eml"), null).errorKind()).isEqualTo("not_found");
    }
  }

  @Test
  void formatPathInParametersConfinesToo() throws Exception {
    try (ToolRegistry r = registry("""
          show:
            type: shell
            command: [cat, "{file}"]
            allow: [cat]
            root: mail/inbox
            sandbox: none
            parameters: { type: object, required: [file], properties: { file: { type: string, format: path } } }""", dir)) {
      assertThat(r.call("show", Map.of("file", "/etc/hostname"), null).errorKind()).isEqualTo("refused");
      assertThat(r.call("show", Map.of("file", "001-acme.eml"), null).ok()).isTrue();
    }
  }

  @Test
  void sortCannotBeToldToWriteOutsideTheRoot() throws Exception {
    Path target = outside.resolve("written-by-sort");
    Process direct = new ProcessBuilder("sort", "-o" + target, "001-acme.eml").directory(inbox.toFile()).start();
    assertThat(direct.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(target).exists(); // the attack works when the value reaches sort as an option
    Files.delete(target);
    try (ToolRegistry r = registry("  sorted: { type: shell, command: [sort, \"{file}\"], allow: [sort], root: mail/inbox, sandbox: none }", dir)) {
      ToolResult res = r.call("sorted", Map.of("file", "-o" + target), null);
      assertThat(res.errorKind()).isEqualTo("refused");
      assertThat(res.error()).contains("argument 'file'").contains("starts with '-'");
    }
    assertThat(target).doesNotExist();
  }

  @Test
  void optionsOfTheTemplateStillWorkAndAJoinedOptionValueMayStartWithADash() throws Exception {
    Files.writeString(inbox.resolve("log.txt"), "a\n-->x\nb\n");
    try (ToolRegistry r = registry("  g: { type: shell, command: [grep, -n, \"--regexp={pattern}\", \"{file}\"], allow: [grep], "
        + "root: mail/inbox, paths: [file], sandbox: none }", dir)) {
      ToolResult res = r.call("g", Map.of("pattern", "-->", "file", "log.txt"), null);
      assertThat(((Map<?, ?>) res.value()).get("stdout")).as(String.valueOf(res.error())).isEqualTo("2:-->x\n");
    }
  }

  @Test
  void aWritableToolMayNameANewFileUnderItsRootButNotOutside() throws Exception {
    try (ToolRegistry r = registry("  copy: { type: shell, command: [cp, 001-acme.eml, \"{to}\"], allow: [cp], root: mail/inbox, "
        + "paths: [to], writable: true }", dir)) {
      assertThat(r.call("copy", Map.of("to", "copy.eml"), null).ok()).isTrue();
      assertThat(inbox.resolve("copy.eml")).hasContent("From: billing@acme.example");
      assertThat(r.call("copy", Map.of("to", "../../outside/copy.eml"), null).errorKind()).isEqualTo("refused");
      assertThat(r.call("copy", Map.of("to", outside.resolve("copy.eml").toString()), null).errorKind()).isEqualTo("refused");
    }
    assertThat(outside.resolve("copy.eml")).doesNotExist();
  }

  @Test
  void compileChecksThePathAndSandboxKeys() {
    assertThat(codes(toolDiagnostics("  c: { type: shell, command: [cat, \"{file}\"], allow: [cat], root: ., paths: [fil] }", dir, Map.of())))
        .containsExactly("SHELL_PATHS_UNKNOWN tool 'c' (type shell): paths names 'fil', which is not a placeholder of the command's"
            + " arguments; placeholders: file");
    assertThat(codes(toolDiagnostics("  c: { type: shell, command: [cat, x], allow: [cat], root: ., read_only_paths: [nope] }", dir, Map.of())))
        .containsExactly("SANDBOX_PATH tool 'c' (type shell): read_only_paths entry 'nope' does not exist");
    assertThat(codes(toolDiagnostics("  c: { type: shell, command: [cat, x], allow: [cat], root: . }", dir, Map.of("LAM_SANDBOX", "off"))))
        .containsExactly("SANDBOX_MODE tool 'c' (type shell): LAM_SANDBOX='off' is not a sandbox mode; known: bwrap, none, required");
    assertThat(codes(toolDiagnostics("  c: { type: shell, command: [cat, x], allow: [cat], root: ., sandbox: off }", dir, Map.of())))
        .singleElement().asString().startsWith("SCHEMA");
  }
}
