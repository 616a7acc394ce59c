package dev.lamgraph.cli;

import dev.lamgraph.cli.wftest.TestFileReader;
import dev.lamgraph.engine.load.WorkflowSchema;
import dev.lamgraph.engine.node.SectionTypes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lam schema}: the JSON Schema of the workflow language (for editors: yaml-language-server). */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = Version.class,
    header = "Print the JSON Schema of the workflow language.",
    description = {"Prints the JSON Schema (draft 2020-12) of the workflow language, for editors:",
        "  lam schema > workflow.schema.json",
        "then start a workflow with:",
        "  # yaml-language-server: $schema=workflow.schema.json",
        "With --test, the schema of test files (*.test.yaml, see lam test)."})
final class SchemaCommand implements Callable<Integer> {
  private final Terminal t;

  @Option(names = "--test", description = "the schema of test files (*.test.yaml) instead")
  boolean test;

  SchemaCommand(Terminal t) {
    this.t = t;
  }

  @Override
  public Integer call() {
    String schema = test ? TestFileReader.schemaText()
        : WorkflowSchema.text(SectionTypes.discover(SchemaCommand.class.getClassLoader()));
    t.out().print(schema.endsWith("\n") ? schema : schema + "\n");
    t.out().flush();
    return ExitCodes.OK;
  }
}
