/**
 * The {@code lam} command line (picocli). One class per command; every command returns an exit
 * code ({@link dev.lamgraph.cli.ExitCodes}) and writes through the {@link dev.lamgraph.cli.Terminal}
 * it is given, so tests run commands in-process and read their output.
 *
 * <pre>{@code
 * StringWriter out = new StringWriter(), err = new StringWriter();
 * int code = Main.run(Terminal.of(out, err, Path.of(""), Map.of()), "validate", "graphs/agent-loop.yaml");
 * }</pre>
 */
package dev.lamgraph.cli;
