package dev.lamgraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A file a workflow's tool call reads ({@code cat FILE}) that holds the call until the test opens
 * it: a FIFO the test keeps open for writing, so a reader blocks until {@link #open()}. Opening puts
 * a regular file in its place (later calls go straight through) and closes the FIFO (a call
 * already waiting reads its end). A run cannot get past a closed gate however fast it is.
 */
final class Gate implements AutoCloseable {
  private final Path file;
  private FileChannel writer;

  private Gate(Path file, FileChannel writer) {
    this.file = file;
    this.writer = writer;
  }

  /** A closed gate at {@code file} (replacing what is there). */
  static Gate closed(Path file) throws IOException, InterruptedException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(mkfifo.exitValue()).as("mkfifo " + file).isZero();
    // read-write: on Linux opening a FIFO so never blocks, and it counts as a writer
    return new Gate(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  /** An open gate at {@code file}: a regular empty file. */
  static void open(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".gate", "");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Lets every call through: those to come read a regular file, the one waiting reads the FIFO's end. */
  void open() throws IOException {
    if (writer == null) return;
    open(file);
    writer.close();
    writer = null;
  }

  @Override
  public void close() throws IOException {
    open();
  }
}
