// A small MCP server over streamable HTTP for the mcp connector tests: listens on 127.0.0.1 only
// (port chosen by the OS, printed as "listening PORT"), requires "Authorization: Bearer $MCP_TOKEN",
// and offers one tool, shout {text} -> the text upper-cased.
import http from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const app = http.createServer(async (req, res) => {
  if (!req.url.startsWith("/mcp")) return res.writeHead(404).end();
  if (req.headers.authorization !== `Bearer ${process.env.MCP_TOKEN}`) return res.writeHead(401).end();
  if (req.method !== "POST") return res.writeHead(405).end();
  const server = new McpServer({ name: "lamgraph-test", version: "1.0.0" });
  server.registerTool("shout", { description: "Upper-cases a text.", inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: "text", text: text.toUpperCase() }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => { transport.close(); server.close(); });
  let body = "";
  for await (const chunk of req) body += chunk;
  await server.connect(transport);
  await transport.handleRequest(req, res, body ? JSON.parse(body) : undefined);
});
app.listen(0, "127.0.0.1", () => console.log("listening " + app.address().port));
