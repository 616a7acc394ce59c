// The real LangGraph JS SDK (@langchain/langgraph-sdk 1.15.0): `webhook` on runs and crons against `lam serve`.
// Usage: node webhook-scenarios.mjs API_URL HOOK_URL; prints "ok NAME" per scenario (and "run ID" / "cron ID" for
// the Java side, which owns the receiver at HOOK_URL and checks what it got), exits 1 on a failure.
// The server allows HOOK_URL's host and port (--webhook-allow, --webhook-allow-private) and runs a fast clock.
import { Client } from "@langchain/langgraph-sdk";
import assert from "node:assert/strict";
import { runScenarios, refused } from "./scenarios.mjs";

const [apiUrl, hookUrl] = process.argv.slice(2);
const client = new Client({ apiUrl });

const scenarios = {
  async runWithWebhook() {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "counter", { input: { attempts: 97 }, webhook: hookUrl });
    assert.equal(run.kwargs.webhook, hookUrl);
    await client.runs.join(thread.thread_id, run.run_id);
    console.log(`run ${run.run_id}`);
  },
  async refusedWebhooks() {
    const thread = await client.threads.create();
    await refused(client.runs.create(thread.thread_id, "counter", { webhook: "http://example.com/hook" }), 422, "not in --webhook-allow");
    await refused(client.runs.wait(null, "counter", { webhook: hookUrl.replace("http://", "http://user@") }), 422, "user info");
    await refused(client.crons.create("counter", { schedule: "* * * * *", webhook: "file:///etc/passwd" }), 422, "only http and https");
  },
  async cronWithWebhook() {
    const cron = await client.crons.create("counter", { schedule: "* * * * *", input: { attempts: 99 }, webhook: hookUrl,
      onRunCompleted: "keep" });
    console.log(`cron ${cron.cron_id}`);
    // until a run of the cron has ended (its webhook is then sent), however slow the machine
    const until = Date.now() + 120000;
    for (;;) {
      const ts = await client.threads.search({ metadata: { cron_id: cron.cron_id } });
      if (ts.some((t) => t.values?.attempts === 100)) break;
      assert.ok(Date.now() < until, "a run of the cron ended within 2 minutes");
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.crons.delete(cron.cron_id);
  },
};

await runScenarios(scenarios);
