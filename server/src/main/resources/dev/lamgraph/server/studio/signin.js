// The sign-in form, for a server started with a token: the token is posted once to /studio/session,
// which answers with an HttpOnly session cookie (the page never keeps the token).
import {el, api, showError} from './dom.js';

/** The token form; onDone() runs once the server accepted the token. */
export function signInForm(onDone) {
  const input = el('input', {id: 'signin-token', type: 'password', autocomplete: 'current-password', required: true});
  const button = el('button', {id: 'signin-submit', type: 'submit'}, 'Sign in');
  const submit = async e => {
    e.preventDefault();
    button.disabled = true;
    try {
      await api('/studio/session', {token: input.value});
      input.value = '';
      showError('');
      onDone();
    } catch (err) {
      showError(err.status === 401 ? 'Sign-in failed: that is not the server\'s token.' : err.message);
      input.select();
    } finally {
      button.disabled = false;
    }
  };
  const form = el('form', {id: 'signin', onsubmit: submit},
    el('h2', {}, 'Sign in'),
    el('p', {}, 'This server was started with a token (lam serve --token-env NAME). Enter it to use the studio.'),
    el('label', {}, 'Token ', input), ' ', button);
  setTimeout(() => input.focus(), 0);
  return form;
}

/** Ends this browser's session. */
export async function signOut() {
  await api('/studio/session/logout', {});
}
