// Streamable HTTP in front of a stdio MCP server, so the conformance suite (HTTP only) can test `lam mcp`:
// each HTTP session starts its own server process (argv after this script) and every JSON-RPC message is
// passed through unchanged in both directions. Prints "listening PORT" once ready.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [command, ...args] = process.argv.slice(2);
const sessions = new Map();

async function open() {
  const server = new StdioClientTransport({ command, args, stderr: 'inherit' });
  const progressOf = new Map(); // progressToken -> id of the request that carried it
  const front = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => sessions.set(id, front),
  });
  front.onmessage = (msg) => {
    const token = msg?.params?._meta?.progressToken;
    if (token !== undefined && msg.id !== undefined) progressOf.set(token, msg.id);
    server.send(msg).catch((e) => console.error('bridge: send to server failed: ' + e.message));
  };
  server.onmessage = (msg) => {
    const token = msg?.method === 'notifications/progress' ? msg.params?.progressToken : undefined;
    const related = token !== undefined ? progressOf.get(token) : undefined;
    front.send(msg, related !== undefined ? { relatedRequestId: related } : undefined)
      .catch((e) => console.error('bridge: send to client failed: ' + e.message));
  };
  front.onclose = () => {
    if (front.sessionId) sessions.delete(front.sessionId);
    server.close();
  };
  server.onclose = () => front.close();
  await server.start();
  return front;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res, status, message) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

const httpServer = http.createServer(async (req, res) => {
  try {
    if (!req.url.startsWith('/mcp')) return reply(res, 404, 'not found');
    let body;
    if (req.method === 'POST') {
      const text = await readBody(req);
      try {
        body = JSON.parse(text);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null }));
      }
    }
    const sid = req.headers['mcp-session-id'];
    let front = sid ? sessions.get(sid) : undefined;
    if (!front) {
      const init = req.method === 'POST' && !Array.isArray(body) && body?.method === 'initialize';
      if (!init) return reply(res, sid ? 404 : 400, sid ? 'Session not found' : 'Bad Request: no session id');
      front = await open();
    }
    await front.handleRequest(req, res, body);
  } catch (e) {
    console.error('bridge: ' + e.message);
    if (!res.headersSent) reply(res, 500, 'bridge error: ' + e.message);
  }
});
httpServer.listen(0, '127.0.0.1', () => console.log('listening ' + httpServer.address().port));
