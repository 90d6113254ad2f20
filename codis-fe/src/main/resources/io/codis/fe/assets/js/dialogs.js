// The confirmation dialog ("Warning !!", OK / CANCEL, or the red JUST DO IT kind) and the error
// dialog ("Error !!", showing the dashboard's Cause and Stack, or the raw answer).
import { byId } from './dom.js';

/** Asks before a destructive action; resolves true on OK. */
export function confirmAction(message, { dangerous = false } = {}) {
  const dialog = byId('confirm-dialog');
  dialog.classList.toggle('dangerous', dangerous);
  byId('confirm-message').textContent = message;
  byId('confirm-ok').textContent = dangerous ? 'JUST DO IT' : 'OK';
  return new Promise(resolve => {
    const done = answer => {
      dialog.removeEventListener('close', onClose);
      resolve(answer);
    };
    const onClose = () => done(dialog.returnValue === 'ok');
    dialog.addEventListener('close', onClose);
    dialog.returnValue = '';
    dialog.showModal();
  });
}

/** Shows a failed call: its message and, for the dashboard's errors, the Cause and Stack. */
export function showError(error) {
  byId('error-message').textContent = error.message;
  byId('error-details').textContent = error.details !== undefined ? error.details : String(error.stack || error);
  byId('error-dialog').showModal();
}

/** Pretty JSON for messages, as the original's dialogs show objects. */
export function pretty(value) {
  return JSON.stringify(value, null, 4);
}
