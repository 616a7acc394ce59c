package dev.lamgraph.nodes.llm;

import dev.lamgraph.engine.expr.EvalException;
import dev.lamgraph.engine.expr.Expr;
import dev.lamgraph.engine.node.CompileContext;
import dev.lamgraph.engine.node.NodeContext;
import dev.lamgraph.engine.node.NodeFailure;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Durations;
import dev.lamgraph.engine.util.Sizes;
import dev.lamgraph.nodes.NodesCodes;
import dev.lamgraph.nodes.model.Attachment;
import dev.lamgraph.nodes.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code attachments:} of an {@code llm}, {@code planner} or {@code reviewer} node: CEL
 * expressions over {@code state} and {@code input} whose values are images or PDF documents sent
 * next to the prompt, read under the node's {@code attachment_policy:} (see {@link AttachmentReader}
 * for the values, {@link AttachmentPolicy} for the limits). Compiling checks the expressions, the
 * root and that the node's model reads attachments at all (code {@code ATTACHMENT_UNSUPPORTED},
 * naming the model), and of the kind an item declares ({@code kind: image|pdf}).
 *
 * <pre>{@code
 * extract:
 *   type: llm
 *   prompt: "Read the invoice."
 *   attachments: ["state.scan_path", { from: "input.invoice_pdf", kind: pdf }]
 *   attachment_policy: { root: data/scans, max_bytes: 5MiB }
 * }</pre>
 */
public final class Attachments {
  /** The node config keys, as JSON Schema members to splice into a node's {@code properties}. */
  public static final String SCHEMA = """
      "attachments":{"type":"array","description":"images and PDFs sent with the prompt: CEL over state and input whose value is a path under attachment_policy.root, an allow-listed http(s) URL, a data: URI, {path|url|base64: STRING}, a list of these, or null/'' (skipped); the type is read from the bytes (PNG, JPEG, GIF, WebP, PDF)",
        "items":{"oneOf":[{"type":"string"},{"type":"object","additionalProperties":false,"required":["from"],
          "properties":{"from":{"type":"string","description":"CEL expression"},
                        "kind":{"enum":["image","pdf"],"description":"what it must be: checked against the model at compile time"}}}]}},
      "attachment_policy":{"type":"object","additionalProperties":false,"description":"where attachments may come from and how large they may be",
        "properties":{"root":{"type":"string","description":"directory file paths are confined to (relative to the workflow; no .., no absolute path outside, no symlink escape)"},
          "allow_hosts":{"type":"array","items":{"type":"string"},"description":"hosts attachment URLs may name (none: URLs refused)"},
          "allow_private":{"type":"boolean","description":"let URLs reach loopback/private/link-local addresses (default false)"},
          "max_bytes":%s,"max_total":%s,"timeout":{"type":"string","pattern":"^[0-9]+(ms|s|m)$","description":"per download (default 30s)"}}}"""
      .formatted(sizeSchema("one attachment (default 5MiB)"), sizeSchema("all attachments of one call (default 20MiB)"));

  private static final Attachments NONE = new Attachments(List.of(), List.of(), null, null, "");

  private final List<Expr> exprs;
  private final List<String> sources;
  private final AttachmentPolicy policy;
  private final Model model;
  private final String who;

  private Attachments(List<Expr> exprs, List<String> sources, AttachmentPolicy policy, Model model, String who) {
    this.exprs = exprs;
    this.sources = sources;
    this.policy = policy;
    this.model = model;
    this.who = who;
  }

  private static String sizeSchema(String what) {
    return "{\"oneOf\":[{\"type\":\"integer\",\"minimum\":1},{\"type\":\"string\",\"pattern\":\"^[0-9]+(B|KB|KiB|MB|MiB|GB|GiB)$\"}],"
        + "\"description\":\"limit of " + what + "\"}";
  }

  /** No attachments. */
  public static Attachments none() {
    return NONE;
  }

  public boolean isEmpty() {
    return exprs.isEmpty();
  }

  /**
   * The attachments of a node's {@code config} sent to {@code model} (null when the model could not
   * be built: only the expressions are checked then); empty when a problem was reported.
   */
  public static Optional<Attachments> compile(YNode.YMap config, Model model, String who, CompileContext ctx) {
    if (!(config.get("attachments").orElse(null) instanceof YNode.YList list)) return Optional.of(NONE);
    boolean ok = true;
    List<Expr> exprs = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (YNode item : list.items()) {
      String src = item instanceof YNode.YMap m ? m.string("from").orElse("") : String.valueOf(item.plain());
      Pos pos = item instanceof YNode.YMap m ? m.valuePos("from") : item.pos();
      Optional<Expr> e = ctx.expression(src, pos, who + " attachment");
      if (e.isEmpty()) ok = false;
      else {
        exprs.add(e.get());
        sources.add(src);
      }
      if (model != null && item instanceof YNode.YMap m && m.string("kind").isPresent() && !model.attachmentKinds().isEmpty()
          && !model.accepts(m.string("kind").get())) {
        ctx.problems().error(NodesCodes.ATTACHMENT_UNSUPPORTED, m.valuePos("kind"), who + " attaches " + m.string("kind").get()
            + " (" + src + "), but " + model.config().describe() + " does not read " + m.string("kind").get() + " attachments; it reads: "
            + String.join(", ", model.attachmentKinds()) + "; use a model that does, or declare its inputs: on the model");
        ok = false;
      }
    }
    if (model != null && model.attachmentKinds().isEmpty()) {
      ctx.problems().error(NodesCodes.ATTACHMENT_UNSUPPORTED, config.valuePos("attachments"), who + " sends attachments, but "
          + model.config().describe() + " reads text only" + (model.config().inputs().isPresent()
          ? " (inputs: " + model.config().inputs().get() + ")"
          : " (provider " + model.config().provider() + ": if it does read images or documents, declare inputs: [text, image]"
          + " or [text, image, pdf] on it)") + "; use a model that reads them, or drop attachments:");
      ok = false;
    }
    AttachmentPolicy policy = policy(config, who, ctx);
    if (policy == null || !ok) return Optional.empty();
    return Optional.of(new Attachments(List.copyOf(exprs), List.copyOf(sources), policy, model, who));
  }

  private static AttachmentPolicy policy(YNode.YMap config, String who, CompileContext ctx) {
    YNode.YMap p = config.get("attachment_policy").orElse(null) instanceof YNode.YMap m ? m : new YNode.YMap(Map.of(), config.pos());
    Path root = null;
    String rootText = p.string("root").orElse(null);
    if (rootText != null) {
      root = ctx.baseDir().resolve(rootText).normalize();
      if (!Files.isDirectory(root)) {
        ctx.problems().error(NodesCodes.ATTACHMENT_ROOT, p.valuePos("root"), who + " attachment_policy.root '" + rootText
            + "' is not an existing directory (resolved to " + root + ")");
        return null;
      }
    }
    List<String> hosts = new ArrayList<>();
    if (p.get("allow_hosts").orElse(null) instanceof YNode.YList l) l.items().forEach(i -> hosts.add(String.valueOf(i.plain())));
    boolean allowPrivate = Boolean.TRUE.equals(p.get("allow_private").map(YNode::plain).orElse(false));
    long max = size(p, "max_bytes", AttachmentPolicy.DEFAULT_MAX_BYTES);
    long total = size(p, "max_total", Math.max(max, AttachmentPolicy.DEFAULT_MAX_TOTAL));
    var timeout = p.string("timeout").flatMap(Durations::parse).orElse(AttachmentPolicy.DEFAULT_TIMEOUT);
    return new AttachmentPolicy(root, rootText, List.copyOf(hosts), allowPrivate, max, total, timeout);
  }

  private static long size(YNode.YMap p, String key, long dflt) {
    Object v = p.get(key).map(YNode::plain).orElse(null);
    if (v instanceof Number n) return n.longValue();
    return v instanceof String s ? Sizes.parse(s).orElse(dflt) : dflt;
  }

  /**
   * Reads every attachment for one call (a {@code attachments} trace event lists each one's
   * source, type, size and hash); empty when the node has none.
   */
  public List<Attachment> load(NodeContext ctx) throws NodeFailure {
    if (exprs.isEmpty()) return List.of();
    AttachmentReader r = new AttachmentReader(who, policy, model);
    for (int i = 0; i < exprs.size(); i++) {
      Object v;
      try {
        v = exprs.get(i).eval(ctx.state(), ctx.input());
      } catch (EvalException e) {
        throw new NodeFailure("expression_error", who + " attachment " + sources.get(i) + " failed: " + e.getMessage());
      }
      r.add(v, sources.get(i));
    }
    List<Attachment> out = r.result();
    List<Object> listed = new ArrayList<>();
    for (Attachment a : out) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", a.source());
      m.put("mime_type", a.mimeType());
      m.put("bytes", (long) a.size());
      m.put("sha256", a.sha256());
      listed.add(m);
    }
    ctx.event("attachments", Map.of("count", (long) out.size(), "items", listed));
    return out;
  }
}
