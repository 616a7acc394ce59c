package dev.lamgraph.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory and its files read-only for this process, as read-only media would be: with
 * {@code chmod} for a normal user; as root (whom permission bits do not stop) with {@code chattr +i}.
 * Skips the test (an assumption) only when neither stops a write here.
 */
final class ReadOnlyDir implements AutoCloseable {
  private final Path dir;
  private final List<Path> locked = new ArrayList<>();
  private final boolean chattr;

  private ReadOnlyDir(Path dir, boolean chattr) {
    this.dir = dir;
    this.chattr = chattr;
  }

  static ReadOnlyDir lock(Path dir) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    ReadOnlyDir ro = new ReadOnlyDir(dir, root);
    List<Path> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(all::add);
    }
    all.add(dir);
    for (Path p : all) {
      if (ro.set(p, true)) ro.locked.add(p);
    }
    try {
      Files.delete(Files.createFile(dir.resolve("probe")));
    } catch (IOException expected) {
      return ro; // writes are refused: read-only
    }
    ro.close();
    Assumptions.abort("cannot make " + dir + " read-only here (" + (root ? "chattr +i" : "chmod") + " did not stop a write)");
    return ro;
  }

  private boolean set(Path p, boolean on) throws IOException, InterruptedException {
    if (!chattr) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
          Files.isDirectory(p) ? (on ? "r-xr-xr-x" : "rwxr-xr-x") : (on ? "r--r--r--" : "rw-r--r--")));
      return true;
    }
    try {
      Process pr = new ProcessBuilder("chattr", on ? "+i" : "-i", p.toString()).redirectErrorStream(true).start();
      pr.getInputStream().readAllBytes();
      return pr.waitFor() == 0;
    } catch (IOException e) {
      return false; // no chattr: the probe write will tell
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (Path p : locked) set(p, false);
    locked.clear();
  }

  Path dir() {
    return dir;
  }
}
