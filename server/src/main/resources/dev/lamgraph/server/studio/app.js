// The studio's router: #/ workflows, #/workflow/NAME, #/threads?status=..., #/thread/ID.
import {showError, el} from './dom.js';
import {workflowsPage, workflowPage} from './workflows.js';
import {threadsPage} from './threads.js';
import {threadPage} from './thread.js';

window.mermaid.initialize({startOnLoad: false, securityLevel: 'strict', theme: 'default', flowchart: {htmlLabels: false}});

let leave = null;

async function route() {
  if (leave) { leave(); leave = null; }
  showError('');
  const main = document.getElementById('main');
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const page = el('div', {id: 'page'});
  main.replaceChildren(page);
  try {
    let m;
    if (path === '/' || path === '/workflows') leave = await workflowsPage(page);
    else if ((m = path.match(/^\/workflow\/(.+)$/))) leave = await workflowPage(page, m[1]);
    else if (path === '/threads') leave = await threadsPage(page, params);
    else if ((m = path.match(/^\/thread\/(.+)$/))) leave = await threadPage(page, m[1]);
    else page.append(el('p', {}, 'No such page: ' + path));
  } catch (e) {
    showError(e.message);
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', e => {
  e.preventDefault();
  showError(e.reason && e.reason.message ? e.reason.message : String(e.reason));
});
route();
