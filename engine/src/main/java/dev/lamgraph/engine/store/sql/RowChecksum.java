package dev.lamgraph.engine.store.sql;

import dev.lamgraph.engine.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The checksum of a checkpoint row as stored: CRC-32C over the thread id, the step and the text
 * columns exactly as written (time, ran, next, writes, snapshot; UTF-8, each with its length, -1
 * for null), so a flipped bit in any of them, or a row moved to another thread or step, is found
 * when the row is read. Both SQL stores keep it in a {@code checksum} column; rows written before
 * that column existed have none and are accepted as they are.
 *
 * <pre>{@code
 * long sum = RowChecksum.of("t-1", 3, time, ran, next, writes, snapshot);   // when writing
 * RowChecksum.verify("t-1", 3, stored, time, ran, next, writes, snapshot); // when reading: CORRUPT on mismatch
 * }</pre>
 *
 * <p>It detects accidents (a bad disk, a torn copy, a hand edit), not tampering: whoever can write
 * the row can write a matching checksum.
 */
final class RowChecksum {
  private RowChecksum() {}

  /** The row's checksum, an unsigned 32-bit value. */
  static long of(String thread, long step, String time, String ran, String next, String writes, String snapshot) {
    CRC32C crc = new CRC32C();
    field(crc, thread);
    for (int shift = 56; shift >= 0; shift -= 8) crc.update((int) (step >>> shift));
    field(crc, time);
    field(crc, ran);
    field(crc, next);
    field(crc, writes);
    field(crc, snapshot);
    return crc.getValue();
  }

  /**
   * Throws {@link StoreException.Reason#CORRUPT} naming the step and thread when {@code stored}
   * (null for a row written before checksums) does not match the row's columns.
   */
  static void verify(String thread, long step, Long stored, String time, String ran, String next, String writes,
      String snapshot) {
    if (stored == null || stored == of(thread, step, time, ran, next, writes, snapshot)) return;
    throw new StoreException(StoreException.Reason.CORRUPT, "checkpoint " + step + " of thread " + thread
        + " is corrupt (checksum mismatch): the store was changed outside lamgraph; restore it from a backup,"
        + " or fork the thread from an earlier checkpoint (lam fork " + thread + " --from STEP)");
  }

  /** The string's UTF-8 bytes after their length (4 bytes, big-endian; -1 for null). */
  private static void field(CRC32C crc, String s) {
    byte[] b = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    int n = b == null ? -1 : b.length;
    for (int shift = 24; shift >= 0; shift -= 8) crc.update(n >>> shift);
    if (b != null) crc.update(b);
  }
}
