package dev.lamgraph.cli;

import java.util.regex.Pattern;

/** Quoting for commands the CLI suggests ("resume with: lam resume ..."), so they can be pasted. */
final class Shell {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private Shell() {}

  static String quote(String s) {
    if (SAFE.matcher(s).matches()) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
