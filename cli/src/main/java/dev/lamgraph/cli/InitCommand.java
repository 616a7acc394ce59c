package dev.lamgraph.cli;

import dev.lamgraph.engine.load.WorkflowSchema;
import dev.lamgraph.engine.node.SectionTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lam init [NAME] [--template agent|approval|map]}: a directory with a runnable starter
 * workflow ({@code NAME.yaml}, with the schema header), its test cases ({@code NAME.test.yaml}, for
 * {@code lam test}), {@code workflow.schema.json}, a README
 * stub and, for the agent, the replay file that answers its model offline.
 */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Create a starter workflow in a new directory.",
    description = {"Creates NAME/ with NAME.yaml (a runnable workflow: runs offline, no API key), NAME.test.yaml (its"
        + " test cases, for `lam test`), workflow.schema.json"
        + " (for editors), a README.md stub and, for the agent template, replays/agent.json (its model's recorded answer).",
        "Templates: agent (a chat agent over a messages channel), approval (a person approves or rejects),"
        + " map (fan out over a list and combine)."},
    footer = {"", "Exit codes: 0 created, 2 usage error (bad name or template, NAME exists).", "", "Examples:",
        "  lam init hello && cd hello && lam run hello.yaml", "  lam init review --template approval"})
final class InitCommand implements Callable<Integer> {
  static final List<String> TEMPLATES = List.of("agent", "approval", "map");
  private final Terminal t;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "the workflow's name and directory, [a-z0-9-]+ (default: my-workflow)")
  String name = "my-workflow";

  @Option(names = "--template", paramLabel = "agent|approval|map", description = "what to start from (default: agent)")
  String template = "agent";

  InitCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    if (!name.matches("[a-z0-9-]+")) {
      throw CliException.usage("workflow name '" + name + "' must match [a-z0-9-]+ (lowercase letters, digits, dashes)");
    }
    if (!TEMPLATES.contains(template)) {
      throw CliException.usage("unknown --template '" + template + "'; known: " + String.join(", ", TEMPLATES)
          + dev.lamgraph.engine.util.Spelling.didYouMean(template, TEMPLATES));
    }
    Path dir = t.resolve(name);
    if (Files.exists(dir)) throw CliException.usage(dir + " already exists; choose another NAME");
    Map<String, String> files = new LinkedHashMap<>();
    files.put(name + ".yaml", resource(template + ".yaml").replace("NAME", name));
    files.put(name + ".test.yaml", resource(template + ".test.yaml").replace("NAME", name));
    files.put("README.md", resource("README.md").replace("NAME", name).replace("TEMPLATE", template));
    files.put("workflow.schema.json", WorkflowSchema.text(SectionTypes.discover(InitCommand.class.getClassLoader())));
    if (template.equals("agent")) files.put("replays/agent.json", resource("agent-replay.json"));
    try {
      for (var f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
    } catch (IOException e) {
      throw CliException.usage("cannot write " + dir + ": " + e.getMessage());
    }
    t.out().println("created " + dir + " (" + template + "): " + String.join(", ", files.keySet()));
    t.out().println("next: cd " + Shell.quote(name) + " && lam run " + name + ".yaml");
    return ExitCodes.OK;
  }

  private static String resource(String file) {
    try (InputStream in = InitCommand.class.getResourceAsStream("init/" + file)) {
      if (in == null) throw new IllegalStateException("missing template resource init/" + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
