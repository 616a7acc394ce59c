// Workflows: the list, and one workflow's diagram, diagnostics, schema and run form.
import {el, api, pretty, showError, drawMermaid} from './dom.js';
import {schemaForm} from './forms.js';

function state(w) {
  if (!w.runnable) return el('span', {class: 'badge failed'}, 'does not compile');
  if (!w.current) return el('span', {class: 'badge paused'}, 'broken now: serving its last good version');
  return el('span', {class: 'badge done'}, 'compiles');
}

export async function workflowsPage(page) {
  const list = await api('/studio/api/workflows');
  page.append(el('h2', {}, 'Workflows'));
  if (!list.length) page.append(el('p', {class: 'muted'}, 'No workflow is served: lam serve PATH serves the workflow files under PATH.'));
  page.append(el('div', {class: 'cards', id: 'workflows'}, list.map(w => el('div', {class: 'card workflow', dataset: {name: w.name}},
    el('h3', {}, el('a', {href: '#/workflow/' + encodeURIComponent(w.name)}, w.name)), state(w),
    el('p', {class: 'muted'}, w.description || ''),
    el('p', {class: 'muted'}, w.file),
    w.diagnostics.length ? el('p', {}, w.diagnostics.length + ' diagnostic(s)') : null,
    el('a', {href: '#/threads?workflow=' + encodeURIComponent(w.name)}, 'threads')))));
}

function diagnostics(list) {
  if (!list.length) return el('p', {class: 'muted', id: 'diagnostics'}, 'No diagnostics.');
  return el('ul', {id: 'diagnostics'}, list.map(d => el('li', {class: 'diag-' + d.severity},
    d.severity + ' ' + d.code + ' ' + (d.file || '') + ':' + d.line + ':' + d.col + ': ' + d.message)));
}

function randomHex(bytes) {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), b => b.toString(16).padStart(2, '0')).join('');
}

export async function workflowPage(page, name) {
  const w = await api('/studio/api/workflows/' + encodeURIComponent(name));
  page.append(el('h2', {}, w.name, ' ', state(w)), el('p', {class: 'muted'}, w.description || '', ' ', w.file));
  page.append(el('h3', {}, 'Diagnostics'), diagnostics(w.diagnostics));
  if (!w.runnable) return;
  const diagram = el('div', {class: 'diagram', id: 'diagram'});
  const {form, value} = schemaForm(w.input_schema, 'input');
  const pauses = el('fieldset', {id: 'interrupt-before'}, el('legend', {}, 'Pause before (interrupt_before)'),
    (w.nodes || []).map(n => el('label', {class: 'check'}, el('input', {type: 'checkbox', value: n.name, dataset: {node: n.name}}), ' ', n.name)));
  const start = el('button', {class: 'primary', id: 'start-run', type: 'button'}, 'Start run');
  start.addEventListener('click', async () => {
    showError('');
    try {
      const input = value();
      start.disabled = true;
      // a new LangGraph thread, created by its first run (LangGraph API)
      const id = w.name + '-' + randomHex(4);
      const body = {assistant_id: w.name, input, if_not_exists: 'create'};
      const before = [...pauses.querySelectorAll('input:checked')].map(x => x.value);
      if (before.length) body.interrupt_before = before;
      const run = await api('/threads/' + encodeURIComponent(id) + '/runs', body);
      location.hash = '#/thread/' + encodeURIComponent((run.metadata && run.metadata.lam_thread) || id);
    } catch (e) {
      showError(e.message);
    } finally {
      start.disabled = false;
    }
  });
  page.append(el('div', {class: 'cols'},
    el('div', {}, el('h3', {}, 'Diagram'), diagram),
    el('div', {}, el('h3', {}, 'Start a run'), el('p', {class: 'muted'}, 'Empty fields keep the channel\'s default.'), form, pauses, start,
      el('h3', {}, 'Input schema (the channels)'), el('pre', {id: 'schema'}, pretty(w.input_schema)))));
  await drawMermaid(diagram, w.mermaid);
}
