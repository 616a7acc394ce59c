// DOM and HTTP helpers. Text always goes in as text nodes or attribute values, never parsed as HTML.

/** el('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child...) */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'value') e.value = v;
    else if (k === 'checked') e.checked = !!v;
    else if (k.startsWith('on')) {
      if (typeof v !== 'function') throw new Error('event handler ' + k + ' must be a function');
      e.addEventListener(k.slice(2), v);
    }
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function pretty(v) {
  return v === undefined ? '' : JSON.stringify(v, null, 2);
}

export function short(v, n = 120) {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s == null ? '' : s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function badge(status) {
  return el('span', {class: 'badge ' + status, dataset: {status}}, status);
}

export function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message;
  box.hidden = !message;
}

/** fetch JSON; a non-2xx answer throws an Error with the server's detail. */
export async function api(path, body) {
  const opts = body === undefined ? {} : {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body),
  };
  const r = await fetch(path, opts);
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = {detail: text}; }
  if (!r.ok) {
    const err = new Error((data && data.detail) || ('HTTP ' + r.status));
    err.status = r.status;
    err.data = data;
    throw err;
  }
  return data;
}

let seq = 0;
let queue = Promise.resolve();

/** Draws Mermaid text into container (renders one diagram at a time: Mermaid is not reentrant). */
export function drawMermaid(container, text) {
  const job = queue.then(async () => {
    const id = 'lam-mermaid-' + (++seq);
    const {svg} = await window.mermaid.render(id, text);
    // the SVG Mermaid made (sanitized in its strict mode) is parsed as XML and imported, not assigned as HTML
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    container.replaceChildren(document.importNode(doc.documentElement, true));
    const stray = document.getElementById('d' + id);
    if (stray) stray.remove();
  });
  queue = job.catch(() => {});
  return job;
}
