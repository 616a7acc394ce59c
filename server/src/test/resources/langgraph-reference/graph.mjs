import { StateGraph, Annotation, START, END, interrupt } from "@langchain/langgraph";
const S = Annotation.Root({ attempts: Annotation({ reducer: (a, b) => b, default: () => 0 }), log: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }) });
export const counter = new StateGraph(S)
  .addNode("plan", () => ({ log: ["plan"] }))
  .addNode("tool", (s) => ({ attempts: s.attempts + 1, log: [s.attempts + 1] }))
  .addNode("approve", () => { const v = interrupt({ prompt: "ok?" }); return { log: [JSON.stringify(v)] }; })
  .addEdge(START, "plan").addEdge("plan", "tool").addEdge("tool", "approve").addEdge("approve", END).compile();

const C = Annotation.Root({ question: Annotation({ reducer: (a, b) => b, default: () => "" }), notes: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }), summary: Annotation({ reducer: (a, b) => b, default: () => "" }) });
const child = new StateGraph(C)
  .addNode("search", (s) => ({ notes: ["found " + s.question] }))
  .addNode("summarize", (s) => ({ summary: "about " + s.question }))
  .addEdge(START, "search").addEdge("search", "summarize").addEdge("summarize", END).compile();
const P = Annotation.Root({ topic: Annotation({ reducer: (a, b) => b, default: () => "otters" }), report: Annotation({ reducer: (a, b) => b, default: () => "" }), log: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }) });
export const parent = new StateGraph(P)
  .addNode("plan", (s) => ({ log: ["plan " + s.topic] }))
  .addNode("research", async (s, config) => { const r = await child.invoke({ question: s.topic }, config); return { report: r.summary, log: r.notes }; })
  .addNode("write", (s) => ({ log: ["wrote: " + s.report] }))
  .addEdge(START, "plan").addEdge("plan", "research").addEdge("research", "write").addEdge("write", END).compile();
// a compiled subgraph added directly as a node (shared state keys)
const child2 = new StateGraph(P)
  .addNode("inner", (s) => ({ log: ["inner " + s.topic] }))
  .addEdge(START, "inner").addEdge("inner", END).compile();
export const direct = new StateGraph(P)
  .addNode("plan", (s) => ({ log: ["plan"] }))
  .addNode("research", child2)
  .addEdge(START, "plan").addEdge("plan", "research").addEdge("research", END).compile();
export const fails = new StateGraph(S)
  .addNode("plan", () => ({ log: ["plan"] }))
  .addNode("boom", () => { throw new Error("boom failed"); })
  .addEdge(START, "plan").addEdge("plan", "boom").addEdge("boom", END).compile();
