package dev.lamgraph.engine.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.lamgraph.engine.node.Codes;
import dev.lamgraph.engine.node.Problems;
import dev.lamgraph.engine.spec.Pos;
import dev.lamgraph.engine.spec.YNode;
import dev.lamgraph.engine.util.Sizes;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Strict YAML to {@link YNode}: tabs in indentation, duplicate keys, anchors/aliases, multiple
 * documents and syntax errors are all reported with their position.
 *
 * <p>Hostile input is refused before it costs much: text over {@link #MAX_CHARS} is not parsed,
 * the first anchor or alias stops reading (aliases are never expanded, so an anchor bomb builds
 * nothing), and nesting deeper than {@link #MAX_DEPTH} stops reading too.
 *
 * <pre>{@code
 * Optional<YNode> root = YamlReader.read("a.yaml", "name: demo\n", problems); // a YMap at 1:1
 * }</pre>
 */
public final class YamlReader {
  /** The largest workflow text read (characters; a file's bytes are checked against the same number). */
  public static final int MAX_CHARS = 1024 * 1024;
  /** The deepest nesting of mappings and lists read; workflows need about ten levels. */
  public static final int MAX_DEPTH = 64;
  /** YAML 1.2 booleans: only true/false, so a node named `no` or `on` stays a name. */
  private static final YAMLFactory FACTORY = new YAMLFactory().rebuild() // keeps the defaults (empty value = null)
      .loaderOptions(loaderOptions())
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1)
          .maxStringLength(MAX_CHARS).maxDocumentLength(MAX_CHARS + 1L).build())
      .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
      .build();

  private YamlReader() {}

  /** SnakeYAML's own guards, in case anything ever composes a tree with it: no alias expansion at all. */
  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setMaxAliasesForCollections(0);
    o.setAllowRecursiveKeys(false);
    o.setNestingDepthLimit(MAX_DEPTH + 1);
    o.setCodePointLimit(MAX_CHARS + 1);
    return o;
  }

  /** Reading stopped at a construct that is refused outright (already reported). */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  /** Parses {@code text}; returns empty (with problems recorded) when it is not usable. */
  public static Optional<YNode> read(String file, String text, Problems problems) {
    if (text.length() > MAX_CHARS) {
      problems.error(Codes.FILE_TOO_LARGE, new Pos(file, 1, 1), "the workflow is larger than "
          + Sizes.human(MAX_CHARS) + " (" + Sizes.human(text.length()) + "); workflow files are limited to "
          + Sizes.human(MAX_CHARS));
      return Optional.empty();
    }
    boolean tabs = false;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      int j = 0;
      while (j < l.length() && (l.charAt(j) == ' ' || l.charAt(j) == '\t')) {
        if (l.charAt(j) == '\t') {
          problems.error(Codes.YAML_TAB, new Pos(file, i + 1, j + 1),
              "tab character in indentation; YAML indents with spaces only");
          tabs = true;
          break;
        }
        j++;
      }
    }
    if (tabs) return Optional.empty();
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        problems.error(Codes.YAML_EMPTY, new Pos(file, 1, 1), "the file is empty; a workflow needs at least 'name' and 'nodes'");
        return Optional.empty();
      }
      YNode root = readValue(file, p, problems, 0);
      if (root instanceof YNode.YScalar sc && sc.value() == null) {
        problems.error(Codes.YAML_EMPTY, root.pos(), "the document is empty; a workflow needs at least 'name' and 'nodes'");
        return Optional.empty();
      }
      if (p.nextToken() != null) {
        problems.error(Codes.YAML_MULTI_DOC, pos(file, p.currentTokenLocation()),
            "more than one YAML document in the file; a workflow file holds exactly one");
      }
      return Optional.of(root);
    } catch (Stop e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      syntaxError(file, e, problems);
      return Optional.empty();
    } catch (IOException e) {
      problems.error(Codes.YAML_SYNTAX, new Pos(file, 1, 1), "cannot read YAML: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Reports where the parser noticed the problem and what it expected, plus where the construct began. */
  private static void syntaxError(String file, JsonProcessingException e, Problems problems) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark at = m.getProblemMark();
      String context = m.getContext() == null || m.getContextMark() == null ? ""
          : " (" + m.getContext() + " that starts at line " + (m.getContextMark().getLine() + 1) + ", column "
              + (m.getContextMark().getColumn() + 1) + ")";
      problems.error(Codes.YAML_SYNTAX, new Pos(file, at.getLine() + 1, at.getColumn() + 1),
          "invalid YAML: " + m.getProblem() + context);
      return;
    }
    JsonLocation loc = e.getLocation();
    String msg = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage().lines().findFirst().orElse("invalid YAML");
    problems.error(Codes.YAML_SYNTAX, loc == null ? new Pos(file, 1, 1) : pos(file, loc), "invalid YAML: " + msg);
  }

  /**
   * Reads one value. The first anchor or alias is reported and stops reading: an alias never
   * stands for its anchor's value, so no later check can expand a chain of them.
   */
  private static YNode readValue(String file, JsonParser p, Problems problems, int depth) throws IOException {
    Pos at = pos(file, p.currentTokenLocation());
    JsonToken t = p.currentToken();
    if (p instanceof YAMLParser y && (y.isCurrentAlias() || y.getObjectId() != null)) {
      String what = y.isCurrentAlias() ? "alias *" + p.getText() : "anchor &" + y.getObjectId();
      problems.error(Codes.YAML_UNSUPPORTED, at, "YAML " + what + ": anchors and aliases are not supported in workflows; "
          + "write the value out");
      throw new Stop();
    }
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
      problems.error(Codes.YAML_TOO_DEEP, at, "mappings and lists nested more than " + MAX_DEPTH
          + " levels deep; a workflow needs far fewer");
      throw new Stop();
    }
    return readValueAt(file, p, problems, depth, at, t);
  }

  private static YNode readValueAt(String file, JsonParser p, Problems problems, int depth, Pos at, JsonToken t)
      throws IOException {
    switch (t) {
      case START_OBJECT -> {
        Map<String, YNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Pos keyPos = pos(file, p.currentTokenLocation());
          p.nextToken();
          YNode value = readValue(file, p, problems, depth + 1);
          if (entries.containsKey(key)) {
            problems.error(Codes.YAML_DUPLICATE_KEY, keyPos, "duplicate key '" + key + "' (first written at line "
                + entries.get(key).keyPos().line() + ")");
          } else {
            entries.put(key, new YNode.Entry(key, keyPos, value));
          }
        }
        return new YNode.YMap(entries, at);
      }
      case START_ARRAY -> {
        List<YNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(readValue(file, p, problems, depth + 1));
        }
        return new YNode.YList(items, at);
      }
      case VALUE_STRING -> {
        return new YNode.YScalar(p.getText(), at);
      }
      case VALUE_NUMBER_INT -> {
        return new YNode.YScalar(p.getNumberValue() instanceof BigInteger b ? (Object) b.doubleValue() : p.getLongValue(), at);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new YNode.YScalar(p.getDoubleValue(), at);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new YNode.YScalar(t == JsonToken.VALUE_TRUE, at);
      }
      case VALUE_NULL -> {
        return new YNode.YScalar(null, at);
      }
      default -> {
        problems.error(Codes.YAML_UNSUPPORTED, at, "unsupported YAML construct (" + t + ")");
        return new YNode.YScalar(null, at);
      }
    }
  }

  static Pos pos(String file, JsonLocation loc) {
    return new Pos(file, Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
  }
}
