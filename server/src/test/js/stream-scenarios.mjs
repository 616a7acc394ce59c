// Live stream modes of `lam serve` through the real LangGraph JS SDK (@langchain/langgraph-sdk 1.15.0):
// token-by-token `messages-tuple` (a model behind a local OpenAI-compatible server that streams) and `custom`.
// Usage: node stream-scenarios.mjs API_URL EXPECTED_TEXT [SCENARIO...]; prints "ok NAME" per scenario, exits 1 on a failure.
import { Client } from "@langchain/langgraph-sdk";
import assert from "node:assert/strict";
import { runScenarios } from "./scenarios.mjs";

const apiUrl = process.argv[2];
const expected = process.argv[3];
const only = process.argv.slice(4);
const client = new Client({ apiUrl });
const hi = { messages: [{ type: "human", content: "hi" }] };

const scenarios = {
  // client.runs.stream with ["messages-tuple", "values"]: several `messages` events, [AIMessageChunk, metadata]
  // each, whose contents joined are the final AI message; then the step's committed `values`.
  async messagesTupleThenValues() {
    const thread = await client.threads.create();
    const order = [];
    const chunks = [];
    let values;
    for await (const ev of client.runs.stream(thread.thread_id, "talk", { input: hi, streamMode: ["messages-tuple", "values"] })) {
      order.push(ev.event);
      if (ev.event === "messages") {
        const [msg, meta] = ev.data;
        assert.equal(msg.type, "AIMessageChunk");
        assert.equal(meta.langgraph_node, "answer");
        assert.equal(meta.langgraph_step, 1);
        assert.equal(meta.thread_id, thread.thread_id);
        chunks.push(msg);
      } else if (ev.event === "values") {
        values = ev.data;
      }
    }
    assert.ok(chunks.length >= 4, `several chunks, got ${chunks.length}`);
    assert.equal(new Set(chunks.map((c) => c.id)).size, 1, "one message id");
    const text = chunks.map((c) => c.content).join("");
    assert.equal(text, expected);
    assert.equal(chunks.at(-1).response_metadata.finish_reason, "stop");
    const last = values.messages.at(-1);
    assert.equal(last.type, "ai");
    assert.equal(last.content, text);
    assert.ok(order.lastIndexOf("values") > order.lastIndexOf("messages"), `values after the tokens: ${order.join(",")}`);
    assert.equal(order.filter((e) => e !== "end").at(-1), "values");
  },

  // agent-chat-ui's core (StreamOrchestrator, what useStream wraps) shows the answer while it is written:
  // reading messageInstances tracks messages-tuple, and the UI sees partial AI messages before the final one.
  async orchestratorShowsTokensAsTheyArrive() {
    const { StreamOrchestrator } = await import("@langchain/langgraph-sdk/ui");
    const orchestrator = new StreamOrchestrator(
      { assistantId: "talk", messagesKey: "messages" },
      { getClient: () => client, getAssistantId: () => "talk", getMessagesKey: () => "messages" },
    );
    void orchestrator.messageInstances; // tracks "messages-tuple", as a chat UI rendering messages does
    const seen = new Set();
    const unsubscribe = orchestrator.subscribe(() => {
      const ai = orchestrator.messages.filter((m) => (m.type ?? m._getType?.()) === "ai" || m.type === "AIMessageChunk").at(-1);
      const text = ai && (typeof ai.content === "string" ? ai.content : ai.text);
      if (text) seen.add(text);
    });
    try {
      await orchestrator.submit(hi);
      assert.equal(orchestrator.error, undefined, String(orchestrator.error));
      const partial = [...seen].filter((t) => t !== expected && expected.startsWith(t));
      assert.ok(partial.length >= 2, `partial answers shown before the end: ${JSON.stringify([...seen])}`);
      const texts = orchestrator.messages.map((m) => `${m.type ?? m._getType?.()}: ${m.content ?? m.text}`);
      assert.deepEqual(texts, ["human: hi", `ai: ${expected}`]);
    } finally {
      unsubscribe();
      orchestrator.dispose();
    }
  },

  // streamMode "custom": what a node emits while it runs, in order, before the step's updates.
  async customEvents() {
    const thread = await client.threads.create();
    const got = [];
    for await (const ev of client.runs.stream(thread.thread_id, "work", { input: {}, streamMode: ["custom", "updates"] })) {
      got.push(ev.event === "custom" ? `custom ${ev.data.done}/${ev.data.of}` : ev.event);
    }
    assert.deepEqual(got.filter((e) => e !== "metadata" && e !== "end"), ["custom 1/3", "custom 2/3", "custom 3/3", "updates"]);
  },
};

await runScenarios(scenarios, only);
