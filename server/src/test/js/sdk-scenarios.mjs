// The real LangGraph JS SDK (@langchain/langgraph-sdk 1.15.0) driving `lam serve` over loopback.
// Usage: node sdk-scenarios.mjs API_URL [SCENARIO...]; prints "ok NAME" per scenario, exits 1 on the first failure.
import { Client } from "@langchain/langgraph-sdk";
import assert from "node:assert/strict";
import { runScenarios } from "./scenarios.mjs";

const apiUrl = process.argv[2];
const only = process.argv.slice(3);
const client = new Client({ apiUrl, defaultHeaders: process.env.LAM_TOKEN ? { Authorization: `Bearer ${process.env.LAM_TOKEN}` } : {} });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function collect(stream, max = Infinity) {
  const out = [];
  for await (const chunk of stream) {
    out.push(chunk);
    if (out.length >= max) break;
  }
  return out;
}

const scenarios = {
  // agent-chat-ui's core: the React-free StreamOrchestrator (what useStream wraps), two chat turns
  // on a workflow whose `messages` is a `type: messages` channel (add_messages reducer); answers from a replay file.
  async streamOrchestratorChat() {
    const { StreamOrchestrator } = await import("@langchain/langgraph-sdk/ui");
    let threadId;
    const orchestrator = new StreamOrchestrator(
      { assistantId: "chat", messagesKey: "messages", onThreadId: (id) => { threadId = id; } },
      { getClient: () => client, getAssistantId: () => "chat", getMessagesKey: () => "messages" },
    );
    let changes = 0;
    const unsubscribe = orchestrator.subscribe(() => { changes++; });
    try {
      await orchestrator.submit({ messages: [{ type: "human", content: "hello" }] });
      assert.equal(orchestrator.error, undefined, String(orchestrator.error));
      assert.ok(threadId, "the orchestrator created a thread");
      assert.equal(orchestrator.isLoading, false);
      let texts = orchestrator.messages.map((m) => `${m.type ?? m._getType?.()}: ${m.content ?? m.text}`);
      assert.deepEqual(texts, ["human: hello", "ai: Hello! I am a lamgraph workflow served over the LangGraph API."]);
      await orchestrator.submit({ messages: [{ type: "human", content: "what can you do?" }] });
      assert.equal(orchestrator.error, undefined, String(orchestrator.error));
      texts = orchestrator.messages.map((m) => `${m.type ?? m._getType?.()}: ${m.content ?? m.text}`);
      assert.deepEqual(texts.slice(2), ["human: what can you do?", "ai: I answer from a replay file, one step at a time."]);
      assert.ok(changes > 2, "the orchestrator published its progress");
      const state = await client.threads.getState(threadId);
      assert.equal(state.values.messages.length, 4);
    } finally {
      unsubscribe();
      orchestrator.dispose();
    }
  },


  async assistantsSearch() {
    const found = await client.assistants.search({ graphId: "counter" });
    assert.equal(found.length, 1);
    assert.equal(found[0].assistant_id, "09d6caf4-2ef3-5a8b-b1a7-114690ed5d45"); // uuid5("counter", NAMESPACE_GRAPH)
    assert.equal(found[0].metadata.created_by, "system");
    const all = await client.assistants.search({ limit: 10 });
    assert.deepEqual(all.map((a) => a.graph_id).sort(), ["chat", "counter", "human-approval", "slow"]);
    const graph = await client.assistants.getGraph("counter");
    assert.deepEqual(graph.nodes.map((n) => n.id), ["__start__", "plan", "tool", "review", "__end__"]);
    const schemas = await client.assistants.getSchemas(found[0].assistant_id);
    assert.ok(schemas.state_schema.properties.attempts);
  },

  async streamValuesAndUpdates() {
    const thread = await client.threads.create({ metadata: { scenario: "stream" } });
    const chunks = await collect(client.runs.stream(thread.thread_id, "counter", { input: {}, streamMode: ["values", "updates"] }));
    assert.equal(chunks[0].event, "metadata");
    assert.ok(chunks[0].data.run_id);
    const updates = chunks.filter((c) => c.event === "updates");
    assert.equal(updates.length, 201);
    assert.deepEqual(Object.keys(updates[0].data), ["plan"]);
    const values = chunks.filter((c) => c.event === "values");
    assert.equal(values.at(-1).data.attempts, 100);
    const found = await client.threads.search({ metadata: { scenario: "stream" } });
    assert.equal(found.length, 1);
    assert.equal(found[0].thread_id, thread.thread_id);
    assert.equal(found[0].status, "idle");
  },

  async interruptAnsweredWithResume() {
    const thread = await client.threads.create();
    const chunks = await collect(client.runs.stream(thread.thread_id, "human-approval", { input: {}, streamMode: ["values"] }));
    const last = chunks.filter((c) => c.event === "values").at(-1).data;
    assert.equal(last.__interrupt__[0].value.node, "approve");
    const state = await client.threads.getState(thread.thread_id);
    assert.deepEqual(state.next, ["approve"]);
    assert.equal(state.tasks[0].interrupts.length, 1);
    assert.equal((await client.threads.get(thread.thread_id)).status, "interrupted");
    await assert.rejects(client.runs.wait(thread.thread_id, "human-approval", { command: { resume: { approved: "yes" } } }),
      (e) => e.status === 422 || /422/.test(String(e)));
    const done = await client.runs.wait(thread.thread_id, "human-approval", { command: { resume: { approved: true } } });
    assert.ok(done.log.includes("acted on 2 steps"), JSON.stringify(done));
    assert.equal((await client.threads.get(thread.thread_id)).status, "idle");
  },

  async historyAndRunFromPastCheckpoint() {
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, "counter", { input: {} });
    const history = await client.threads.getHistory(thread.thread_id, { limit: 3 });
    assert.deepEqual(history.map((h) => h.metadata.step), [201, 200, 199]);
    const all = await client.threads.getHistory(thread.thread_id, { limit: 300 });
    const step3 = all.find((h) => h.metadata.step === 3);
    const before = await client.threads.getHistory(thread.thread_id, { limit: 2, before: { configurable: { checkpoint_id: step3.checkpoint.checkpoint_id } } });
    assert.deepEqual(before.map((h) => h.metadata.step), [2, 1]);
    const forked = await client.runs.wait(thread.thread_id, "counter", {
      checkpointId: step3.checkpoint.checkpoint_id, command: { update: { attempts: 98 } },
    });
    assert.deepEqual(forked.log, ["plan", 1, 99, 100]);
    const state = await client.threads.getState(thread.thread_id);
    assert.equal(state.values.attempts, 100);
    assert.equal(state.checkpoint.thread_id, thread.thread_id);
  },

  async join() {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "slow", { input: { limit: 3 } });
    assert.ok(["pending", "running"].includes(run.status));
    const result = await client.runs.join(thread.thread_id, run.run_id);
    assert.equal(result.n, 3);
    assert.equal((await client.runs.get(thread.thread_id, run.run_id)).status, "success");
    const runs = await client.runs.list(thread.thread_id);
    assert.equal(runs[0].run_id, run.run_id);
  },

  async cancel() {
    const thread = await client.threads.create();
    // 1,000 counts of 150 ms: still running when cancelled, once it has counted (however slow the machine)
    const run = await client.runs.create(thread.thread_id, "slow", { input: { limit: 1000 } });
    const until = Date.now() + 120000;
    while (!((await client.threads.getState(thread.thread_id)).values?.n >= 1)) {
      assert.ok(Date.now() < until, "the run counted within 2 minutes");
      await sleep(20);
    }
    await client.runs.cancel(thread.thread_id, run.run_id, true);
    const after = await client.runs.get(thread.thread_id, run.run_id);
    assert.equal(after.status, "interrupted");
    const t = await client.threads.get(thread.thread_id);
    assert.equal(t.lam_status, "cancelled");
    assert.ok(t.values.n >= 1 && t.values.n < 1000, JSON.stringify(t.values));
  },

  async droppedStreamRejoinedWithLastEventId() {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "slow", { input: { limit: 5 }, streamMode: ["updates"], streamResumable: true });
    const abort = new AbortController();
    const first = [];
    try {
      for await (const c of client.runs.joinStream(thread.thread_id, run.run_id, { signal: abort.signal })) {
        first.push(c);
        if (first.filter((x) => x.event === "updates").length === 3) abort.abort();
      }
    } catch (e) {
      if (e.name !== "AbortError" && !abort.signal.aborted) throw e;
    }
    const seen = first.filter((c) => c.event === "updates");
    assert.equal(seen.length, 3);
    const lastEventId = seen.at(-1).id;
    assert.ok(lastEventId, "events carry ids");
    const rest = await collect(client.runs.joinStream(thread.thread_id, run.run_id, { lastEventId }));
    const more = rest.filter((c) => c.event === "updates");
    const nodes = [...seen, ...more].map((c) => Object.keys(c.data)[0]);
    assert.deepEqual(nodes, ["tick", "wait", "tick", "wait", "tick", "wait", "tick", "wait", "tick", "wait"]);
    assert.equal(new Set([...seen, ...more].map((c) => c.id)).size, 10);
  },
};

await runScenarios(scenarios, only);
