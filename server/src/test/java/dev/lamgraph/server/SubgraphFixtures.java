package dev.lamgraph.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Workflows with subgraph nodes for the stream tests: {@code parent} (plan, then {@code research}
 * = sub/research.yaml: search, summarize; then write), {@code outer} (runs {@code parent} as its
 * subgraph {@code inner}: a subgraph within a subgraph), {@code broken-child} (its subgraph's
 * node fails) and {@code asker} (its subgraph {@code sub} = sub/ask.yaml asks a person: a human node).
 */
final class SubgraphFixtures {
  private SubgraphFixtures() {}

  static void write(Path dir) {
    try {
      Files.createDirectories(dir.resolve("sub"));
      Files.writeString(dir.resolve("sub/research.yaml"), """
          name: research
          state: { question: { type: string }, notes: { type: list, reducer: append }, summary: { type: string } }
          nodes:
            search:    { type: set, set: { notes: "['found ' + state.question]" } }
            summarize: { type: set, set: { summary: "'about ' + state.question" } }
          edges: [ { from: START, to: search }, { from: search, to: summarize }, { from: summarize, to: END } ]
          """);
      Files.writeString(dir.resolve("parent.yaml"), """
          name: parent
          state: { topic: { type: string, default: otters }, report: { type: string }, log: { type: list, reducer: append } }
          nodes:
            plan: { type: set, set: { log: "['plan ' + state.topic]" } }
            research:
              type: subgraph
              workflow: sub/research.yaml
              input: { question: "state.topic" }
              output: { report: "state.summary", log: "state.notes" }
            write: { type: set, set: { log: "['wrote: ' + state.report]" } }
          edges: [ { from: START, to: plan }, { from: plan, to: research }, { from: research, to: write }, { from: write, to: END } ]
          """);
      Files.writeString(dir.resolve("outer.yaml"), """
          name: outer
          state: { out: { type: list, reducer: append } }
          nodes:
            inner: { type: subgraph, workflow: parent.yaml, input: { topic: "'seals'" }, output: { out: "state.log" } }
          edges: [ { from: START, to: inner }, { from: inner, to: END } ]
          """);
      Files.writeString(dir.resolve("sub/divide.yaml"), """
          name: divide
          state: { zero: { type: integer, default: 0 }, out: { type: integer, default: 0 } }
          nodes:
            divide: { type: set, set: { out: "10 / state.zero" } }
          edges: [ { from: START, to: divide }, { from: divide, to: END } ]
          """);
      Files.writeString(dir.resolve("broken-child.yaml"), """
          name: broken-child
          state: { out: { type: integer, default: 0 } }
          nodes:
            calc: { type: subgraph, workflow: sub/divide.yaml, input: {}, output: { out: "state.out" } }
          edges: [ { from: START, to: calc }, { from: calc, to: END } ]
          """);
      Files.writeString(dir.resolve("sub/ask.yaml"), """
          name: ask
          state: { answer: { type: object }, log: { type: list, reducer: append } }
          nodes:
            ask:
              type: human
              prompt: "ok?"
              schema: { type: object, required: [ok], properties: { ok: { type: boolean } } }
              output: answer
            done: { type: set, set: { log: "['answered ' + string(state.answer.ok)]" } }
          edges: [ { from: START, to: ask }, { from: ask, to: done }, { from: done, to: END } ]
          """);
      Files.writeString(dir.resolve("asker.yaml"), """
          name: asker
          state: { log: { type: list, reducer: append } }
          nodes:
            plan: { type: set, set: { log: "['plan']" } }
            sub: { type: subgraph, workflow: sub/ask.yaml, input: {}, output: { log: "state.log" } }
          edges: [ { from: START, to: plan }, { from: plan, to: sub }, { from: sub, to: END } ]
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
