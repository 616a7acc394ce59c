// Threads: every thread of the store, newest first, with status / workflow / text filters.
import {el, api, badge} from './dom.js';

export async function threadsPage(page, params) {
  const workflows = await api('/studio/api/workflows');
  const status = el('select', {id: 'filter-status'}, ['', 'running', 'paused', 'done', 'failed', 'cancelled'].map(s =>
    el('option', {value: s}, s || 'any status')));
  status.value = params.get('status') || '';
  const workflow = el('select', {id: 'filter-workflow'}, el('option', {value: ''}, 'any workflow'),
    workflows.map(w => el('option', {value: w.name}, w.name)));
  workflow.value = params.get('workflow') || '';
  const q = el('input', {type: 'text', id: 'filter-q', placeholder: 'thread id contains…', value: params.get('q') || ''});
  const apply = () => {
    const p = new URLSearchParams();
    if (status.value) p.set('status', status.value);
    if (workflow.value) p.set('workflow', workflow.value);
    if (q.value.trim()) p.set('q', q.value.trim());
    location.hash = '#/threads' + (p.toString() ? '?' + p : '');
  };
  status.addEventListener('change', apply);
  workflow.addEventListener('change', apply);
  q.addEventListener('change', apply);
  const body = el('tbody');
  page.append(el('h2', {}, 'Threads'), el('div', {class: 'filters'}, status, workflow, q),
    el('table', {id: 'threads'}, el('thead', {}, el('tr', {}, ['thread', 'workflow', 'status', 'step', 'updated', 'detail'].map(h => el('th', {}, h)))), body));
  const query = new URLSearchParams();
  for (const k of ['status', 'workflow', 'q']) if (params.get(k)) query.set(k, params.get(k));
  const load = async () => {
    const list = await api('/studio/api/threads?' + query);
    body.replaceChildren(...list.map(t => el('tr', {class: 'thread', dataset: {thread: t.thread_id, status: t.status}},
      el('td', {}, el('a', {href: '#/thread/' + encodeURIComponent(t.thread_id)}, t.thread_id)),
      el('td', {}, t.workflow), el('td', {}, badge(t.status)), el('td', {}, String(t.step)), el('td', {}, t.updated || ''),
      el('td', {class: 'muted'}, t.detail ? (t.detail.message || t.detail.prompt || '') : ''))));
    if (!list.length) body.append(el('tr', {}, el('td', {colspan: 6, class: 'muted'}, 'No thread matches.')));
  };
  await load();
  const timer = setInterval(() => load().catch(() => {}), 2000);
  return () => clearInterval(timer);
}
