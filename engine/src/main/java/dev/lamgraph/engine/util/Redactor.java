package dev.lamgraph.engine.util;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets known to one workflow session (the {@code ${env:...}} values its compile resolved,
 * the sealed values its store opened) and the one function that
 * masks them as {@code ***} on the way out: trace events, progress lines, printed states, JSON
 * output, error messages, HTML pages and OTLP spans. It never changes what a run computes:
 * checkpoints keep exact values (a secret-bearing value is stored encrypted, see {@code
 * store/SealedStore}) and only what leaves for people or files is masked.
 *
 * <p>Each secret is matched in the forms output gives it: as is, JSON-escaped (a secret with a
 * quote, backslash or control character inside a printed JSON string), HTML-escaped, and both.
 * Longer forms are replaced first, so a secret that contains another is masked whole.
 *
 * <p>There is no process-wide redactor: whoever opens a session (the CLI per command, a server per
 * workflow) makes one and hands it to the compiler, the store and the run options, so two workflows
 * in one process never mask, seal or see each other's secrets.
 *
 * <pre>{@code
 * Redactor secrets = new Redactor();
 * secrets.addSecret(env.get("TOKEN"));
 * out.println(secrets.redact(text));
 * }</pre>
 */
public final class Redactor {
  public static final String MASK = "***";
  /** Values shorter than this are ignored: too likely to be ordinary text. */
  public static final int MIN_LENGTH = 4;
  /** One form of a secret as it may appear in output, and the secret it masks. */
  private record Form(String text, String secret) {}

  private final Set<String> secrets = new LinkedHashSet<>();
  /** Every form of every secret, longest first; replaced as a whole on change (read without locking). */
  private volatile Form[] forms = new Form[0];

  /** Registers a secret; values shorter than {@link #MIN_LENGTH} characters are ignored. */
  public synchronized void addSecret(String value) {
    if (value == null || value.length() < MIN_LENGTH || !secrets.add(value)) return;
    Set<String> variants = new LinkedHashSet<>();
    String json = new String(JsonStringEncoder.getInstance().quoteAsString(value));
    for (String v : List.of(value, json)) {
      variants.add(v);
      variants.add(html(v));
    }
    List<Form> all = new ArrayList<>(Arrays.asList(forms));
    for (String v : variants) all.add(new Form(v, value));
    all.sort(Comparator.comparingInt((Form f) -> f.text().length()).reversed());
    forms = all.toArray(new Form[0]);
  }

  /** Registers every secret {@code other} knows (a compiled graph's secrets joining its run's). */
  public void addAll(Redactor other) {
    if (other == this) return;
    List<String> theirs;
    synchronized (other) {
      theirs = List.copyOf(other.secrets);
    }
    for (String s : theirs) addSecret(s);
  }

  public boolean isEmpty() {
    return forms.length == 0;
  }

  /** {@code s} with every form of every secret replaced by {@link #MASK}. */
  public String redact(String s) {
    Form[] fs = forms;
    if (s == null || fs.length == 0) return s;
    String out = s;
    for (Form f : fs) if (out.contains(f.text())) out = out.replace(f.text(), MASK);
    return out;
  }

  /**
   * Where {@code s} can be cut so that the part before can be masked on its own ({@link
   * StreamMask}): before any end of {@code s} that could be the start of a secret (in any form)
   * and before any secret that crosses that point. {@code s.length()} when nothing is held back.
   */
  public int safeEnd(String s) {
    Form[] fs = forms;
    if (s == null) return 0;
    int p = s.length() - partialAtEnd(fs, s);
    for (boolean moved = true; moved; ) {
      moved = false;
      for (Form f : fs) {
        String t = f.text();
        for (int i = s.indexOf(t); i >= 0 && i < p; i = s.indexOf(t, i + 1)) {
          if (i + t.length() > p) {
            p = i;
            moved = true;
          }
        }
      }
    }
    return p;
  }

  private static int partialAtEnd(Form[] fs, String s) {
    int best = 0;
    for (Form f : fs) {
      String t = f.text();
      for (int n = Math.min(t.length() - 1, s.length()); n > best; n--) {
        if (s.regionMatches(s.length() - n, t, 0, n)) {
          best = n;
          break;
        }
      }
    }
    return best;
  }

  /**
   * The secrets that occur in {@code s} (in any form), in registration order of their forms'
   * lengths; empty when none does. One {@code contains} per form, like {@link #redact}.
   */
  public List<String> secretsIn(String s) {
    Form[] fs = forms;
    if (s == null || fs.length == 0) return List.of();
    Set<String> found = null;
    for (Form f : fs) {
      if (s.contains(f.text())) {
        if (found == null) found = new LinkedHashSet<>();
        found.add(f.secret());
      }
    }
    return found == null ? List.of() : List.copyOf(found);
  }

  /** Redacts strings (and map keys) anywhere inside a JSON-shaped value; returns the same object when there are no secrets. */
  public Object redactValue(Object v) {
    if (forms.length == 0) return v;
    if (v instanceof String s) return redact(s);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(redactValue(o));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, o) -> out.put(redact(String.valueOf(k)), redactValue(o)));
      return out;
    }
    return v;
  }

  private static String html(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
