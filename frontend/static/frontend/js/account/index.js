// "My account": the API token's expiry and a button that makes a new one (the old one stops at
// once). The new key is shown once, with a copy button; it never goes into innerHTML.
import { request } from '../api.js';
import { lang, t } from '../i18n.js';
import { confirmDialog, h, toast } from '../ui.js';

const section = document.getElementById('api-token');

function when(iso) {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'bg-BG', { dateStyle: 'short', timeStyle: 'short' });
}

async function rotate(button) {
  const state = document.getElementById('account-token-state').dataset.state;
  if (state !== 'none') {
    const ok = await confirmDialog({
      title: t('account.rotateTitle'),
      message: t('account.rotateMessage'),
      confirmLabel: t('account.rotate'),
      danger: true,
    });
    if (!ok) return;
  }
  button.disabled = true;
  try {
    const answer = await request(section.dataset.rotateUrl, { method: 'POST', body: {} });
    const key = h('code', { id: 'account-token-new', class: 'account-token-new' }, answer.token);
    const copy = h('button', { type: 'button', class: 'btn btn-small', id: 'account-token-copy', onclick: async () => {
      try {
        await navigator.clipboard.writeText(answer.token);
        toast(t('account.copied'), 'success');
      } catch {
        toast(t('account.copyFailed'), 'error');
      }
    } }, t('account.copy'));
    document.getElementById('account-token-state').dataset.state = 'valid';
    document.getElementById('account-token-status').textContent = t('account.valid');
    document.getElementById('account-token-expiry').replaceChildren(h('time', { datetime: answer.expires_at }, when(answer.expires_at)));
    document.getElementById('account-token-key').replaceChildren(key);
    document.getElementById('account-token-result').replaceChildren(
      h('p', { class: 'account-token-once' }, t('account.shownOnce')), h('div', { class: 'button-row' }, copy));
    button.textContent = t('account.rotate');
  } catch (error) {
    document.getElementById('account-token-result').replaceChildren(h('p', { class: 'form-error', role: 'alert' }, t('account.error', { message: error.message })));
  } finally {
    button.disabled = false;
  }
}

if (section) {
  const button = document.getElementById('account-token-rotate');
  button.addEventListener('click', () => rotate(button));
}
