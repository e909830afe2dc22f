// A modal form (<dialog>) for one action: its heading names it for screen readers, its submit button runs the
// action, and AWS's refusal (code and message) is shown inside it, leaving it open to correct or cancel.
import { errorBox, h, replace, uid } from './dom.js';

/**
 * Opens a dialog titled `title` with `body` (nodes) and a submit button `submitLabel`. `run()` does the work; on
 * success the dialog closes and `onDone(result)` is called.
 */
export function openDialog({ title, body, submitLabel, run, onDone }) {
  const titleId = uid('dialog-title');
  const errors = h('div', { class: 'dialog-errors' });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const cancel = h('button', { type: 'button', onclick: () => close() }, 'Cancel');
  const form = h('form', { method: 'dialog' }, body, errors, h('div', { class: 'buttons' }, cancel, submit));
  const dialog = h('dialog', { 'aria-labelledby': titleId }, h('h2', { id: titleId }, title), form);
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replace(errors);
    try {
      const result = await run();
      close();
      onDone?.(result);
    } catch (error) {
      replace(errors, errorBox(error));
      submit.disabled = false;
    }
  });
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
