package dev.lamgraph.cli;

import dev.lamgraph.engine.compile.Compiler;
import dev.lamgraph.engine.node.Diagnostic;
import dev.lamgraph.engine.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lam validate FILE...}: every error and warning of each workflow, exit 2 on any error. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Check workflow files and print every problem.",
    description = "Checks workflows without running them and prints every problem as file:line:col: "
        + "error[CODE]: message.",
    footer = {"", "Exit codes: 0 no errors (warnings allowed), 2 at least one error."})
final class ValidateCommand implements Callable<Integer> {
  private final Terminal t;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "workflow YAML files")
  List<String> files = new ArrayList<>();

  @Option(names = "--json", description = "print one JSON object: files with their diagnostics, totals")
  boolean json;

  ValidateCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    Compiler compiler = t.compiler().envOptional(); // a missing variable is a warning: only a run needs it
    List<Diagnostic> all = new ArrayList<>();
    List<Map<String, Object>> perFile = new ArrayList<>();
    int invalid = 0;
    for (String f : files) {
      List<Diagnostic> diags = compiler.check(t.resolve(f));
      all.addAll(diags);
      if (Diagnostics.errors(diags) > 0) invalid++;
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", f);
        m.put("valid", Diagnostics.errors(diags) == 0);
        m.put("diagnostics", Diagnostics.json(diags));
        perFile.add(m);
      } else {
        Diagnostics.print(t, diags);
        if (diags.isEmpty()) t.out().println(f + ": ok");
      }
    }
    long errors = Diagnostics.errors(all);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("valid", errors == 0);
      m.put("errors", errors);
      m.put("warnings", all.size() - errors);
      m.put("files", perFile);
      t.out().println(Json.pretty(m));
    } else {
      t.out().println("checked " + Diagnostics.count(files.size(), "file") + ": " + Diagnostics.summary(all)
          + (errors == 0 ? "" : " (" + invalid + " invalid)"));
    }
    return errors == 0 ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
