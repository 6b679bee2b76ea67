// Small DOM helpers shared by every part of the interface: element building, toasts and
// a confirmation dialog. Content is always set as text, never as HTML, unless a caller
// passes a trusted node.
import { t } from './i18n.js';
import './leaflet-text.js';

/**
 * Build an element: h('button', {class: 'btn', 'aria-label': '…', onclick: fn}, 'text', child).
 * Attributes named on* become listeners; `hidden`, `disabled`, `checked` are booleans.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'style' && typeof value === 'object') {
      Object.assign(element.style, value);
    } else if (['hidden', 'disabled', 'checked', 'selected', 'required', 'multiple'].includes(name)) {
      element[name] = Boolean(value);
    } else if (name === 'value') {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendChildren(element, children);
  return element;
}

function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An inline SVG icon from the sprite (frontend/img/icons.svg). */
export function icon(name, className = 'icon') {
  const sprite = document.body.dataset.iconSprite;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
  use.setAttribute('href', `${sprite}#${name}`);
  svg.append(use);
  return svg;
}

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const TOAST_MS = { info: 4000, success: 4000, error: 9000, warning: 7000 };

/** A short message in the corner; errors stay longer and are announced assertively. */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  if (!region) return;
  const close = h('button', { class: 'toast-close', type: 'button', 'aria-label': t('common.close') }, '×');
  const item = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', { class: 'toast-text' }, message), close);
  const remove = () => item.remove();
  close.addEventListener('click', remove);
  region.append(item);
  setTimeout(remove, TOAST_MS[kind] || 5000);
  return item;
}

/**
 * Ask the user to confirm; resolves to true or false. Uses <dialog>, so focus is trapped
 * and Escape cancels.
 */
export function confirmDialog({ title, message, confirmLabel, cancelLabel, danger = false }) {
  return new Promise((resolve) => {
    const confirmButton = h('button', { class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`, type: 'submit', value: 'confirm' },
      confirmLabel || t('common.ok'));
    const cancelButton = h('button', { class: 'btn', type: 'submit', value: 'cancel' }, cancelLabel || t('common.cancel'));
    const titleId = `dialog-title-${Date.now()}`;
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
      h('form', { method: 'dialog' },
        h('h2', { id: titleId, class: 'dialog-title' }, title),
        h('p', { class: 'dialog-message' }, message),
        h('div', { class: 'dialog-actions' }, cancelButton, confirmButton)));
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    dialog.showModal();
    cancelButton.focus();
  });
}

/** Run `fn` once the calls have stopped for `ms`; `.cancel()` drops a pending call. */
export function debounce(fn, ms) {
  let timer;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}
