package dev.lamgraph.engine.exec;

import dev.lamgraph.engine.util.Printable;
import java.util.regex.Pattern;

/**
 * What a thread id may be. A new thread's id (chosen with {@code --thread}, or by an API caller)
 * is 1 to 128 of {@code A-Z a-z 0-9 . _ : -}: it appears in terminal output, file names and
 * one-line logs, so it can hold no space, newline or escape sequence. An id naming an existing
 * thread may also be a child thread's, which the executor names {@code PARENT/NODE@STEP} (see
 * {@code SubgraphRunner}); such a suffix may repeat, printable and at most 1024 characters in all.
 *
 * <pre>{@code
 * ThreadIds.checkNew("report-42");            // ok
 * ThreadIds.checkExisting("report-42/sub@2"); // ok: a subgraph's child thread
 * ThreadIds.checkNew("a\nb");                 // IllegalArgumentException, the newline shown as \n
 * }</pre>
 */
public final class ThreadIds {
  /** A new thread's id. */
  public static final Pattern NEW = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  /** The longest id of an existing (possibly nested child) thread. */
  public static final int MAX_EXISTING = 1024;

  private static final Pattern CHILD = Pattern.compile("(/[^/@]+@[0-9]+)+");
  private static final String RULE = "use 1 to 128 of A-Z a-z 0-9 . _ : -";

  private ThreadIds() {}

  /** Returns {@code id} when it is a valid new thread id, else throws naming the rule. */
  public static String checkNew(String id) {
    if (id == null || !NEW.matcher(id).matches()) throw new IllegalArgumentException(problem(id) + "; " + RULE);
    return id;
  }

  /** Returns {@code id} when it can name an existing thread (a new id, or a child thread's), else throws. */
  public static String checkExisting(String id) {
    if (id == null || id.length() > MAX_EXISTING) throw new IllegalArgumentException(problem(id) + "; " + RULE);
    int slash = id.indexOf('/');
    String root = slash < 0 ? id : id.substring(0, slash);
    boolean ok = NEW.matcher(root).matches();
    if (ok && slash >= 0) {
      for (int i = slash; ok && i < id.length(); i++) ok = !Printable.unsafe(id.charAt(i));
      ok = ok && CHILD.matcher(id.substring(slash)).matches();
    }
    if (!ok) {
      throw new IllegalArgumentException(problem(id) + "; " + RULE + (slash < 0 ? "" : ", then /NODE@STEP for a child thread"));
    }
    return id;
  }

  /** A new id derived from {@code base} (a workflow name, a thread id) plus {@code suffix}, within 128 characters. */
  public static String derived(String base, String suffix) {
    String b = base.replaceAll("[^A-Za-z0-9._:-]", "-");
    int room = 128 - suffix.length();
    return (b.length() > room ? b.substring(0, room) : b) + suffix;
  }

  private static String problem(String id) {
    if (id == null || id.isEmpty()) return "thread id is empty";
    return "invalid thread id '" + Printable.clip(id, 60) + "'";
  }
}
