import { StateGraph, Annotation, START, END, interrupt, MemorySaver, Command } from "@langchain/langgraph";
const P = Annotation.Root({ log: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const child = new StateGraph(P).addNode("ask", () => { const v = interrupt({ q: "?" }); return { log: ["got " + JSON.stringify(v)] }; })
  .addEdge(START, "ask").addEdge("ask", END).compile();
const g = new StateGraph(P).addNode("plan", () => ({ log: ["plan"] })).addNode("sub", child)
  .addEdge(START, "plan").addEdge("plan", "sub").addEdge("sub", END).compile({ checkpointer: new MemorySaver() });
const cfg = { configurable: { thread_id: "x" }, subgraphs: true, streamMode: ["updates", "tasks"] };
const show = (ns, mode, c) => { c = JSON.parse(JSON.stringify(c)); console.log(mode + (ns.length ? "|" + ns.join("|") : ""), JSON.stringify(c).slice(0, 300)); };
for await (const [ns, mode, c] of await g.stream({}, cfg)) show(ns, mode, c);
console.log("--- resume");
for await (const [ns, mode, c] of await g.stream(new Command({ resume: "yes" }), cfg)) show(ns, mode, c);
const child2 = new StateGraph(P).addNode("boom", () => { throw new Error("boom"); }).addEdge(START, "boom").addEdge("boom", END).compile();
const g2 = new StateGraph(P).addNode("sub", child2).addEdge(START, "sub").addEdge("sub", END).compile({ checkpointer: new MemorySaver() });
console.log("--- fail");
try { for await (const [ns, mode, c] of await g2.stream({}, { ...cfg, configurable: { thread_id: "y" } })) show(ns, mode, c); } catch (e) { console.log("threw", e.message); }
