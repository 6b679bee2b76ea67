// Registration of a new organizer (POST /api/auth/register/) and the page the e-mailed
// confirmation link opens (GET /api/auth/confirm/…): the account stays inactive until then.
import { t } from '../i18n.js';
import { h, toast } from '../ui.js';
import { authApi, page } from './api.js';
import { FormErrors, busy, field, requiredNote, setReady } from './common.js';

function registerForm(container) {
  const summary = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', id: 'register-submit' }, t('ev.register.submit'));
  const form = h('form', { id: 'register-form', class: 'ev-register-form', novalidate: true },
    summary,
    requiredNote(),
    h('div', { class: 'ev-grid-2' },
      field({ label: t('ev.register.firstName'), path: 'first_name', autocomplete: 'given-name' }),
      field({ label: t('ev.register.lastName'), path: 'last_name', autocomplete: 'family-name' }),
      field({ label: t('ev.register.organization'), path: 'organization', autocomplete: 'organization', wide: true, hint: t('ev.register.organizationHint') }),
      field({ label: t('ev.register.email'), path: 'email', input: 'email', required: true, autocomplete: 'email', hint: t('ev.register.emailHint') }),
      field({ label: t('ev.form.phone'), path: 'phone', input: 'tel', autocomplete: 'tel' }),
      field({ label: t('ev.register.username'), path: 'username', required: true, wide: true, autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', hint: t('ev.register.usernameHint') }),
      field({ label: t('ev.register.password'), path: 'password', input: 'password', required: true, autocomplete: 'new-password', hint: t('ev.register.passwordHint') }),
      field({ label: t('ev.register.password2'), path: 'password2', input: 'password', required: true, autocomplete: 'new-password' })),
    h('p', { class: 'ev-field-hint' }, t('ev.register.privacy')),
    submit,
    h('p', { class: 'hint' }, t('ev.register.haveAccount'), ' ', h('a', { href: `${page.urls.login}?next=${encodeURIComponent(page.urls.portal)}` }, t('ev.register.signIn'))));
  const errors = new FormErrors(form, summary);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const get = (name) => form.querySelector(`[data-path="${name}"]`).value.trim();
    if (form.querySelector('[data-path=password]').value !== form.querySelector('[data-path=password2]').value) {
      errors.show({ message: t('ev.register.mismatch'), body: { parameter: 'password2' } });
      return;
    }
    const data = { username: get('username'), email: get('email'), password: form.querySelector('[data-path=password]').value };
    // The optional fields are sent only when filled: the API refuses them blank.
    for (const name of ['first_name', 'last_name', 'organization', 'phone']) if (get(name)) data[name] = get(name);
    try {
      const answer = await busy(submit, () => authApi.register(data));
      container.replaceChildren(sent(answer));
      container.querySelector('h2')?.focus();
    } catch (error) {
      errors.show(error);
    }
  });
  return form;
}

function sent(answer) {
  const resend = h('button', {
    type: 'button', class: 'btn', id: 'resend',
    onclick: async (event) => {
      try {
        const reply = await busy(event.currentTarget, () => authApi.resend(answer.email));
        toast(reply.detail, 'success');
      } catch (error) {
        toast(error.message, 'error');
      }
    },
  }, t('ev.register.resend'));
  return h('div', { class: 'ev-done', id: 'register-done' },
    h('h2', { tabindex: '-1' }, t('ev.register.sentTitle')),
    h('p', {}, answer.detail),
    h('ol', { class: 'ev-steps' },
      h('li', {}, t('ev.register.step1', { email: answer.email })),
      h('li', {}, t('ev.register.step2')),
      h('li', {}, t('ev.register.step3', { username: answer.username }))),
    h('p', { class: 'hint' }, t('ev.register.noMail')),
    h('div', { class: 'button-row' }, resend, h('a', { class: 'btn btn-primary', href: `${page.urls.login}?next=${encodeURIComponent(page.urls.portal)}` }, t('ev.register.signIn'))));
}

async function confirm(container) {
  try {
    const answer = await authApi.confirm(page.uid, page.token);
    container.replaceChildren(h('div', { class: 'ev-done' },
      h('p', { class: 'ev-ok-text' }, answer.detail),
      h('a', { class: 'btn btn-primary', href: `${page.urls.login}?next=${encodeURIComponent(page.urls.portal)}` }, t('ev.register.signIn'))));
  } catch (error) {
    container.replaceChildren(h('div', {},
      h('p', { class: 'empty-state error', role: 'alert' }, error.message),
      h('a', { class: 'btn', href: page.urls.registerPage }, t('ev.register.again'))));
  }
}

const registerRoot = document.getElementById('register-root');
const confirmRoot = document.getElementById('confirm-root');
if (registerRoot) registerRoot.replaceChildren(registerForm(registerRoot));
if (confirmRoot) await confirm(confirmRoot);
setReady();
