// A tiny chat page on useStream (@langchain/langgraph-sdk/react), called the way agent-chat-ui calls it:
// threadId kept in the page's URL (?threadId=), fetchStateHistory, submit with optimisticValues and
// streamMode ["values"] (the hook adds "messages-tuple" because the page reads stream.messages),
// interrupts answered with command.resume, stop(), regenerate from a message's parent checkpoint,
// branch switching, and a thread list from threads.search({metadata: {graph_id}}).
// Query: ?apiUrl=...&assistantId=...[&threadId=...][&apiKey=...][&resumable=0]
import React, { useEffect, useRef, useState } from "react";
import { useStream } from "@langchain/langgraph-sdk/react";

const params = () => new URLSearchParams(window.location.search);

function setQuery(name, value) {
  const q = params();
  if (value == null) q.delete(name);
  else q.set(name, value);
  window.history.replaceState(null, "", `${window.location.pathname}?${q}`);
}

/** The text of a message: a string, or its text content blocks joined (as agent-chat-ui's getContentString). */
export function contentString(content) {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.filter((c) => c && c.type === "text").map((c) => c.text).join(" ");
}

/** A thread as agent-chat-ui's list shows it: its first message's text, else its id. */
function threadLabel(t) {
  const first = t.values?.messages?.[0];
  return first ? contentString(first.content) : t.thread_id;
}

function uuid() {
  return crypto.randomUUID();
}

export function App() {
  const apiUrl = params().get("apiUrl");
  const assistantId = params().get("assistantId");
  const resumable = params().get("resumable") !== "0";
  const apiKey = params().get("apiKey") ?? undefined; // agent-chat-ui's "LangSmith API Key" field: sent as x-api-key
  const [threadId, setThreadIdState] = useState(params().get("threadId"));
  const setThreadId = (id) => {
    setQuery("threadId", id);
    setThreadIdState(id);
  };
  const [threads, setThreads] = useState([]);
  const [input, setInput] = useState("");
  const [answer, setAnswer] = useState("");
  const [errors, setErrors] = useState([]);

  const stream = useStream({
    apiUrl,
    apiKey,
    assistantId,
    messagesKey: "messages",
    threadId,
    fetchStateHistory: true,
    onThreadId: (id) => {
      setThreadId(id);
      refreshThreads();
    },
    onError: (e) => setErrors((prev) => [...prev, String(e?.message ?? e)]),
  });

  function refreshThreads() {
    stream.client.threads
      .search({ metadata: { graph_id: assistantId }, limit: 100 })
      .then(setThreads)
      .catch((e) => setErrors((prev) => [...prev, `threads.search: ${e.message}`]));
  }
  useEffect(refreshThreads, [assistantId]);
  useEffect(() => {
    if (!stream.isLoading) refreshThreads();
  }, [stream.isLoading]);

  // every distinct text the last AI message showed, for the test to see the answer grow token by token
  const seen = useRef([]);
  const messages = stream.messages;
  const lastAi = [...messages].reverse().find((m) => m.type === "ai");
  useEffect(() => {
    const text = lastAi ? contentString(lastAi.content) : "";
    const all = seen.current;
    if (text && all[all.length - 1] !== text) all.push(text);
    window.__aiTexts = all;
  });

  const send = (e) => {
    e.preventDefault();
    if (!input.trim() || stream.isLoading) return;
    const human = { id: uuid(), type: "human", content: [{ type: "text", text: input }] };
    seen.current = [];
    stream.submit(
      { messages: [human] },
      {
        streamMode: ["values"],
        streamSubgraphs: true,
        streamResumable: resumable,
        optimisticValues: (prev) => ({ ...prev, messages: [...(prev.messages ?? []), human] }),
      },
    );
    setInput("");
  };

  const resume = (value) => {
    seen.current = [];
    stream.submit(undefined, { command: { resume: value }, streamMode: ["values"], streamSubgraphs: true, streamResumable: resumable });
  };

  const regenerate = (message) => {
    const meta = stream.getMessagesMetadata(message);
    seen.current = [];
    stream.submit(undefined, {
      checkpoint: meta?.firstSeenState?.parent_checkpoint,
      streamMode: ["values"],
      streamSubgraphs: true,
      streamResumable: resumable,
    });
  };

  // agent-chat-ui's edit: the new text from the message's parent checkpoint, shown over that checkpoint's values
  const edit = (message, text) => {
    const meta = stream.getMessagesMetadata(message);
    const human = { type: "human", content: [{ type: "text", text }] };
    seen.current = [];
    stream.submit({ messages: [human] }, {
      checkpoint: meta?.firstSeenState?.parent_checkpoint,
      streamMode: ["values"],
      streamSubgraphs: true,
      streamResumable: resumable,
      optimisticValues: (prev) => {
        const values = meta?.firstSeenState?.values;
        if (!values) return prev;
        return { ...values, messages: [...(values.messages ?? []), human] };
      },
    });
  };
  const [editing, setEditing] = useState(null);
  const [editText, setEditText] = useState("");

  const interrupt = stream.interrupt;
  const interruptValue = interrupt && !Array.isArray(interrupt) ? interrupt.value : undefined;
  let history = [];
  try {
    history = stream.history;
  } catch (e) {
    history = [];
  }

  return (
    <div id="app" data-loading={String(stream.isLoading)} data-thread={threadId ?? ""} data-history={history.length}
      data-branch={stream.branch}>
      <aside>
        <button id="new-thread" onClick={() => setThreadId(null)}>New thread</button>
        <ul id="threads">
          {threads.map((t) => (
            <li key={t.thread_id}>
              <button className="thread" data-id={t.thread_id} data-status={t.status} onClick={() => setThreadId(t.thread_id)}>
                {threadLabel(t)} ({t.status})
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <main>
        <ol id="messages">
          {messages.map((m, i) => {
            const meta = stream.getMessagesMetadata(m, i);
            const options = meta?.branchOptions ?? [];
            const at = options.indexOf(meta?.branch);
            return (
              <li key={m.id ?? i} className={`message ${m.type}`} data-type={m.type} data-id={m.id ?? ""}>
                <span className="text">{contentString(m.content)}</span>
                {m.type === "human" && !stream.isLoading && editing !== m.id && (
                  <button className="edit" onClick={() => { setEditing(m.id); setEditText(contentString(m.content)); }}>Edit</button>
                )}
                {editing === m.id && (
                  <span className="editor">
                    <input className="edit-text" value={editText} onChange={(e) => setEditText(e.target.value)} />
                    <button className="save-edit" onClick={() => { setEditing(null); edit(m, editText); }}>Save</button>
                  </span>
                )}
                {m.type === "ai" && !stream.isLoading && (
                  <button className="regenerate" onClick={() => regenerate(m)}>Regenerate</button>
                )}
                {options.length > 1 && (
                  <span className="branches" data-count={options.length} data-at={at}>
                    <button className="prev-branch" disabled={at <= 0} onClick={() => stream.setBranch(options[at - 1])}>‹</button>
                    {at + 1} / {options.length}
                    <button className="next-branch" disabled={at >= options.length - 1}
                      onClick={() => stream.setBranch(options[at + 1])}>›</button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        {interruptValue !== undefined && (
          <form id="interrupt" onSubmit={(e) => { e.preventDefault(); resume({ approved: true, comment: answer }); }}>
            <p id="interrupt-prompt">{typeof interruptValue === "string" ? interruptValue : interruptValue?.prompt}</p>
            <input id="interrupt-answer" value={answer} onChange={(e) => setAnswer(e.target.value)} />
            <button id="approve" type="submit" disabled={stream.isLoading}>Approve</button>
            <button id="reject" type="button" disabled={stream.isLoading}
              onClick={() => resume({ approved: false, comment: answer })}>Reject</button>
          </form>
        )}
        <form id="composer" onSubmit={send}>
          <textarea id="input" value={input} onChange={(e) => setInput(e.target.value)} />
          {stream.isLoading
            ? <button id="stop" type="button" onClick={() => stream.stop()}>Stop</button>
            : <button id="send" type="submit">Send</button>}
        </form>
        <ul id="errors">
          {[...errors, ...(stream.error ? [String(stream.error?.message ?? stream.error)] : [])].map((e, i) => <li key={i}>{e}</li>)}
        </ul>
      </main>
    </div>
  );
}
