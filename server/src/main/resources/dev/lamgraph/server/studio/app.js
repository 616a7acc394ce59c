// The studio's router: #/ workflows, #/workflow/NAME, #/threads?status=..., #/thread/ID.
import {showError, el, api} from './dom.js';
import {workflowsPage, workflowPage} from './workflows.js';
import {threadsPage} from './threads.js';
import {threadPage} from './thread.js';
import {signInForm, signOut} from './signin.js';

window.mermaid.initialize({startOnLoad: false, securityLevel: 'strict', theme: 'default', flowchart: {htmlLabels: false}});

let leave = null;
let session = null; // {token_required, signed_in} from GET /studio/session

function showSession() {
  document.getElementById('signout').hidden = !(session && session.token_required && session.signed_in);
}

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
    if (!session) session = await api('/studio/session');
    showSession();
    if (session.token_required && !session.signed_in) {
      page.append(signInForm(() => { session = {token_required: true, signed_in: true}; route(); }));
      return;
    }
    let m;
    if (path === '/' || path === '/workflows') leave = await workflowsPage(page);
    else if ((m = path.match(/^\/workflow\/(.+)$/))) leave = await workflowPage(page, m[1]);
    else if (path === '/threads') leave = await threadsPage(page, params);
    else if ((m = path.match(/^\/thread\/(.+)$/))) leave = await threadPage(page, m[1]);
    else page.append(el('p', {}, 'No such page: ' + path));
  } catch (e) {
    if (e.status === 401) { // signed out meanwhile (the session expired, the server restarted)
      session = {token_required: true, signed_in: false};
      return route();
    }
    showError(e.message);
  }
}

document.getElementById('signout').addEventListener('click', async () => {
  try {
    await signOut();
    session = null;
    route();
  } catch (e) {
    showError(e.message);
  }
});

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', e => {
  e.preventDefault();
  showError(e.reason && e.reason.message ? e.reason.message : String(e.reason));
});
route();
