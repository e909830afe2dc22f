// The keys and region the console signs with, kept in this browser's localStorage. Defaults match the AWS CLI
// examples in the README (test/test in us-east-1: the default account).

const KEY = 'vpclite.console.settings';
export const DEFAULTS = Object.freeze({ accessKeyId: 'test', secretAccessKey: 'test', region: 'us-east-1' });

export function loadSettings() {
  try {
    return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(KEY) ?? '{}') };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveSettings(settings) {
  localStorage.setItem(KEY, JSON.stringify({ ...DEFAULTS, ...settings }));
}
