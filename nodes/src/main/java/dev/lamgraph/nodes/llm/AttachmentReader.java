package dev.lamgraph.nodes.llm;

import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.util.Sizes;
import dev.lamgraph.nodes.model.Attachment;
import dev.lamgraph.nodes.model.Model;
import dev.lamgraph.nodes.tool.ToolException;
import dev.lamgraph.nodes.tool.connector.SafeSources;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the values of a node's {@code attachments:} expressions into {@link Attachment}s, under the
 * node's {@link AttachmentPolicy}: a path under its root, an allow-listed URL, base64 (a
 * {@code data:} URI or {@code {base64: ...}}), a list of these, or nothing ({@code null} or
 * {@code ""}: skipped). Each is sized, its type detected from its bytes and checked against what
 * the model reads. Failures are node failures: {@code refused}, {@code too_large},
 * {@code attachment} (missing, unreadable, unknown type, bad base64) and
 * {@code attachment_unsupported} (the model does not read that type).
 */
final class AttachmentReader {
  private final String who;
  private final AttachmentPolicy policy;
  private final Model model;
  private final List<Attachment> out = new ArrayList<>();
  private long total;

  AttachmentReader(String who, AttachmentPolicy policy, Model model) {
    this.who = who;
    this.policy = policy;
    this.model = model;
  }

  List<Attachment> result() {
    return List.copyOf(out);
  }

  /** Adds the attachment(s) of one expression's value; {@code expr} names it in messages. */
  void add(Object value, String expr) throws NodeFailure {
    if (value == null || "".equals(value)) return;
    if (value instanceof List<?> l) {
      for (Object o : l) add(o, expr);
      return;
    }
    if (value instanceof Map<?, ?> m && m.size() == 1) {
      Object k = m.keySet().iterator().next();
      Object v = m.get(k);
      if (v instanceof String s && "path".equals(k)) {
        attach(readPath(s), s);
        return;
      }
      if (v instanceof String s && "url".equals(k)) {
        attach(fetch(s), where(s));
        return;
      }
      if (v instanceof String s && "base64".equals(k)) {
        attach(decode(s, expr), "base64");
        return;
      }
    }
    if (!(value instanceof String s)) {
      throw fail("attachment", "attachment " + expr + " is " + describe(value) + "; write a path, an http(s) URL, a data: URI,"
          + " {path|url|base64: STRING} or a list of these");
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:")) attach(dataUri(s, expr), "base64");
    else if (lower.startsWith("http://") || lower.startsWith("https://")) attach(fetch(s), where(s));
    else attach(readPath(s), s);
  }

  private byte[] readPath(String path) throws NodeFailure {
    if (policy.root() == null) {
      throw fail("refused", "attachment '" + path + "' is a file path, but no attachment_policy.root is declared to"
          + " read files from; add attachment_policy: { root: DIR }");
    }
    try {
      return SafeSources.readFile(policy.root(), path, policy.maxBytes());
    } catch (ToolException e) {
      throw failure(e, "attachment '" + path + "' (root " + policy.rootText() + ")");
    }
  }

  private byte[] fetch(String url) throws NodeFailure {
    try {
      return SafeSources.fetch(url, policy.allowHosts(), policy.allowPrivate(), policy.maxBytes(), policy.timeout());
    } catch (ToolException e) {
      throw failure(e, "attachment " + where(url));
    }
  }

  private byte[] dataUri(String uri, String expr) throws NodeFailure {
    int comma = uri.indexOf(',');
    String head = comma < 0 ? "" : uri.substring(5, comma).toLowerCase(Locale.ROOT);
    if (comma < 0 || !head.endsWith(";base64")) {
      throw fail("attachment", "attachment " + expr + " is a data: URI without base64 data (write data:MIME;base64,...)");
    }
    return decode(uri.substring(comma + 1), expr);
  }

  private byte[] decode(String b64, String expr) throws NodeFailure {
    String clean = b64.replaceAll("\\s+", "");
    long approx = clean.length() / 4L * 3;
    if (approx > policy.maxBytes() + 2) throw tooLarge("attachment " + expr + " (base64)", approx);
    try {
      return Base64.getDecoder().decode(clean);
    } catch (IllegalArgumentException e) {
      throw fail("attachment", "attachment " + expr + " is not valid base64: " + e.getMessage());
    }
  }

  private void attach(byte[] bytes, String source) throws NodeFailure {
    if (bytes.length > policy.maxBytes()) throw tooLarge("attachment '" + source + "'", bytes.length);
    String mime = MimeTypes.detect(bytes).orElseThrow(() -> fail("attachment", "attachment '" + source + "' is not one of "
        + MimeTypes.KNOWN + " (its first bytes: " + MimeTypes.head(bytes) + "); the type is read from the content, not the name"));
    String kind = Attachment.kindOf(mime);
    if (!model.accepts(kind)) {
      List<String> reads = model.attachmentKinds();
      throw fail("attachment_unsupported", "attachment '" + source + "' is " + mime + ", but " + model.config().describe()
          + " does not read " + kind + " attachments" + (reads.isEmpty() ? " (it reads text only)" : "; it reads: "
          + String.join(", ", reads)));
    }
    if (total + bytes.length > policy.maxTotal()) {
      throw fail("too_large", "attachments add up to more than max_total (" + Sizes.human(policy.maxTotal()) + ") with '"
          + source + "' (" + Sizes.human(bytes.length) + "); raise attachment_policy.max_total or send fewer");
    }
    total += bytes.length;
    out.add(new Attachment(mime, bytes, source));
  }

  private NodeFailure tooLarge(String what, long size) {
    return fail("too_large", what + " is " + Sizes.human(size) + ", over max_bytes (" + Sizes.human(policy.maxBytes())
        + "); raise attachment_policy.max_bytes or send a smaller file");
  }

  private NodeFailure failure(ToolException e, String what) {
    String kind = switch (e.kind()) {
      case ToolException.REFUSED -> "refused";
      case ToolException.TOO_LARGE -> "too_large";
      case ToolException.TIMEOUT -> "timeout";
      default -> "attachment";
    };
    String message = e.getMessage().replace("the tool's root", "attachment_policy.root"); // the file tool's words, our setting
    return fail(kind, what + ": " + message + (kind.equals("too_large") ? " (attachment_policy.max_bytes)" : ""));
  }

  private NodeFailure fail(String kind, String message) {
    return new NodeFailure(kind, who + ": " + message);
  }

  private static String describe(Object v) {
    return v instanceof Map<?, ?> ? "an object with keys " + ((Map<?, ?>) v).keySet() : "a " + v.getClass().getSimpleName();
  }

  /** Scheme, host and path only: a query may carry a key. */
  static String where(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
