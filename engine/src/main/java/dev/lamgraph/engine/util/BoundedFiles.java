package dev.lamgraph.engine.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole text file, but never more than a limit. The size the file system reports is not
 * trusted ({@code /dev/zero} and FIFOs report 0 and never end): the bytes are read through a
 * stream and reading stops at the first byte past the limit.
 *
 * <pre>{@code
 * String text = BoundedFiles.readUtf8(Path.of("a.yaml"), 2 * 1024 * 1024); // or TooLargeException
 * }</pre>
 */
public final class BoundedFiles {
  private BoundedFiles() {}

  /** The file holds more than the limit. */
  public static final class TooLargeException extends IOException {
    private final long limit;

    public TooLargeException(Path path, long limit) {
      super(path + " is larger than " + Sizes.human(limit));
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  /** At most {@code limit} bytes of the file, or {@link TooLargeException} when it holds more. */
  public static byte[] read(Path path, long limit) throws IOException {
    if (limit < 0 || limit > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("limit " + limit);
    // a regular file that says it is too large is refused without reading it
    if (Files.isRegularFile(path) && Files.size(path) > limit) throw new TooLargeException(path, limit);
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes((int) limit + 1);
      if (bytes.length > limit) throw new TooLargeException(path, limit);
      return bytes;
    }
  }

  /**
   * As {@link #read}, decoded as UTF-8; malformed input is an error
   * ({@link java.nio.charset.MalformedInputException}), as with {@link Files#readString(Path)}.
   */
  public static String readUtf8(Path path, long limit) throws IOException {
    byte[] bytes = read(path, limit);
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }
}
