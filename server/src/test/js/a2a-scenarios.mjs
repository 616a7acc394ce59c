// The real A2A client (@a2a-js/sdk 1.3.0, pinned by package-lock.json) against `lam serve`'s A2A
// agents, twice: with the SDK's own A2A v1.0 JSON-RPC transport (SendMessage, SendStreamingMessage,
// GetTask, CancelTask, picked from the card's supportedInterfaces) and with its v0.3 transport
// (LegacyJsonRpcTransport: message/send, message/stream, tasks/get, tasks/cancel).
// Run by A2aSdkTest: node a2a-scenarios.mjs BASE_URL TOKEN. Prints "ok NAME" or "FAIL NAME: why".
import { Client, ClientFactory, DefaultAgentCardResolver, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { LegacyJsonRpcTransport } from '@a2a-js/sdk/compat/v0_3/client';
import { TaskState, Role } from '@a2a-js/sdk';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

const [base, token] = process.argv.slice(2);
const authFetch = (url, init = {}) => {
  const headers = new Headers(init.headers || {});
  headers.set('Authorization', `Bearer ${token}`);
  return fetch(url, { ...init, headers });
};
const resolver = new DefaultAgentCardResolver({ fetchImpl: authFetch });
const factory = new ClientFactory({ transports: [new JsonRpcTransportFactory({ fetchImpl: authFetch })], cardResolver: resolver });
const cardUrl = (graph) => `${base}/a2a/${graph}/.well-known/agent-card.json`;
const clients = {
  v1: async (graph) => {
    const c = await factory.createFromUrl(cardUrl(graph), '');
    assert.equal(c.protocolVersion, '1.0');
    return c;
  },
  v03: async (graph) => {
    const card = await resolver.resolve(cardUrl(graph), '');
    const c = new Client(new LegacyJsonRpcTransport({ endpoint: `${base}/a2a/${graph}`, fetchImpl: authFetch }), card);
    assert.equal(c.protocolVersion, '0.3');
    return c;
  },
};
let client;

const textPart = (text) => ({ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: '' });
const dataPart = (value) => ({ content: { $case: 'data', value }, metadata: undefined, filename: '', mediaType: '' });
const message = (parts, extra = {}) => ({
  messageId: randomUUID(), role: Role.ROLE_USER, parts, contextId: '', taskId: '', metadata: undefined, extensions: [],
  referenceTaskIds: [], ...extra,
});
const request = (msg, configuration) => ({ tenant: '', message: msg, configuration, metadata: undefined });
const partsOf = (parts, kind) => parts.filter((p) => p.content?.$case === kind).map((p) => p.content.value);

const scenarios = {
  async agentCard() {
    const raw = await (await authFetch(`${base}/.well-known/agent-card.json?assistant_id=human-approval`)).json();
    assert.equal(raw.protocolVersion, '0.3.0');
    assert.equal(raw.url, `${base}/a2a/human-approval`);
    const card = await resolver.resolve(base, '/.well-known/agent-card.json?assistant_id=human-approval');
    assert.equal(card.name, 'human-approval');
    assert.match(card.description, /approves/);
    assert.equal(card.skills.length, 1);
    assert.match(card.skills[0].description, /plan \(list of string\)/);
    assert.equal(card.capabilities.streaming, true);
    assert.equal(card.supportedInterfaces[0].protocolBinding, 'JSONRPC');
    assert.equal(card.supportedInterfaces[0].url, `${base}/a2a/human-approval`);
    const perGraph = await resolver.resolve(`${base}/a2a/counter/.well-known/agent-card.json`, '');
    assert.equal(perGraph.name, 'counter');
    assert.ok(Object.keys(perGraph.securitySchemes).includes('bearer'));
  },

  async readmeSnippet() {
    // the README's lines, as written (with the token)
    const agent = await factory.createFromUrl(`${base}/a2a/counter/.well-known/agent-card.json`, '');
    const task = await agent.sendMessage({ message: { messageId: 'm1', role: 1 /* ROLE_USER */,
      parts: [{ content: { $case: 'data', value: { attempts: 90 } } }] } });
    assert.equal(task.status.state, TaskState.TASK_STATE_COMPLETED, JSON.stringify(task));
  },

  async sendCompletes() {
    const c = await client('counter');
    const task = await c.sendMessage(request(message([dataPart({ attempts: 90 })])));
    assert.equal(task.status.state, TaskState.TASK_STATE_COMPLETED, JSON.stringify(task.status));
    assert.ok(task.contextId);
    const [result] = partsOf(task.artifacts[0].parts, 'data');
    assert.equal(result.attempts, 100);
    assert.match(partsOf(task.artifacts[0].parts, 'text')[0], /"attempts":100/);
    const again = await c.getTask({ tenant: '', id: task.id });
    assert.equal(again.status.state, TaskState.TASK_STATE_COMPLETED);
    assert.equal(again.contextId, task.contextId);
  },

  async streamWithStatusUpdatesAndArtifact() {
    const c = await client('slow');
    const events = [];
    for await (const e of c.sendMessageStream(request(message([dataPart({ limit: 3 })])))) events.push(e.payload);
    assert.equal(events[0].$case, 'task');
    const updates = events.filter((e) => e.$case === 'statusUpdate').map((e) => e.value);
    const working = updates.filter((u) => u.status.state === TaskState.TASK_STATE_WORKING);
    assert.ok(working.filter((u) => u.metadata?.lamgraph?.step >= 1).length >= 6, JSON.stringify(updates));
    const artifacts = events.filter((e) => e.$case === 'artifactUpdate').map((e) => e.value);
    assert.equal(artifacts.length, 1);
    assert.equal(partsOf(artifacts[0].artifact.parts, 'data')[0].n, 3);
    const last = updates[updates.length - 1];
    assert.equal(last.status.state, TaskState.TASK_STATE_COMPLETED);
    assert.equal(events[events.length - 1].$case, 'statusUpdate');
    assert.equal(last.taskId, events[0].value.id);
  },

  async inputRequiredAnsweredByTheNextMessage() {
    const c = await client('human-approval');
    const paused = await c.sendMessage(request(message([dataPart({})])));
    assert.equal(paused.status.state, TaskState.TASK_STATE_INPUT_REQUIRED, JSON.stringify(paused.status));
    const q = paused.status.message;
    assert.equal(q.role, Role.ROLE_AGENT);
    assert.match(partsOf(q.parts, 'text')[0], /Carry out this plan/);
    assert.deepEqual(partsOf(q.parts, 'data')[0].schema.required, ['approved']);
    // an answer that does not fit the schema is refused; the task stays input-required
    await assert.rejects(c.sendMessage(request(message([dataPart({ approved: 'yes' })], { taskId: paused.id, contextId: paused.contextId }))),
      /approved/);
    assert.equal((await c.getTask({ tenant: '', id: paused.id })).status.state, TaskState.TASK_STATE_INPUT_REQUIRED);
    // the next message in the context answers it (streamed this time)
    const events = [];
    const answer = message([dataPart({ approved: true, comment: 'go' })], { contextId: paused.contextId });
    for await (const e of c.sendMessageStream(request(answer))) events.push(e.payload);
    const last = events[events.length - 1].value;
    assert.equal(last.status.state, TaskState.TASK_STATE_COMPLETED, JSON.stringify(events));
    assert.equal(last.taskId, paused.id);
    const done = await c.getTask({ tenant: '', id: paused.id });
    assert.equal(done.status.state, TaskState.TASK_STATE_COMPLETED);
    assert.deepEqual(partsOf(done.artifacts[0].parts, 'data')[0].log, ['drafted', 'acted on 2 steps']);
    assert.ok(done.history.length >= 2);
  },

  async textToTheMessagesChannelTwoTurns() {
    const c = await client('chat');
    const task = await c.sendMessage(request(message([textPart('hello')])));
    assert.equal(task.status.state, TaskState.TASK_STATE_COMPLETED, JSON.stringify(task.status));
    assert.match(partsOf(task.artifacts[0].parts, 'text')[0], /lamgraph workflow/);
    // a second turn in the same context continues the thread (its messages list grows)
    const second = await c.sendMessage(request(message([textPart('what can you do?')], { contextId: task.contextId })));
    assert.equal(second.status.state, TaskState.TASK_STATE_COMPLETED, JSON.stringify(second.status));
    assert.notEqual(second.id, task.id);
    assert.equal(second.contextId, task.contextId);
    assert.match(partsOf(second.artifacts[0].parts, 'text')[0], /replay file/);
    assert.equal(partsOf(second.artifacts[0].parts, 'data')[0].messages.length, 4);
  },

  async cancel() {
    const c = await client('slow');
    const task = await c.sendMessage(request(message([dataPart({ limit: 1000 })]), {
      acceptedOutputModes: [], historyLength: undefined, blocking: false, taskPushNotificationConfig: undefined, returnImmediately: true,
    }));
    assert.ok([TaskState.TASK_STATE_SUBMITTED, TaskState.TASK_STATE_WORKING].includes(task.status.state), JSON.stringify(task.status));
    await new Promise((r) => setTimeout(r, 400));
    const cancelled = await c.cancelTask({ tenant: '', id: task.id, metadata: undefined });
    assert.equal(cancelled.status.state, TaskState.TASK_STATE_CANCELED);
    const again = await c.getTask({ tenant: '', id: task.id });
    assert.equal(again.status.state, TaskState.TASK_STATE_CANCELED);
    await assert.rejects(c.cancelTask({ tenant: '', id: task.id, metadata: undefined }), /cannot be canceled|not cancelable/i);
    await assert.rejects(c.getTask({ tenant: '', id: 'no-such-task' }), /not found/i);
  },
};

for (const [version, make] of Object.entries(clients)) {
  client = make;
  for (const [name, fn] of Object.entries(scenarios)) {
    if ((name === 'agentCard' || name === 'readmeSnippet') && version !== 'v1') continue;
    try {
      await fn();
      console.log(`ok ${version} ${name}`);
    } catch (e) {
      console.log(`FAIL ${version} ${name}: ${e?.stack ?? e}`);
    }
  }
}
