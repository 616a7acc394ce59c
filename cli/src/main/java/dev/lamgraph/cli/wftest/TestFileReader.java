package dev.lamgraph.cli.wftest;

import com.networknt.schema.Schema;
import dev.lamgraph.cli.wftest.TestSpec.Assertion;
import dev.lamgraph.cli.wftest.TestSpec.Case;
import dev.lamgraph.cli.wftest.TestSpec.Count;
import dev.lamgraph.cli.wftest.TestSpec.EventExpect;
import dev.lamgraph.cli.wftest.TestSpec.Expect;
import dev.lamgraph.cli.wftest.TestSpec.ModelAnswer;
import dev.lamgraph.cli.wftest.TestSpec.ToolAnswer;
import dev.lamgraph.engine.load.SourceText;
import dev.lamgraph.engine.load.YamlReader;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.node.SchemaCheck;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.BoundedFiles;
import dev.lamgraph.engine.util.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code *.test.yaml} strictly, as workflows are read: YAML with positions and no
 * duplicate keys, then the test-file JSON Schema ({@link #schemaText()}), then what only the
 * workflow can tell ({@link TestChecks}): names of nodes, tools and models, CEL that compiles.
 * Every problem is reported at once as {@code file:line:col: error[CODE]: message}.
 *
 * <pre>{@code
 * Problems p = new Problems();
 * Optional<TestSpec> spec = TestFileReader.read(Path.of("graphs/counter.test.yaml"), "counter.test.yaml", checks, p);
 * }</pre>
 */
public final class TestFileReader {
  /** The suffix of test files. */
  public static final String SUFFIX = ".test.yaml";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static volatile Schema schema;

  private TestFileReader() {}

  /** The JSON Schema of test files. */
  public static String schemaText() {
    try (InputStream in = TestFileReader.class.getResourceAsStream("test.schema.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema schema() {
    if (schema == null) schema = SchemaCheck.compile(schemaText());
    return schema;
  }

  /** Reads and checks {@code file}; empty when it has errors (all of them are in {@code problems}). */
  public static Optional<TestSpec> read(Path file, String name, TestChecks checks, Problems problems) {
    String text;
    try {
      byte[] bytes = BoundedFiles.read(file, YamlReader.MAX_CHARS);
      Optional<String> t = SourceText.decode(name, bytes, problems);
      if (t.isEmpty()) return Optional.empty();
      text = t.get();
    } catch (BoundedFiles.TooLargeException e) {
      problems.error(Codes.FILE_TOO_LARGE, new Pos(name, 1, 1), "the test file is larger than 1 MiB");
      return Optional.empty();
    } catch (IOException e) {
      problems.error(Codes.FILE_UNREADABLE, new Pos(name, 1, 1), "cannot read the test file: " + e.getMessage());
      return Optional.empty();
    }
    Optional<YNode> root = YamlReader.read(name, text, problems);
    if (root.isEmpty()) return Optional.empty();
    int before = errors(problems);
    SchemaCheck.check(schema(), root.get(), "test file", problems);
    if (errors(problems) > before || !(root.get() instanceof YNode.YMap top)) return Optional.empty();
    String wf = YRead.string(top, "workflow");
    String base = file.getFileName().toString();
    Path workflow = file.toAbsolutePath().getParent().resolve(wf != null ? wf
        : base.substring(0, base.length() - SUFFIX.length()) + ".yaml").normalize();
    List<Case> cases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YNode c : YRead.list(top.get("cases").orElse(null))) {
      YNode.YMap m = (YNode.YMap) c;
      Case k = readCase(m, file, problems);
      if (!names.add(k.name())) {
        problems.error(TestCodes.TEST_DUPLICATE_CASE, m.valuePos("name"), "case '" + k.name() + "' is written twice; names must differ");
      }
      cases.add(k);
    }
    TestSpec spec = new TestSpec(file, name, workflow, cases);
    checks.check(spec, top, problems);
    return errors(problems) > before ? Optional.empty() : Optional.of(spec);
  }

  private static Case readCase(YNode.YMap m, Path file, Problems problems) {
    String name = YRead.string(m, "name");
    Map<String, List<ToolAnswer>> tools = new LinkedHashMap<>();
    YNode.YMap t = YRead.map(m, "tools");
    if (t != null) {
      t.entries().forEach((k, e) -> {
        List<ToolAnswer> l = new ArrayList<>();
        for (YNode a : YRead.list(e.value())) l.add(toolAnswer((YNode.YMap) a));
        tools.put(k, l);
      });
    }
    Path replay = null;
    Map<String, List<ModelAnswer>> models = new LinkedHashMap<>();
    YNode.YMap ms = YRead.map(m, "models");
    if (ms != null) {
      for (var e : ms.entries().values()) {
        if (e.key().equals("replay")) {
          replay = file.toAbsolutePath().getParent().resolve(String.valueOf(e.value().plain())).normalize();
          if (!Files.isRegularFile(replay)) {
            problems.error(TestCodes.TEST_REPLAY_FILE, e.value().pos(), "replay file " + replay + " does not exist");
          }
          continue;
        }
        List<ModelAnswer> l = new ArrayList<>();
        for (YNode a : YRead.list(e.value())) l.add(modelAnswer(a));
        models.put(e.key(), l);
      }
    }
    Map<String, List<Map<String, Object>>> answers = new LinkedHashMap<>();
    YNode.YMap as = YRead.map(m, "answers");
    if (as != null) {
      as.entries().forEach((k, e) -> {
        List<Map<String, Object>> l = new ArrayList<>();
        for (YNode a : YRead.list(e.value())) l.add(YRead.plainMap(a));
        answers.put(k, l);
      });
    }
    String to = YRead.string(m, "timeout");
    Duration timeout = to == null ? DEFAULT_TIMEOUT : Durations.parse(to).orElse(DEFAULT_TIMEOUT);
    return new Case(name, m.pos(), YRead.plainMap(m.get("input").orElse(null)), tools, replay, models, answers, timeout,
        expect(YRead.map(m, "expect"), problems));
  }

  private static ToolAnswer toolAnswer(YNode.YMap a) {
    return new ToolAnswer(a.get("returns").map(YNode::plain).orElse(null), a.get("returns").isPresent(),
        YRead.string(a, "fail"), YRead.string(a, "message"), YRead.integer(a, "after"));
  }

  private static ModelAnswer modelAnswer(YNode a) {
    if (!(a instanceof YNode.YMap m)) return new ModelAnswer(a.plain(), null, null);
    if (m.get("fail").isPresent()) return new ModelAnswer(null, YRead.string(m, "fail"), YRead.string(m, "message"));
    Map<String, Object> v = YRead.plainMap(m);
    if (v.containsKey("json")) v.put("text", v.remove("json"));
    return new ModelAnswer(v, null, null);
  }

  private static Expect expect(YNode.YMap e, Problems problems) {
    List<Assertion> asserts = new ArrayList<>();
    for (YNode a : YRead.list(e.get("assert").orElse(null))) {
      if (a instanceof YNode.YMap am) {
        asserts.add(new Assertion(YRead.string(am, "cel"), YRead.string(am, "message"), am.valuePos("cel")));
      } else {
        asserts.add(new Assertion(String.valueOf(a.plain()), null, a.pos()));
      }
    }
    List<String> path = null;
    String match = "exact";
    YNode p = e.get("path").orElse(null);
    if (p instanceof YNode.YMap pm) {
      path = YRead.strings(pm.get("nodes").orElse(null));
      if (YRead.string(pm, "match") != null) match = YRead.string(pm, "match");
    } else if (p != null) {
      path = YRead.strings(p);
    }
    List<EventExpect> events = new ArrayList<>();
    for (YNode ev : YRead.list(e.get("events").orElse(null))) {
      YNode.YMap em = (YNode.YMap) ev;
      String kind = em.get("tool").isPresent() ? "tool" : em.get("model").isPresent() ? "model" : "node";
      Count c = count(em.get("count").orElse(null), problems);
      events.add(new EventExpect(kind, YRead.string(em, kind), YRead.string(em, "where"), c == null ? new Count(1, null) : c,
          em.pos()));
    }
    Map<String, Object> state = e.get("state").isPresent() ? YRead.plainMap(e.get("state").get()) : null;
    String status = YRead.string(e, "status");
    String pausedAt = YRead.string(e, "paused_at");
    String kind = YRead.string(e, "failure_kind");
    if (pausedAt != null && status != null && !status.equals("paused") || kind != null && status != null && !status.equals("failed")
        || pausedAt != null && kind != null) {
      problems.error(TestCodes.TEST_CONTRADICTION, e.pos(), "expect says status " + (status == null ? "paused" : status)
          + (pausedAt == null ? "" : ", paused_at " + pausedAt) + (kind == null ? "" : ", failure_kind " + kind)
          + "; a run ends one way only");
    }
    return new Expect(status, pausedAt, kind, state, asserts, path, match, events, count(e.get("steps").orElse(null), problems));
  }

  private static Count count(YNode n, Problems problems) {
    if (n == null) return null;
    if (n instanceof YNode.YMap m) {
      Integer min = YRead.integer(m, "min");
      Integer max = YRead.integer(m, "max");
      if (min != null && max != null && min > max) {
        problems.error(TestCodes.TEST_CONTRADICTION, m.pos(), "count min " + min + " is greater than max " + max);
      }
      return new Count(min, max);
    }
    int v = ((Long) n.plain()).intValue();
    return new Count(v, v);
  }

  private static int errors(Problems p) {
    return (int) p.list().stream().filter(d -> d.isError()).count();
  }
}
