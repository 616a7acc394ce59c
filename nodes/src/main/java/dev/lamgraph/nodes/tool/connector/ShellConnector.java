package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.engine.util.Json;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.Placeholders;
import dev.lamgraph.nodes.tool.Tool;
import dev.lamgraph.nodes.tool.ToolConnector;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import dev.lamgraph.nodes.tool.ToolSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code type: shell}: runs a program with an argv array; {@code {arg}} placeholders are filled per
 * element, so an argument is always one argv element and never reaches a shell. The program
 * (argv[0] after substitution) must be in {@code allow}; the process runs in {@code root} (or a
 * {@code cwd} under it) with a minimal environment; on timeout the whole process tree is killed.
 * An argument never becomes an option ({@link ShellArgv}); path arguments ({@code paths}) are
 * confined to the root; the process runs in an OS {@link Sandbox} (bubblewrap) that sees the root
 * read-only (read-write with {@code writable: true}), {@code read_only_paths}, the system
 * directories, and no network unless {@code network: true}.
 *
 * <pre>{@code
 * tools:
 *   grep_notes:
 *     type: shell
 *     command: [grep, -rn, "--regexp={pattern}", "{dir}"]
 *     allow: [grep]
 *     root: ./notes
 *     paths: [dir]
 *     ok_exit_codes: [0, 1]
 * }</pre>
 */
public final class ShellConnector implements ToolConnector {
  static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "csh", "tcsh", "fish", "busybox");

  @Override
  public String name() {
    return "shell";
  }

  @Override
  public String summary() {
    return "Runs an allow-listed program with an argv array (no shell), confined to a root directory.";
  }

  @Override
  public String configSchema() {
    return ToolSchemas.connector("""
        "command": {"type": "array", "minItems": 1, "items": {"type": "string"}, "description": "argv; {arg} placeholders filled per element"},
        "allow": %1$s,
        "root": {"type": "string", "description": "directory the process runs in (relative to the workflow file)"},
        "cwd": {"type": "string", "description": "working directory under root; may use {arg}"},
        "env": {"type": "object", "additionalProperties": {"type": "string"}, "description": "extra environment; values may use ${env:NAME}"},
        "max_output": %2$s,
        "ok_exit_codes": {"type": "array", "items": {"type": "integer"}, "description": "exit codes that are not failures (default [0])"},
        "stdout": {"enum": ["text", "json"], "description": "json: parse stdout as JSON into the result's 'json' (invalid JSON is an error observation)"},
        "paths": {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "placeholders that are paths under root (also: format: path in parameters): absolute paths, '..' and symbolic links out of root are refused; the program gets the confined path"},
        "end_of_options": {"type": "boolean", "description": "insert -- before the first argument that starts with a placeholder, so values may start with '-' (default false: such values are refused)"},
        "writable": {"type": "boolean", "description": "in the sandbox, the process may write under root (default false: root is read-only)"},
        %3$s"""
        .formatted(ToolSchemas.STRINGS, ToolSchemas.SIZE, SandboxConfig.SCHEMA), List.of("command", "allow", "root"));
  }

  @Override
  public String example() {
    return """
        tools:
          word_count:
            type: shell
            description: Counts lines, words and bytes of a file in the workspace.
            command: [wc, "{file}"]
            allow: [wc]
            root: ./workspace
            paths: [file]
            timeout: 5s""";
  }

  private final Consumer<String> warnings;

  /** Warnings (a missing sandbox, once per run) go to standard error. */
  public ShellConnector() {
    this(System.err::println);
  }

  /** Warnings go to {@code warnings}. */
  public ShellConnector(Consumer<String> warnings) {
    this.warnings = warnings;
  }

  @Override
  public List<Tool> create(ToolDeclaration d) {
    List<String> command = d.strings("command");
    Set<String> allow = new LinkedHashSet<>(d.strings("allow"));
    boolean ok = true;
    String exe = command.get(0);
    if (Placeholders.names(exe).isEmpty() && !allow.contains(exe)) {
      d.error(NodesCodes.SHELL_NOT_ALLOWED, "command", "program '" + exe + "' is not in allow; allowed: " + String.join(", ", allow));
      ok = false;
    }
    if (SHELLS.contains(Path.of(exe).getFileName().toString()) && command.contains("-c")) {
      d.error(NodesCodes.SHELL_STRING, "command", "'" + exe + " -c' runs a shell string; give the program and its arguments as argv elements");
      ok = false;
    }
    Optional<Path> root = d.path("root");
    Confinement confinement = null;
    try {
      if (root.isPresent() && Files.isDirectory(root.get())) confinement = Confinement.of(root.get());
    } catch (IOException e) {
      confinement = null;
    }
    if (confinement == null) {
      d.error(NodesCodes.TOOL_ROOT, "root", "root '" + root.map(Path::toString).orElse("") + "' is not an existing directory");
      ok = false;
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (var e : d.stringMap("env").entrySet()) {
      Optional<String> v = d.resolveSecret(e.getValue(), "env");
      if (v.isEmpty()) ok = false;
      else env.put(e.getKey(), v.get());
    }
    Set<String> names = new LinkedHashSet<>();
    command.forEach(c -> names.addAll(Placeholders.names(c)));
    d.string("cwd").ifPresent(c -> names.addAll(Placeholders.names(c)));
    Optional<String> schema = d.parametersFor(names, "command");
    Optional<Sandbox> sandbox = SandboxConfig.sandbox(d, warnings);
    Optional<List<Path>> readOnly = SandboxConfig.readOnlyPaths(d);
    if (!ok || schema.isEmpty() || sandbox.isEmpty() || readOnly.isEmpty()) return List.of();
    Set<String> paths = pathParameters(d, schema.get(), command);
    if (paths == null) return List.of();
    Set<Long> okCodes = new LinkedHashSet<>();
    d.get("ok_exit_codes").ifPresent(n -> ((List<?>) n.plain()).forEach(c -> okCodes.add(((Number) c).longValue())));
    if (okCodes.isEmpty()) okCodes.add(0L);
    String path = d.env().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    ShellArgv argv = new ShellArgv(command, allow, paths, d.bool("end_of_options", false), d.bool("writable", false), confinement);
    ShellTool.Settings s = new ShellTool.Settings(argv, d.string("cwd").orElse(null), env, path, d.size("max_output", 64 * 1024),
        okCodes, "json".equals(d.string("stdout").orElse("text")), sandbox.get(), readOnly.get(), d.bool("network", false));
    return List.of(new ShellTool(d, schema.get(), s));
  }

  /**
   * The path placeholders: {@code paths} plus properties declared {@code format: path}; each must be
   * a placeholder of {@code command} (else {@code SHELL_PATHS_UNKNOWN}, and null).
   */
  private static Set<String> pathParameters(ToolDeclaration d, String schema, List<String> command) {
    Set<String> inCommand = new LinkedHashSet<>();
    command.stream().skip(1).forEach(c -> inCommand.addAll(Placeholders.names(c)));
    Set<String> out = new LinkedHashSet<>(d.strings("paths"));
    for (String n : out) {
      if (!inCommand.contains(n)) {
        d.error(NodesCodes.SHELL_PATHS_UNKNOWN, "paths", "paths names '" + n + "', which is not a placeholder of the command's arguments; "
            + "placeholders: " + (inCommand.isEmpty() ? "(none)" : String.join(", ", inCommand)));
        return null;
      }
    }
    if (Json.readMap(schema).get("properties") instanceof Map<?, ?> props) {
      props.forEach((k, v) -> {
        if (v instanceof Map<?, ?> p && "path".equals(p.get("format")) && inCommand.contains(String.valueOf(k))) out.add(String.valueOf(k));
      });
    }
    return out;
  }
}
