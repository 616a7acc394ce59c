// The real LangGraph JS SDK (@langchain/langgraph-sdk 1.15.0): `client.store` (long-term memory) against `lam serve`.
// Usage: node store-scenarios.mjs API_URL [SCENARIO...]; prints "ok NAME" per scenario, exits 1 on a failure.
// beforeRestart and afterRestart run against two servers on the same store file, one after the other.
import { Client } from "@langchain/langgraph-sdk";
import assert from "node:assert/strict";
import { runScenarios, refused } from "./scenarios.mjs";

const apiUrl = process.argv[2];
const only = process.argv.slice(3);
const client = new Client({ apiUrl, defaultHeaders: process.env.LAM_TOKEN ? { Authorization: `Bearer ${process.env.LAM_TOKEN}` } : {} });
const store = client.store;

const scenarios = {
  async putGetUpdateDelete() {
    await store.putItem(["users", "u1"], "prefs", { theme: "dark" });
    const first = await store.getItem(["users", "u1"], "prefs");
    assert.deepEqual(first.namespace, ["users", "u1"]);
    assert.equal(first.key, "prefs");
    assert.deepEqual(first.value, { theme: "dark" });
    assert.ok(!Number.isNaN(Date.parse(first.createdAt)), "createdAt is a time");
    await new Promise((r) => setTimeout(r, 20));
    await store.putItem(["users", "u1"], "prefs", { theme: "light", fontSize: 14 });
    const second = await store.getItem(["users", "u1"], "prefs");
    assert.deepEqual(second.value, { theme: "light", fontSize: 14 });
    assert.equal(second.createdAt, first.createdAt, "an update keeps the creation time");
    assert.ok(Date.parse(second.updatedAt) > Date.parse(first.updatedAt), "and moves the update time");
    assert.equal(await store.getItem(["users", "u2"], "prefs"), null);
    await store.deleteItem(["users", "u1"], "prefs");
    assert.equal(await store.getItem(["users", "u1"], "prefs"), null);
  },

  async searchWithPrefixFilterAndQuery() {
    await store.putItem(["memories", "alice"], "m1", { text: "Likes green tea", kind: "taste", stars: 4 });
    await store.putItem(["memories", "alice"], "m2", { text: "Lives in Lyon", kind: "place", stars: 2 });
    await store.putItem(["memories", "alice", "2025"], "m3", { text: "drank tea every day", kind: "taste", stars: 5 });
    await store.putItem(["memories", "alice2"], "m4", { text: "tea", kind: "taste" });
    let found = await store.searchItems(["memories", "alice"]);
    assert.deepEqual(found.items.map((i) => i.key), ["m1", "m2", "m3"]); // whole labels: not alice2
    assert.ok(found.items.every((i) => i.createdAt && i.updatedAt && i.score === undefined));
    found = await store.searchItems(["memories", "alice"], { filter: { kind: "taste" } });
    assert.deepEqual(found.items.map((i) => i.key), ["m1", "m3"]);
    found = await store.searchItems(["memories"], { filter: { stars: { $gte: 4 } }, limit: 1, offset: 1 });
    assert.deepEqual(found.items.map((i) => i.key), ["m3"]);
    found = await store.searchItems(["memories"], { query: "green tea" });
    assert.deepEqual(found.items.map((i) => [i.key, i.score]), [["m1", 1], ["m3", 0.5], ["m4", 0.5]]);
  },

  async listNamespaces() {
    for (const ns of [["org", "team-a", "notes"], ["org", "team-a", "prefs"], ["org", "team-b", "notes"], ["solo"]]) {
      await store.putItem(ns, "k", { n: 1 });
    }
    let r = await store.listNamespaces({ prefix: ["org"] });
    assert.deepEqual(r.namespaces, [["org", "team-a", "notes"], ["org", "team-a", "prefs"], ["org", "team-b", "notes"]]);
    r = await store.listNamespaces({ prefix: ["org"], maxDepth: 2 });
    assert.deepEqual(r.namespaces, [["org", "team-a"], ["org", "team-b"]]);
    r = await store.listNamespaces({ suffix: ["notes"] });
    assert.deepEqual(r.namespaces, [["org", "team-a", "notes"], ["org", "team-b", "notes"]]);
    r = await store.listNamespaces({ prefix: ["org", "*", "notes"], limit: 1, offset: 1 });
    assert.deepEqual(r.namespaces, [["org", "team-b", "notes"]]);
  },

  async badInputIsRefused() {
    // the SDK checks dots in putItem/getItem itself; search and empty labels reach the server
    await refused(store.searchItems(["a.b"]), 422, "'a.b'");
    await refused(store.putItem(["a", ""], "k", { x: 1 }), 422, "namespace");
    await refused(store.putItem(["a"], "", { x: 1 }), 422, "key is required");
    await refused(store.putItem(["a"], "k", "not an object"), 422, "value must be a JSON object");
    await refused(store.searchItems(["a"], { filter: { x: { $regex: "y" } } }), 422, "$regex");
    await assert.rejects(store.putItem(["a.b"], "k", { x: 1 }), /periods/);
  },

  async beforeRestart() {
    await store.putItem(["agent", "facts"], "user-name", { name: "Ada", source: "chat" });
  },

  async afterRestart() {
    const item = await store.getItem(["agent", "facts"], "user-name");
    assert.deepEqual(item?.value, { name: "Ada", source: "chat" });
    const found = await store.searchItems(["agent"], { filter: { source: "chat" } });
    assert.deepEqual(found.items.map((i) => i.key), ["user-name"]);
  },
};

await runScenarios(scenarios, only, (name) => !name.endsWith("Restart")); // the restart pair runs on its own
