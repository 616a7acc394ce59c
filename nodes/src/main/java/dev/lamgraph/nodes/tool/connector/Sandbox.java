package dev.lamgraph.nodes.tool.connector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The OS sandbox of tool processes (shell tools, stdio MCP servers): the command line that runs a
 * program under bubblewrap ({@code bwrap}). Inside, the process sees the system directories
 * ({@code /usr}, {@code /bin}, {@code /lib*}, a few files of {@code /etc}) read-only, the paths it
 * was given (read-only or read-write), a private {@code /proc}, {@code /dev} and {@code /tmp}, no
 * network unless allowed, and no other process; it dies with lamgraph and cannot reach the
 * terminal. Secrets are never put on the command line (other users could read it with {@code ps}):
 * the environment is prepared by the caller, and names that must not pass are {@code --unsetenv}.
 *
 * <pre>{@code
 * Sandbox s = new Sandbox(Path.of("/usr/bin/bwrap"), warned, System.err::println);
 * s.wrap(List.of("cat", "a.txt"), new Sandbox.Binds(List.of(root), List.of(), root, false, List.of()));
 * // [/usr/bin/bwrap, --die-with-parent, --new-session, --unshare-all, ..., --chdir, ROOT, --, cat, a.txt]
 * }</pre>
 *
 * With no {@code bwrap} ({@link #bwrap()} null), {@link #wrap} returns the command unchanged and
 * reports one warning through {@code warn} the first time (the flag is shared by the tools of one
 * run), unless the user chose {@code sandbox: none}.
 */
final class Sandbox {
  /** System directories bound read-only (or re-created as the same symbolic links). */
  static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");
  /** Files of /etc that programs need to start (dynamic linker, alternatives, users, time zone, certificates). */
  static final List<String> ETC = List.of("/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
      "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/ssl", "/etc/ca-certificates");
  /** Files of /etc bound too when the network is allowed (name resolution). */
  static final List<String> ETC_NETWORK = List.of("/etc/resolv.conf", "/etc/hosts", "/etc/host.conf", "/etc/gai.conf");

  /** What one sandboxed process may see: paths bound at their own (real) location. */
  record Binds(List<Path> readOnly, List<Path> writable, Path chdir, boolean network, List<String> unsetEnv) {}

  private final Path bwrap;
  private final boolean quiet;
  private final AtomicBoolean warned;
  private final Consumer<String> warn;

  /**
   * @param bwrap the bwrap binary, or null to run without a sandbox
   * @param quiet true when running without a sandbox was chosen ({@code sandbox: none}): no warning
   * @param warned shared by the tools of one run, so the missing sandbox is reported once
   */
  Sandbox(Path bwrap, boolean quiet, AtomicBoolean warned, Consumer<String> warn) {
    this.bwrap = bwrap;
    this.quiet = quiet;
    this.warned = warned;
    this.warn = warn;
  }

  /** The bwrap binary in use, or null when processes run without a sandbox. */
  Path bwrap() {
    return bwrap;
  }

  /** {@code argv} to run inside the sandbox (or {@code argv} itself without one). */
  List<String> wrap(List<String> argv, Binds b) {
    if (bwrap == null) {
      if (!quiet && warned.compareAndSet(false, true)) {
        warn.accept("lam: warning: bubblewrap (bwrap) was not found: shell tools and MCP servers run without an OS sandbox;"
            + " install bubblewrap, or set sandbox: none (or LAM_SANDBOX=none) to accept this");
      }
      return argv;
    }
    List<String> out = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--new-session", "--unshare-all"));
    if (b.network()) out.add("--share-net");
    for (String d : SYSTEM) system(out, Path.of(d));
    for (String f : ETC) bindExisting(out, f);
    if (b.network()) for (String f : ETC_NETWORK) bindExisting(out, f);
    out.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
    // parents before children, so a read-write directory inside a read-only one stays writable
    Map<Path, Boolean> binds = new LinkedHashMap<>();
    b.readOnly().forEach(p -> binds.put(p, false));
    b.writable().forEach(p -> binds.put(p, true));
    binds.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<Path, Boolean> e) -> e.getKey().getNameCount()))
        .forEach(e -> out.addAll(List.of(e.getValue() ? "--bind" : "--ro-bind", e.getKey().toString(), e.getKey().toString())));
    for (String name : b.unsetEnv()) out.addAll(List.of("--unsetenv", name));
    out.addAll(List.of("--chdir", b.chdir().toString(), "--"));
    out.addAll(argv);
    return out;
  }

  private static void system(List<String> out, Path dir) {
    try {
      if (Files.isSymbolicLink(dir)) {
        out.addAll(List.of("--symlink", Files.readSymbolicLink(dir).toString(), dir.toString()));
      } else if (Files.isDirectory(dir)) {
        out.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
      }
    } catch (IOException e) {
      // unreadable: left out of the sandbox
    }
  }

  private static void bindExisting(List<String> out, String file) {
    Path p = Path.of(file);
    if (!Files.exists(p)) return;
    try {
      out.addAll(List.of("--ro-bind", p.toRealPath().toString(), file));
    } catch (IOException e) {
      // a dangling link: left out
    }
  }
}
