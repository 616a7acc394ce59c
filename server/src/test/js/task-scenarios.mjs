// `tasks` and `stream_subgraphs` of `lam serve` through the real LangGraph JS SDK (@langchain/langgraph-sdk 1.15.0):
// task starts and results (their ids are the state's task ids), a subgraph's steps as `MODE|NODE:TASK_ID` events,
// and the StreamOrchestrator (what useStream wraps) handing them to onTaskEvent / onUpdateEvent with their namespace.
// Usage: node task-scenarios.mjs API_URL [SCENARIO...]; prints "ok NAME" per scenario, exits 1 on a failure.
import { Client } from "@langchain/langgraph-sdk";
import assert from "node:assert/strict";
import { runScenarios } from "./scenarios.mjs";

const apiUrl = process.argv[2];
const only = process.argv.slice(3);
const client = new Client({ apiUrl });

async function collect(stream) {
  const out = [];
  for await (const ev of stream) out.push(ev);
  return out;
}

const kind = (t) => ("input" in t ? "start " : "result ") + t.name;

const scenarios = {
  // a human node's task starts, ends with the interrupt; the resume starts it again (same id) and it ends with the answer
  async tasksOfAPauseAndItsResume() {
    const thread = await client.threads.create();
    const first = await collect(client.runs.stream(thread.thread_id, "human-approval", { input: {}, streamMode: ["tasks", "updates"] }));
    const tasks = first.filter((e) => e.event === "tasks").map((e) => e.data);
    assert.deepEqual(tasks.map(kind), ["start draft", "result draft", "start approve", "result approve"]);
    assert.deepEqual(Object.keys(tasks[0]), ["id", "name", "input", "triggers", "interrupts", "metadata"]);
    assert.equal(tasks[0].metadata.graph_id, "human-approval");
    assert.equal(tasks[0].metadata.run_id, first.find((e) => e.event === "metadata").data.run_id);
    assert.deepEqual(tasks[0].triggers, ["branch:to:draft"]);
    assert.deepEqual(Object.keys(tasks[1]), ["id", "name", "result", "interrupts", "error"]);
    assert.deepEqual(tasks[1].result, { plan: ["search", "summarize"], log: ["drafted"] });
    assert.equal(tasks[1].id, tasks[0].id);
    const approve = tasks[3];
    assert.equal(approve.interrupts.length, 1);
    assert.equal(approve.interrupts[0].value.node, "approve");
    const state = await client.threads.getState(thread.thread_id);
    assert.equal(state.tasks[0].id, approve.id, "the state's task is the streamed task");
    const names = first.map((e) => e.event);
    assert.ok(names.indexOf("updates") < names.indexOf("tasks", names.indexOf("updates")), "a result follows its updates");

    const resumed = await collect(client.runs.stream(thread.thread_id, "human-approval", {
      command: { resume: { approved: true } }, streamMode: "tasks" }));
    const again = resumed.filter((e) => e.event === "tasks").map((e) => e.data);
    assert.deepEqual(again.map(kind), ["start approve", "result approve", "start act", "result act"]);
    assert.equal(again[0].id, approve.id);
    assert.deepEqual(again[1].result, { approval: { approved: true } });
  },

  // stream_subgraphs: the child's events between the subgraph task's start and its result, named MODE|research:TASK_ID
  async subgraphEventsAreNamespaced() {
    const events = await collect(client.runs.stream(null, "parent", { input: {}, streamMode: ["updates", "tasks"], streamSubgraphs: true }));
    const start = events.find((e) => e.event === "tasks" && e.data.name === "research" && "input" in e.data);
    const ns = `research:${start.data.id}`;
    const child = events.filter((e) => e.event.endsWith(`|${ns}`));
    assert.deepEqual(child.map((e) => `${e.event.split("|")[0]} ${"search" in e.data || "summarize" in e.data ? Object.keys(e.data)[0] : e.data.name}`),
      ["tasks search", "updates search", "tasks search", "tasks summarize", "updates summarize", "tasks summarize"]);
    const at = (e) => events.indexOf(e);
    const result = events.find((e) => e.event === "tasks" && e.data.name === "research" && "result" in e.data);
    assert.ok(at(start) < at(child[0]) && at(child.at(-1)) < at(result), "child events within the subgraph's task");
    assert.deepEqual(result.data.result, { report: "about otters", log: ["found otters"] });
    const plain = await collect(client.runs.stream(null, "parent", { input: {}, streamMode: ["updates", "tasks"] }));
    assert.ok(plain.every((e) => !e.event.includes("|")), "nothing namespaced without streamSubgraphs");
  },

  // assistants.getSubgraphs: the subgraph nodes by namespace, with their child workflows' schemas
  async subgraphSchemas() {
    const top = await client.assistants.getSubgraphs("outer");
    assert.deepEqual(Object.keys(top), ["inner"]);
    assert.deepEqual(Object.keys(top.inner.state_schema.properties), ["topic", "report", "log"]);
    const all = await client.assistants.getSubgraphs("outer", { recurse: true });
    assert.deepEqual(Object.keys(all), ["inner", "inner|research"]);
    const one = await client.assistants.getSubgraphs("outer", { namespace: "inner|research" });
    assert.deepEqual(Object.keys(one["inner|research"].state_schema.properties), ["question", "notes", "summary"]);
  },

  // useStream's core: onTaskEvent / onUpdateEvent get the namespace of a subgraph's events; the values stay the parent's
  async orchestratorSeesTasksAndNamespaces() {
    const { StreamOrchestrator } = await import("@langchain/langgraph-sdk/ui");
    const seen = [];
    const orchestrator = new StreamOrchestrator(
      {
        assistantId: "parent",
        onTaskEvent: (data, { namespace }) => seen.push(`task ${kind(data)} ${namespace ? namespace[0].split(":")[0] : "-"}`),
        onUpdateEvent: (data, { namespace }) => seen.push(`update ${Object.keys(data)[0]} ${namespace ? namespace[0].split(":")[0] : "-"}`),
      },
      { getClient: () => client, getAssistantId: () => "parent", getMessagesKey: () => "messages" },
    );
    try {
      await orchestrator.submit({ topic: "seals" }, { streamSubgraphs: true });
      assert.equal(orchestrator.error, undefined, String(orchestrator.error));
      assert.deepEqual(seen, [
        "task start plan -", "update plan -", "task result plan -", "task start research -",
        "task start search research", "update search research", "task result search research",
        "task start summarize research", "update summarize research", "task result summarize research",
        "update research -", "task result research -", "task start write -", "update write -", "task result write -"]);
      assert.deepEqual(orchestrator.values.log, ["plan seals", "found seals", "wrote: about seals"]);
      assert.equal(orchestrator.values.report, "about seals");
    } finally {
      orchestrator.dispose();
    }
  },
};

await runScenarios(scenarios, only);
