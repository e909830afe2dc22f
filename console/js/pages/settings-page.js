// Settings: the access key, secret and region every request is signed with. In `--auth any` mode (the default)
// only the key (its account) and the region matter; with `--auth strict` they must be a key of the server's
// credentials file.
import { field, h, replace, successBox } from '../dom.js';
import { DEFAULTS, loadSettings, saveSettings } from '../settings.js';

export function renderSettings(app) {
  const settings = loadSettings();
  const accessKeyId = h('input', { type: 'text', value: settings.accessKeyId, autocomplete: 'off', required: true });
  const secretAccessKey = h('input', { type: 'password', value: settings.secretAccessKey, autocomplete: 'off', required: true });
  const region = h('input', { type: 'text', value: settings.region, required: true });
  const messages = h('div', { class: 'messages' });
  const save = (values) => {
    saveSettings(values);
    document.getElementById('scope').textContent = `${values.accessKeyId} · ${values.region}`;
    replace(messages, successBox('Settings saved.'));
  };
  replace(
    app,
    h('h1', {}, 'Settings'),
    h(
      'form',
      {
        onsubmit: (event) => {
          event.preventDefault();
          save({ accessKeyId: accessKeyId.value.trim(), secretAccessKey: secretAccessKey.value, region: region.value.trim() });
        },
      },
      field('Access key', accessKeyId, 'A 12-digit access key is that account; any other key is the default account 123456789012.'),
      field('Secret key', secretAccessKey),
      field('Region', region),
      messages,
      h(
        'div',
        { class: 'buttons' },
        h('button', {
          type: 'button',
          onclick: () => {
            accessKeyId.value = DEFAULTS.accessKeyId;
            secretAccessKey.value = DEFAULTS.secretAccessKey;
            region.value = DEFAULTS.region;
            save(DEFAULTS);
          },
        }, 'Reset to defaults'),
        h('button', { type: 'submit', class: 'primary' }, 'Save settings'),
      ),
    ),
  );
}
