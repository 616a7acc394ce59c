// The real LangGraph JS SDK (@langchain/langgraph-sdk 1.15.0): `client.crons` and `client.runs.createBatch` against `lam serve`.
// Usage: node cron-scenarios.mjs API_URL [SCENARIO...]; prints "ok NAME" per scenario, exits 1 on a failure.
// The server under test runs a fast clock (LangGraphSdkTest: one minute per real second), so "* * * * *" fires about every second.
import { Client } from "@langchain/langgraph-sdk";
import assert from "node:assert/strict";
import { runScenarios, refused } from "./scenarios.mjs";

const apiUrl = process.argv[2];
const only = process.argv.slice(3);
const client = new Client({ apiUrl, defaultHeaders: process.env.LAM_TOKEN ? { Authorization: `Bearer ${process.env.LAM_TOKEN}` } : {} });

/** Polls `probe` until it returns a truthy value (2 minutes at most: a loaded machine is slow). */
async function eventually(what, probe) {
  const until = Date.now() + 120000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const scenarios = {
  async cronOnAThread() {
    const thread = await client.threads.create();
    const cron = await client.crons.createForThread(thread.thread_id, "counter", {
      schedule: "* * * * *", input: { attempts: 98 }, metadata: { by: "sdk" }, multitaskStrategy: "enqueue" });
    assert.equal(cron.thread_id, thread.thread_id);
    assert.equal(cron.schedule, "* * * * *");
    assert.deepEqual(cron.metadata, { by: "sdk" });
    assert.ok(!Number.isNaN(Date.parse(cron.next_run_date)), "next_run_date is a time");
    const runs = await eventually("a run of the cron", async () => {
      const rs = await client.runs.list(thread.thread_id);
      return rs.length > 0 && rs.every((r) => r.status === "success") ? rs : null;
    });
    assert.equal(runs[0].metadata.cron_id, cron.cron_id);
    const state = await client.threads.getState(thread.thread_id);
    assert.ok(state.values.attempts >= 100, JSON.stringify(state.values));
    const found = await client.crons.search({ threadId: thread.thread_id });
    assert.deepEqual(found.map((c) => c.cron_id), [cron.cron_id]);
    await client.crons.delete(cron.cron_id);
    assert.deepEqual(await client.crons.search({ threadId: thread.thread_id }), []);
    await refused(client.crons.delete(cron.cron_id), 404, "not found");
  },

  async statelessCron() {
    const cron = await client.crons.create("counter", { schedule: "* * * * *", input: { attempts: 99 }, onRunCompleted: "keep" });
    assert.equal(cron.thread_id, null);
    const threads = await eventually("a thread of the cron", async () => {
      const ts = await client.threads.search({ metadata: { cron_id: cron.cron_id } });
      return ts.some((t) => t.values?.attempts === 100) ? ts : null;
    });
    assert.ok(threads.length >= 1);
    await client.crons.delete(cron.cron_id);
  },

  async searchCountUpdate() {
    const a = await client.crons.create("counter", { schedule: "0 9 * * *", metadata: { team: "x" } });
    const b = await client.crons.create("slow", { schedule: "30 10 * * 1-5", metadata: { team: "y" } });
    const mine = await client.crons.search({ metadata: { team: "x" } });
    assert.deepEqual(mine.map((c) => c.cron_id), [a.cron_id]);
    assert.equal(await client.crons.count({ assistantId: "slow" }), 1);
    const off = await client.crons.update(b.cron_id, { enabled: false });
    assert.equal(off.enabled, false);
    assert.equal(off.next_run_date, null);
    const moved = await client.crons.update(a.cron_id, { schedule: "15 8 * * *", input: { attempts: 1 } });
    assert.equal(moved.schedule, "15 8 * * *");
    assert.match(moved.next_run_date, /T08:15:00/);
    const picked = await client.crons.search({ assistantId: "counter", select: ["cron_id", "schedule"], metadata: { team: "x" } });
    assert.deepEqual(picked, [{ cron_id: a.cron_id, schedule: "15 8 * * *" }]);
    await client.crons.delete(a.cron_id);
    await client.crons.delete(b.cron_id);
  },

  async badCronsAreRefused() {
    await refused(client.crons.create("counter", { schedule: "61 * * * *" }), 422, "bad schedule: minute 61 is out of range");
    await refused(client.crons.create("counter", { schedule: "* * *" }), 422, "5 fields");
    await refused(client.crons.create("nope", { schedule: "* * * * *" }), 404, "assistant 'nope' not found");
    await refused(client.crons.createForThread("00000000-0000-0000-0000-000000000000", "counter", { schedule: "* * * * *" }), 404, "not found");
    await refused(client.crons.update("00000000-0000-0000-0000-000000000000", { enabled: false }), 404, "not found");
  },

  async runsInABatch() {
    const runs = await client.runs.createBatch([
      { assistantId: "counter", input: { attempts: 97 }, on_completion: "keep" },
      { assistantId: "counter", input: { attempts: 98 }, on_completion: "keep" },
    ]);
    assert.equal(runs.length, 2);
    assert.notEqual(runs[0].thread_id, runs[1].thread_id);
    for (const r of runs) {
      await client.runs.join(r.thread_id, r.run_id);
      const state = await client.threads.getState(r.thread_id);
      assert.equal(state.values.attempts, 100);
    }
    await refused(client.runs.createBatch([{ assistantId: "counter" }, { assistantId: "nope" }]), 404, "run 1 of the batch");
  },
};

await runScenarios(scenarios, only);
