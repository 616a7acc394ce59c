package dev.lamgraph.engine.store.sql;

import dev.lamgraph.engine.store.Checkpoint;
import dev.lamgraph.engine.store.RunStatus;
import dev.lamgraph.engine.store.StoreException;
import dev.lamgraph.engine.store.ThreadInfo;
import dev.lamgraph.engine.trace.TraceEvent;
import dev.lamgraph.engine.util.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The row mapping the SQL stores share: threads, checkpoints (with their {@link RowChecksum}) and
 * events as text columns, times as fixed-width UTC text. Column names that differ between the
 * stores are theirs; the order of the values bound and read here is the same for both.
 *
 * <pre>{@code
 * // INSERT INTO checkpoints (thread, step, ran, writes, next, time, snapshot, checksum) VALUES (?, ?, ...)
 * ps.setString(1, threadId);
 * SqlRows.bindCheckpoint(ps, 2, threadId, checkpoint);
 * // SELECT step, ran, writes, next, time, snapshot, checksum FROM checkpoints WHERE ...
 * Checkpoint cp = SqlRows.checkpoint(threadId, rs); // CORRUPT when the checksum does not match
 * }</pre>
 */
public final class SqlRows {
  /** A checkpoint row's columns, in {@link #bindCheckpoint} and {@link #checkpoint} order. */
  public static final String CHECKPOINT_COLUMNS = "step, ran, writes, next, time, snapshot, checksum";
  /** An event row's columns after its thread, in {@link Event#bind} (after the thread) and {@link #event} order. */
  public static final String EVENT_COLUMNS = "seq, step, kind, node, time, data";

  private SqlRows() {}

  /** An event encoded before the transaction starts, so encoding failures touch nothing. */
  public record Event(long step, String kind, String node, String time, String data) {
    /** Encodes events (kind required; time in 0000-9999). */
    public static List<Event> of(List<TraceEvent> events) {
      return events.stream()
          .map(e -> new Event(e.step(), Objects.requireNonNull(e.kind(), "event kind"), e.node(), SqlRows.time(e.time()),
              Json.write(e.data())))
          .toList();
    }

    /** Binds thread, then {@link #EVENT_COLUMNS} (7 parameters) from parameter {@code i}; returns the next index. */
    public int bind(PreparedStatement ps, int i, String thread, long seq) throws SQLException {
      ps.setString(i, thread);
      ps.setLong(i + 1, seq);
      ps.setLong(i + 2, step);
      ps.setString(i + 3, kind);
      ps.setString(i + 4, node);
      ps.setString(i + 5, time);
      ps.setString(i + 6, data);
      return i + 7;
    }
  }

  /**
   * {@code 2025-01-02T03:04:05.123456789Z}: fixed width, so text order is time order (years
   * 0000-9999), and exact to the nanosecond. Written by hand: a DateTimeFormatter costs more than
   * the rest of an event's encoding.
   */
  public static String time(Instant t) {
    long second = Objects.requireNonNull(t, "time").getEpochSecond();
    Second c = lastSecond;
    if (c == null || c.epochSecond != second) lastSecond = c = new Second(second, datePrefix(t));
    StringBuilder b = new StringBuilder(30).append(c.prefix);
    return pad(b, t.getNano(), 9).append('Z').toString();
  }

  /** The text of one epoch second ({@code 2026-12-02T06:00:00.}), kept: a step formats three times, mostly in the same second. */
  private record Second(long epochSecond, String prefix) {}

  private static volatile Second lastSecond;

  private static String datePrefix(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    if (d.getYear() < 0 || d.getYear() > 9999) {
      throw new IllegalArgumentException("time out of range (years 0000-9999): " + t);
    }
    StringBuilder b = new StringBuilder(20);
    pad(b, d.getYear(), 4).append('-');
    pad(b, d.getMonthValue(), 2).append('-');
    pad(b, d.getDayOfMonth(), 2).append('T');
    pad(b, d.getHour(), 2).append(':');
    pad(b, d.getMinute(), 2).append(':');
    pad(b, d.getSecond(), 2).append('.');
    return b.toString();
  }

  private static StringBuilder pad(StringBuilder b, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) b.append('0');
    return b.append(s);
  }

  /** Reads {@link #time}'s text (any ISO-8601 instant too). */
  public static Instant instant(String s) {
    if (s.length() != 30) return Instant.parse(s);
    LocalDateTime d = LocalDateTime.of(num(s, 0, 4), num(s, 5, 7), num(s, 8, 10), num(s, 11, 13), num(s, 14, 16),
        num(s, 17, 19), num(s, 20, 29));
    return d.toInstant(ZoneOffset.UTC);
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }

  /**
   * Binds a thread row from parameter 1, in the order id, workflow, file, source, input, status,
   * step, detail, owner, created, updated (11 parameters), with {@code step} as its step.
   */
  public static void bindThread(PreparedStatement ps, ThreadInfo t, long step) throws SQLException {
    ps.setString(1, t.id());
    ps.setString(2, t.workflow());
    ps.setString(3, t.file());
    ps.setString(4, t.source());
    ps.setString(5, t.inputJson());
    ps.setString(6, Objects.requireNonNull(t.status(), "status").id());
    ps.setLong(7, step);
    ps.setString(8, t.detailJson());
    ps.setString(9, t.owner());
    ps.setString(10, time(t.created()));
    ps.setString(11, time(t.updated()));
  }

  /** A thread selected in {@link #bindThread} order. */
  public static ThreadInfo thread(ResultSet rs) throws SQLException {
    return new ThreadInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        RunStatus.parse(rs.getString(6)), rs.getLong(7), rs.getString(8), rs.getString(9), instant(rs.getString(10)),
        instant(rs.getString(11)));
  }

  /**
   * Binds {@link #CHECKPOINT_COLUMNS} of a row of {@code thread} (with the row's {@link
   * RowChecksum}) from parameter {@code i}; returns the next index.
   */
  public static int bindCheckpoint(PreparedStatement ps, int i, String thread, Checkpoint cp) throws SQLException {
    String ran = NodeNames.write(cp.ran());
    String next = NodeNames.write(cp.next());
    String time = time(cp.time());
    ps.setLong(i, cp.step());
    ps.setString(i + 1, ran);
    ps.setString(i + 2, cp.writesJson());
    ps.setString(i + 3, next);
    ps.setString(i + 4, time);
    ps.setString(i + 5, cp.snapshotJson());
    ps.setLong(i + 6, RowChecksum.of(thread, cp.step(), time, ran, next, cp.writesJson(), cp.snapshotJson()));
    return i + 7;
  }

  /** A row of {@link #CHECKPOINT_COLUMNS} of {@code thread}, after checking its checksum (CORRUPT when it does not match). */
  public static Checkpoint checkpoint(String thread, ResultSet rs) throws SQLException {
    long step = rs.getLong(1);
    String ran = rs.getString(2), writes = rs.getString(3), next = rs.getString(4), time = rs.getString(5);
    String snapshot = rs.getString(6);
    long sum = rs.getLong(7);
    RowChecksum.verify(thread, step, rs.wasNull() ? null : sum, time, ran, next, writes, snapshot);
    return new Checkpoint(step, NodeNames.read(ran), writes, NodeNames.read(next), instant(time), snapshot);
  }

  /** A row of {@link #EVENT_COLUMNS}, as an event of {@code thread}. */
  public static TraceEvent event(String thread, ResultSet rs) throws SQLException {
    return new TraceEvent(rs.getLong(1), thread, rs.getLong(2), rs.getString(3), rs.getString(4),
        instant(rs.getString(5)), Json.readMap(rs.getString(6)));
  }

  /**
   * Why a commit of {@code step} by {@code owner} was refused, given the thread's owner ({@code
   * held}, null when free) and latest step: CONFLICT naming the owner, else the step.
   */
  public static StoreException commitRefused(String threadId, String owner, String held, long at, long step) {
    if (!owner.equals(held)) {
      return new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is owned by "
          + (held == null ? "nobody" : held) + ", not " + owner);
    }
    return new StoreException(StoreException.Reason.CONFLICT, "thread '" + threadId + "' is at step " + at
        + "; cannot commit step " + step);
  }

  /** NOT_FOUND for a thread id. */
  public static StoreException notFound(String threadId) {
    return new StoreException(StoreException.Reason.NOT_FOUND, "no thread '" + threadId + "'");
  }
}
