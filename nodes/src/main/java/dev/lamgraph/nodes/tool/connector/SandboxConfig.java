package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.tool.ToolDeclaration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The sandbox keys of a {@code shell} tool or a stdio {@code mcp} server, and the {@link Sandbox}
 * they ask for. {@code sandbox:} {@code bwrap} (the default: bubblewrap when installed, otherwise
 * no sandbox and one warning per run), {@code none} (no sandbox, no warning) or {@code required}
 * (bubblewrap or the workflow does not compile, {@code SANDBOX_REQUIRED}); a tool without the key
 * takes {@code LAM_SANDBOX} from the compile's environment ({@code CompileContext.env()}, never the
 * process's: two workflows in one process each have their own). {@code LAM_BWRAP} of that
 * environment names the binary (default: {@code bwrap} on its {@code PATH}).
 *
 * <pre>{@code
 * tools:
 *   extract:
 *     type: shell
 *     command: [awk, -f, ../scripts/extract.awk, "{file}"]
 *     sandbox: required
 *     read_only_paths: [scripts]     # the script lives outside root
 *     network: false                 # the default
 * }</pre>
 */
final class SandboxConfig {
  static final String MODE_ENV = "LAM_SANDBOX";
  static final String BINARY_ENV = "LAM_BWRAP";
  static final List<String> MODES = List.of("bwrap", "none", "required");
  /** JSON Schema members of the sandbox keys, for connector schemas. */
  static final String SCHEMA = """
      "sandbox": {"enum": ["bwrap", "none", "required"], "description": "OS sandbox: bwrap (default; bubblewrap when installed, else none with one warning per run), none, or required (refuse to run without bubblewrap); default from LAM_SANDBOX"},
      "network": {"type": "boolean", "description": "in the sandbox, allow network access (default false: no network at all, not even loopback)"},
      "read_only_paths": {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "more files or directories the sandboxed process may read (relative to the workflow file), e.g. scripts outside root"}""";

  /** The sandbox keys of a stdio MCP server: those of shell tools and {@code writable_paths}. */
  static final String MCP_SCHEMA = SCHEMA + """
      ,
      "writable_paths": {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "directories a sandboxed stdio server may write (relative to the workflow file)"}""";

  /** One flag per compile (= per run), shared by all tools, so a missing bwrap is reported once. */
  private static final Map<Object, AtomicBoolean> WARNED = Collections.synchronizedMap(new WeakHashMap<>());

  private SandboxConfig() {}

  /** The sandbox of this tool, or empty after reporting a problem at its keys. */
  static Optional<Sandbox> sandbox(ToolDeclaration d, Consumer<String> warn) {
    String mode = d.string("sandbox").orElse(null);
    if (mode == null) {
      mode = d.env().getOrDefault(MODE_ENV, "").strip();
      if (mode.isEmpty()) mode = "bwrap";
      if (!MODES.contains(mode)) {
        d.error(NodesCodes.SANDBOX_MODE, (String) null, MODE_ENV + "='" + mode + "' is not a sandbox mode; known: " + String.join(", ", MODES));
        return Optional.empty();
      }
    }
    AtomicBoolean warned = WARNED.computeIfAbsent(d.problems(), k -> new AtomicBoolean());
    if (mode.equals("none")) return Optional.of(new Sandbox(null, true, warned, warn));
    Optional<Path> bwrap = locate(d.env());
    if (bwrap.isEmpty() && mode.equals("required")) {
      d.error(NodesCodes.SANDBOX_REQUIRED, d.get("sandbox").isPresent() ? "sandbox" : null, "sandbox: required, but bubblewrap ("
          + d.env().getOrDefault(BINARY_ENV, "bwrap on PATH") + ") was not found; install bubblewrap (apt-get install bubblewrap)");
      return Optional.empty();
    }
    return Optional.of(new Sandbox(bwrap.orElse(null), false, warned, warn));
  }

  /** The bwrap binary: {@code LAM_BWRAP} when set, else {@code bwrap} on {@code PATH}; empty when not executable. */
  static Optional<Path> locate(Map<String, String> env) {
    String explicit = env.get(BINARY_ENV);
    if (explicit != null && !explicit.isBlank()) return executable(explicit);
    for (String dir : env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Optional<Path> p = executable(dir + "/bwrap");
      if (p.isPresent()) return p;
    }
    return Optional.empty();
  }

  private static Optional<Path> executable(String file) {
    try {
      Path p = Path.of(file).toAbsolutePath();
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** {@code read_only_paths} as real paths; empty after reporting {@code SANDBOX_PATH} for one that does not exist. */
  static Optional<List<Path>> readOnlyPaths(ToolDeclaration d) {
    List<Path> out = new ArrayList<>();
    boolean ok = true;
    for (String s : d.strings("read_only_paths")) {
      try {
        out.add(d.compile().baseDir().resolve(s).toRealPath());
      } catch (IOException | InvalidPathException e) {
        d.error(NodesCodes.SANDBOX_PATH, "read_only_paths", "read_only_paths entry '" + s + "' does not exist");
        ok = false;
      }
    }
    return ok ? Optional.of(List.copyOf(out)) : Optional.empty();
  }

  /**
   * The argv of a stdio MCP server inside its sandbox (its {@code command} itself without one): it
   * sees the current and the workflow's directory read-only, {@code read_only_paths}, {@code
   * writable_paths}, and of lamgraph's environment only PATH, HOME, LANG and {@code env}; null
   * after reporting a problem.
   */
  static List<String> mcpCommand(ToolDeclaration d, Map<String, String> env, Consumer<String> warnings) {
    Optional<Sandbox> sandbox = sandbox(d, warnings);
    Optional<List<Path>> readOnly = readOnlyPaths(d);
    List<Path> writable = new ArrayList<>();
    for (String w : d.strings("writable_paths")) {
      try {
        writable.add(d.compile().baseDir().resolve(w).toRealPath());
      } catch (IOException | InvalidPathException e) {
        d.error(NodesCodes.SANDBOX_PATH, "writable_paths", "writable_paths entry '" + w + "' does not exist");
        return null;
      }
    }
    if (sandbox.isEmpty() || readOnly.isEmpty()) return null;
    Path cwd = Path.of("").toAbsolutePath();
    List<Path> visible = new ArrayList<>(List.of(cwd, d.compile().baseDir().toAbsolutePath().normalize()));
    visible.addAll(readOnly.get());
    // the transport starts the server with the environment this JVM hands every child process, plus env: in the
    // sandbox, the rest is unset by name (values stay off argv). Those names are what the OS passes down, whatever
    // environment this workflow was compiled with, so both are unset (the compile's may differ from the process's).
    TreeSet<String> names = new TreeSet<>(new ProcessBuilder().environment().keySet());
    names.addAll(d.env().keySet());
    List<String> unset = new ArrayList<>(names);
    unset.removeAll(env.keySet());
    unset.removeAll(List.of("PATH", "HOME", "LANG"));
    return sandbox.get().wrap(d.strings("command"), new Sandbox.Binds(visible, writable, cwd, d.bool("network", false), unset));
  }
}
