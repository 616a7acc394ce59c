// One thread: its run drawn live on the diagram (SSE), the pending question, the actions, the
// timeline and every checkpoint with its diff and a fork form.
import {el, api, pretty, short, badge, showError, drawMermaid} from './dom.js';
import {schemaForm, decisionField} from './forms.js';

const enc = encodeURIComponent;

async function act(button, path, body, then) {
  showError('');
  button.disabled = true;
  try {
    const r = await api(path, body);
    if (then) await then(r);
  } catch (e) {
    showError(e.message);
  } finally {
    button.disabled = false;
  }
}

/** Runs on the thread through the LangGraph API; then shows the lamgraph thread the run went on in. */
function run(button, t, body, reload) {
  return act(button, '/threads/' + enc(t.langgraph_thread) + '/runs', body, r => {
    const link = r && r.metadata && r.metadata.lam_thread;
    if (link && link !== t.thread_id) location.hash = '#/thread/' + enc(link);
    else return reload();
  });
}

function header(t) {
  const detail = t.detail && t.status === 'failed'
    ? el('p', {id: 'failure', class: 'diag-error'}, (t.detail.node ? t.detail.node + ': ' : '') + (t.detail.kind ? '[' + t.detail.kind + '] ' : '') + (t.detail.message || ''))
    : null;
  const stopped = t.status === 'running' && !t.owner && !t.active_run;
  const moved = t.head && t.head !== t.thread_id
    ? el('p', {class: 'notice', id: 'moved'}, 'This thread went on in ', el('a', {href: '#/thread/' + enc(t.head)}, t.head),
      ' (a fork, an edit or a new run continues a LangGraph thread in its next link).')
    : null;
  return el('div', {},
    el('h2', {}, 'Thread ', el('code', {id: 'thread-id'}, t.thread_id), ' ', el('span', {id: 'status', dataset: {status: t.status}}, badge(t.status)),
      stopped ? el('span', {class: 'badge'}, 'stopped: resumable') : null),
    el('p', {class: 'muted'}, 'workflow ', el('a', {href: '#/workflow/' + enc(t.workflow)}, t.workflow), ' · step ',
      el('span', {id: 'step'}, String(t.step)), ' · updated ', t.updated || '', t.owner ? ' · run by ' + t.owner : '',
      ' · LangGraph thread ', el('code', {}, t.langgraph_thread)),
    detail, moved);
}

function actions(t, reload) {
  const bar = el('div', {id: 'actions'});
  const head = !t.head || t.head === t.thread_id;
  if (t.active_run) {
    const b = el('button', {class: 'danger', id: 'cancel', type: 'button'}, 'Cancel run');
    b.addEventListener('click', () => act(b, '/threads/' + enc(t.langgraph_thread) + '/runs/' + enc(t.active_run) + '/cancel', {}, reload));
    bar.append(b);
  }
  if (head && !t.active_run && (t.status === 'failed' || t.status === 'cancelled' || (t.status === 'running' && !t.owner))) {
    const b = el('button', {class: 'primary', id: 'resume', type: 'button'}, 'Resume from step ' + t.step);
    b.addEventListener('click', () => run(b, t, {}, reload));
    bar.append(b);
  }
  return bar;
}

function pending(t, reload) {
  const p = t.pending;
  const box = el('div', {class: 'pending', id: 'pending', dataset: {node: p.node || ''}});
  const finishing = !!t.active_run; // the run that paused is still handing the thread back: answer once it has
  const ready = (...buttons) => { for (const b of buttons) b.disabled = finishing; return buttons; };
  if (p.when === 'before' || p.when === 'after') {
    box.append(el('h3', {}, 'Interrupted ', p.when, ' node ', el('code', {}, p.node)),
      el('p', {}, 'Approve to continue, optionally with a state update (JSON object of channel values).'));
    const edits = el('textarea', {id: 'interrupt-update', placeholder: '{} (no change)'});
    const ok = el('button', {class: 'primary', id: 'approve', type: 'button'}, 'Approve and continue');
    ok.addEventListener('click', () => {
      let answer = {};
      try { answer = edits.value.trim() ? JSON.parse(edits.value) : {}; } catch (e) { showError('the update is not valid JSON: ' + e.message); return; }
      run(ok, t, {command: {resume: answer}}, reload);
    });
    box.append(edits, ...ready(ok));
    return box;
  }
  box.append(el('h3', {}, 'Waiting for an answer at ', el('code', {}, p.node)), el('p', {id: 'prompt'}, p.prompt || ''));
  const {form, value} = schemaForm(p.schema, 'answer');
  box.append(form);
  const decision = decisionField(p.schema);
  const send = (button, extra) => {
    let answer;
    try { answer = Object.assign(value(), extra); } catch (e) { showError(e.message); return; }
    run(button, t, {command: {resume: answer}}, reload);
  };
  if (decision) {
    const yes = el('button', {class: 'primary', id: 'approve', type: 'button'}, 'Approve');
    const no = el('button', {class: 'danger', id: 'reject', type: 'button'}, 'Reject');
    yes.addEventListener('click', () => send(yes, {[decision]: true}));
    no.addEventListener('click', () => send(no, {[decision]: false}));
    box.append(...ready(yes, no));
  } else {
    const b = el('button', {class: 'primary', id: 'answer-submit', type: 'button'}, 'Answer');
    b.addEventListener('click', () => send(b, {}));
    box.append(...ready(b));
  }
  if (p.schema) box.append(el('details', {}, el('summary', {}, 'answer schema'), el('pre', {}, pretty(p.schema))));
  return box;
}

function timeline(events) {
  return el('table', {id: 'timeline'},
    el('thead', {}, el('tr', {}, ['step', 'time', 'event', 'node', 'ms', 'details'].map(h => el('th', {}, h)))),
    el('tbody', {}, events.map(e => {
      const data = Object.assign({}, e.data);
      let ms = data.duration_ms;
      if (ms == null && data.duration_us != null) ms = Math.round(data.duration_us / 100) / 10;
      delete data.duration_ms;
      delete data.duration_us;
      const bad = /failed|retry/.test(e.kind) || data.error;
      return el('tr', {class: 'event' + (bad ? ' diag-error' : ''), dataset: {kind: e.kind, node: e.node || ''}},
        el('td', {}, String(e.step)), el('td', {class: 'muted'}, (e.time || '').replace('T', ' ').replace('Z', '')),
        el('td', {}, e.kind), el('td', {}, e.node || ''), el('td', {}, ms == null ? '' : String(ms)),
        el('td', {}, Object.keys(data).length ? short(data, 200) : ''));
    })));
}

function runsTable(runs) {
  if (!runs.length) return el('p', {class: 'muted'}, 'No run of this server (started elsewhere, or before a restart).');
  return el('table', {id: 'runs'}, el('thead', {}, el('tr', {}, ['run', 'status', 'link', 'created'].map(h => el('th', {}, h)))),
    el('tbody', {}, runs.map(r => el('tr', {class: 'run', dataset: {status: r.status}},
      el('td', {}, el('code', {}, r.run_id.slice(0, 8))), el('td', {}, r.status),
      el('td', {}, (r.metadata && r.metadata.lam_thread) || ''), el('td', {class: 'muted'}, r.created_at || '')))));
}

function diffTable(diff) {
  if (!diff.length) return el('p', {class: 'muted'}, 'No channel changed.');
  return el('table', {class: 'diff'}, el('thead', {}, el('tr', {}, ['channel', 'change', 'before', 'after'].map(h => el('th', {}, h)))),
    el('tbody', {}, diff.map(d => el('tr', {class: 'change-' + d.change, dataset: {channel: d.channel}},
      el('td', {}, d.channel), el('td', {}, d.change), el('td', {}, el('pre', {}, pretty(d.before))), el('td', {}, el('pre', {}, pretty(d.after)))))));
}

function checkpoint(t, cp, open, reload) {
  const edits = el('textarea', {class: 'fork-edits', placeholder: '{"channel": value}'});
  const fork = el('button', {class: 'fork', type: 'button'}, 'Fork from step ' + cp.step);
  fork.addEventListener('click', () => {
    let e;
    try { e = edits.value.trim() ? JSON.parse(edits.value) : {}; } catch (x) { showError('the edits are not valid JSON: ' + x.message); return; }
    // LangGraph: a run from a past checkpoint, with the edits as its input (applied through the reducers)
    run(fork, t, {checkpoint_id: cp.checkpoint_id, input: e}, reload);
  });
  return el('details', {class: 'checkpoint', dataset: {step: String(cp.step)}, open: open},
    el('summary', {}, 'step ' + cp.step + ' · ' + (cp.ran.join(', ') || '') + ' → ' + (cp.next.length ? cp.next.join(', ') : 'END'),
      el('span', {class: 'muted'}, ' · ' + cp.diff.length + ' change(s) · ' + (cp.time || ''))),
    el('h4', {}, 'Changes against the previous checkpoint'), diffTable(cp.diff),
    cp.writes.length ? [el('h4', {}, 'Update'), el('pre', {}, cp.writes.map(w => w.node + ' ' + JSON.stringify(w.updates)).join('\n'))] : null,
    el('h4', {}, 'State'), el('pre', {class: 'state'}, pretty(cp.state)),
    el('h4', {}, 'Edit and fork'),
    el('p', {class: 'muted'}, 'Runs on from this checkpoint in a new link of the thread, with these channel values'
      + ' applied through their reducers (channels: ' + (t.channels || []).join(', ') + ').'),
    edits, fork);
}

export async function threadPage(page, id) {
  const parts = {head: el('div'), actions: el('div'), pending: el('div'), diagram: el('div', {class: 'diagram', id: 'diagram'}),
    timeline: el('div'), runs: el('div'), checkpoints: el('div', {id: 'checkpoints'}), live: el('span', {class: 'live', id: 'live'}, 'connecting…')};
  page.append(parts.head, parts.actions, parts.pending, el('div', {class: 'cols'},
    el('div', {}, el('h3', {}, 'Run ', parts.live), parts.diagram, el('h3', {}, 'Timeline'), parts.timeline,
      el('h3', {}, 'Runs (LangGraph API)'), parts.runs),
    el('div', {}, el('h3', {}, 'Checkpoints'), parts.checkpoints)));
  const seen = {};
  let busy = false;
  let again = false;
  const changed = (key, value) => {
    const s = JSON.stringify(value);
    if (seen[key] === s) return false;
    seen[key] = s;
    return true;
  };
  const load = async () => {
    if (busy) { again = true; return; }
    busy = true;
    try {
      do {
        again = false;
        const t = await api('/studio/api/threads/' + enc(id));
        if (changed('head', [t.status, t.step, t.owner, t.updated, t.detail, t.active_run, t.head])) parts.head.replaceChildren(header(t));
        // the buttons are redrawn only when what they do changes (not at every step: they stay under the pointer)
        if (changed('actions', [t.status, t.active_run, t.head, !t.owner])) parts.actions.replaceChildren(actions(t, load));
        if (changed('pending', [t.pending || null, t.active_run])) parts.pending.replaceChildren(t.pending ? pending(t, load) : '');
        if (changed('diagram', t.mermaid || t.graph_problem)) {
          if (t.mermaid) await drawMermaid(parts.diagram, t.mermaid);
          else parts.diagram.replaceChildren(el('p', {class: 'muted'}, t.graph_problem));
        }
        Object.assign(parts.diagram.dataset, {status: t.status, step: String(t.step), current: (t.current || []).join(','),
          paused: t.pending ? t.pending.node || '' : '', active: t.active_run || '', failed: t.status === 'failed' && t.detail ? t.detail.node || '' : ''});
        if (changed('runs', t.runs.map(r => [r.run_id, r.status]))) parts.runs.replaceChildren(runsTable(t.runs));
        if (changed('events', [t.events.length, t.events_left_out])) {
          parts.timeline.replaceChildren(t.events_left_out ? el('p', {class: 'muted'}, t.events_left_out + ' earlier events not shown') : '',
            timeline(t.events));
        }
        if (changed('checkpoints', t.checkpoints.map(c => c.step))) {
          const open = new Set([...parts.checkpoints.querySelectorAll('details[open]')].map(d => d.dataset.step));
          parts.checkpoints.replaceChildren(...t.checkpoints.slice().reverse().map(cp => checkpoint(t, cp, open.has(String(cp.step)), load)));
        }
      } while (again);
    } finally {
      busy = false;
    }
  };
  await load();
  const source = new EventSource('/studio/api/threads/' + enc(id) + '/events');
  source.addEventListener('open', () => { parts.live.textContent = 'live'; });
  source.addEventListener('thread', () => load().catch(e => showError(e.message)));
  source.addEventListener('gone', () => { parts.live.textContent = 'deleted'; source.close(); });
  source.addEventListener('error', () => { parts.live.textContent = 'reconnecting…'; });
  return () => source.close();
}
