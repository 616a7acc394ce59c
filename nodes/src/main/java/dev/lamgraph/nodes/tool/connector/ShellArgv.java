package dev.lamgraph.nodes.tool.connector;

import dev.lamgraph.nodes.tool.Placeholders;
import dev.lamgraph.nodes.tool.ToolException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Builds the argv of a {@code shell} tool from its {@code command} template, element by element
 * ({@code "{files}"} alone may expand a list into several elements; an absent optional argument
 * drops its element). Two rules keep arguments from becoming something else:
 *
 * <ul>
 *   <li><b>No option injection.</b> An element whose leading {@code -} comes from an argument (not
 *       from the template's own text) is refused: {@code -fpayload.eml} never reaches awk as
 *       {@code -f}. With {@code end_of_options: true}, {@code --} is inserted before the first element
 *       that starts with a placeholder, and values after it may start with {@code -}. An option's
 *       value can be joined to it in the template ({@code "--regexp={pattern}"}): the element then
 *       starts with the template's {@code -}, and the value stays the option's value.
 *   <li><b>Path confinement.</b> Placeholders named in {@code paths} (or declared {@code format:
 *       path} in {@code parameters}) are paths relative to {@code root}: absolute paths, {@code ..}
 *       and symbolic links leading out are refused before anything starts, and the program gets the
 *       confined path, relative to its working directory.
 * </ul>
 *
 * <pre>{@code
 * // command: [awk, -f, script.awk, "{file}"], paths: [file]
 * argv(Map.of("file", "-fpayload.eml"))    // ToolException "refused": would be read as an option
 * argv(Map.of("file", "/etc/hostname"))    // ToolException "refused": outside the tool's root
 * }</pre>
 */
record ShellArgv(List<String> command, Set<String> allow, Set<String> paths, boolean endOfOptions, boolean writable,
    Confinement root) {

  /** The argv for these arguments, run in {@code workDir} (a real directory under the root). */
  List<String> build(Map<String, Object> args, Path workDir, String tool) throws ToolException {
    Map<String, Object> a = confinedPaths(args, workDir, tool);
    List<String> argv = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < command.size(); i++) {
      String el = command.get(i);
      boolean fromArgument = i > 0 && startsWithPlaceholder(el);
      if (fromArgument && endOfOptions && !optionsEnded) {
        argv.add("--");
        optionsEnded = true;
      }
      String whole = Placeholders.whole(el);
      if (whole != null && a.get(whole) == null) continue; // optional argument left out
      if (whole != null && a.get(whole) instanceof List<?> l) {
        for (Object o : l) argv.add(checked(Placeholders.text("x", Map.of("x", o)), el, optionsEnded, tool));
        continue;
      }
      String filled = Placeholders.fill(el, a, UnaryOperator.identity());
      argv.add(i > 0 && !el.startsWith("-") ? checked(filled, el, optionsEnded, tool) : filled);
    }
    if (argv.isEmpty() || !allow.contains(argv.get(0))) {
      throw ToolException.refused("program '" + (argv.isEmpty() ? "" : argv.get(0)) + "' is not in allow of tool '" + tool
          + "'; allowed: " + String.join(", ", allow));
    }
    return argv;
  }

  /** True when the element's first character would come from an argument. */
  static boolean startsWithPlaceholder(String el) {
    return el.startsWith("{") && !Placeholders.names(el).isEmpty() && el.startsWith("{" + Placeholders.names(el).iterator().next() + "}");
  }

  /** The element, unless its leading '-' came from an argument (template {@code el}). */
  private static String checked(String element, String el, boolean optionsEnded, String tool) throws ToolException {
    if (optionsEnded || !element.startsWith("-")) return element;
    throw optionLike(Placeholders.names(el).iterator().next(), element, tool);
  }

  private static ToolException optionLike(String name, String value, String tool) {
    String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return ToolException.refused("argument '" + name + "' of tool '" + tool + "' ('" + shown + "') starts with '-' and would be"
        + " read as an option; give a value without a leading '-' (or declare end_of_options: true if the program accepts '--')");
  }

  private Map<String, Object> confinedPaths(Map<String, Object> args, Path workDir, String tool) throws ToolException {
    if (paths.isEmpty()) return args;
    Map<String, Object> out = new HashMap<>(args);
    for (String name : paths) {
      Object v = args.get(name);
      if (v == null) continue;
      if (v instanceof List<?> l) {
        List<Object> each = new ArrayList<>();
        for (Object o : l) each.add(confined(name, o, workDir, tool));
        out.put(name, each);
      } else {
        out.put(name, confined(name, v, workDir, tool));
      }
    }
    return out;
  }

  private String confined(String name, Object value, Path workDir, String tool) throws ToolException {
    if (!(value instanceof String s)) throw ToolException.of("invalid_arguments", "path argument '" + name + "' must be a string");
    if (!endOfOptions && s.startsWith("-")) throw optionLike(name, s, tool); // checked as written, before it becomes ./-x
    Path real;
    try {
      real = root.existing(s);
    } catch (ToolException e) {
      if (!writable || !e.kind().equals("not_found")) throw e;
      Path p = root.writable(s); // a file the program may create: its directory must be under the root
      real = root.realRoot().resolve(root.root().relativize(p));
    }
    String rel = real.startsWith(workDir) ? workDir.relativize(real).toString() : real.toString();
    if (rel.isEmpty()) return ".";
    return rel.startsWith("-") ? "./" + rel : rel;
  }
}
