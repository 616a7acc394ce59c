package dev.lamgraph.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamgraph.engine.compile.CompiledGraph;
import dev.lamgraph.engine.exec.InputCheck;
import dev.lamgraph.engine.spec.LimitsSpec;
import dev.lamgraph.engine.util.BoundedFiles;
import dev.lamgraph.engine.util.Json;
import dev.lamgraph.engine.util.Sizes;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Run input from the command line. {@code --input key=value}: the value is JSON when it parses as
 * JSON (numbers, true/false, null, lists, objects, quoted strings), else a plain string, so
 * {@code n=3} is a number, {@code topic=cats} and {@code topic='"3"'} are strings.
 * {@code --input-file F.json} must hold a JSON object; {@code --input} pairs override its keys.
 * The file is read through a bounded stream (at most {@link #MAX_FILE_BYTES}, whatever it is:
 * {@code /dev/zero} and FIFOs included); the run then holds the input to the workflow's
 * {@code limits.max_channel_bytes} and {@code max_state_bytes}. A key seeds the channel of its
 * name and is {@code input.KEY} in expressions; {@link #check} refuses the others and values of the
 * wrong type before a thread is made.
 */
final class Inputs {
  /** Strict: "3 cats" is not the number 3 followed by junk. */
  private static final ObjectMapper STRICT = Json.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The largest --input-file read: the default limits.max_state_bytes. */
  static final long MAX_FILE_BYTES = LimitsSpec.DEFAULT_MAX_STATE_BYTES;

  private Inputs() {}

  /** One {@code key=value} pair. */
  record Pair(String key, Object value) {}

  /** picocli converter: a malformed pair is a usage error naming the argument. */
  static final class PairConverter implements ITypeConverter<Pair> {
    @Override
    public Pair convert(String arg) {
      return parsePair(arg);
    }
  }

  static Pair parsePair(String arg) {
    int eq = arg.indexOf('=');
    if (eq < 0) throw new TypeConversionException("expected KEY=VALUE, got '" + arg + "'");
    String key = arg.substring(0, eq).strip();
    if (key.isEmpty()) throw new TypeConversionException("empty key in '" + arg + "'; expected KEY=VALUE");
    return new Pair(key, value(arg.substring(eq + 1)));
  }

  /** JSON when {@code raw} is a JSON value, else {@code raw} itself. */
  static Object value(String raw) {
    if (raw.isBlank()) return raw;
    try {
      return STRICT.readValue(raw, Object.class);
    } catch (JsonProcessingException e) {
      return raw;
    }
  }

  /** The input object: the file's keys (if any), then the pairs in order. */
  static Map<String, Object> collect(Terminal t, String inputFile, List<Pair> pairs) {
    Map<String, Object> in = new LinkedHashMap<>();
    if (inputFile != null) in.putAll(readFile(t.resolve(inputFile), inputFile));
    for (Pair p : pairs) in.put(p.key(), p.value());
    return in;
  }

  /**
   * Refuses (exit 2, before any thread exists) input keys the workflow neither has a channel for
   * nor reads as {@code input.KEY}, and values that do not fit their channel: {@link InputCheck}.
   */
  static void check(CompiledGraph graph, Map<String, Object> input) {
    List<String> problems = InputCheck.problems(graph, input);
    if (!problems.isEmpty()) throw CliException.usage(String.join("; ", problems) + "; nothing was run");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readFile(Path path, String shown) {
    String text;
    try {
      text = BoundedFiles.readUtf8(path, MAX_FILE_BYTES);
    } catch (BoundedFiles.TooLargeException e) {
      throw CliException.usage("--input-file " + shown + " is larger than " + Sizes.human(MAX_FILE_BYTES)
          + ", the limit for input files");
    } catch (NoSuchFileException e) {
      throw CliException.usage("--input-file " + shown + ": no such file");
    } catch (IOException e) {
      throw CliException.usage("--input-file " + shown + ": cannot read it: " + e.getMessage());
    }
    Object v;
    try {
      v = STRICT.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw CliException.usage("--input-file " + shown + ": invalid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
          + ErrorHandler.oneLine(e.getOriginalMessage()));
    }
    if (!(v instanceof Map)) {
      throw CliException.usage("--input-file " + shown + " must hold a JSON object ({\"key\": value, ...}), not "
          + kind(v));
    }
    return (Map<String, Object>) v;
  }

  private static String kind(Object v) {
    if (v == null) return "null";
    if (v instanceof List) return "an array";
    if (v instanceof String) return "a string";
    if (v instanceof Boolean) return "a boolean";
    if (v instanceof Number) return "a number";
    return v.getClass().getSimpleName();
  }
}
