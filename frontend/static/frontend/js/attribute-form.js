// The form for a feature's attributes, built from the layer's attribute metadata
// (/api/layers/: name, label, type, choices). Shows the API's errors next to their fields.
import { attributeLabel, choiceLabel, t } from './i18n.js';
import { h } from './ui.js';

// Attributes the platform sets itself; planners never type them.
const READ_ONLY = new Set(['source', 'external_id', 'created_at', 'updated_at', 'id']);
const INTEGER_TYPES = new Set(['IntegerField', 'SmallIntegerField', 'BigIntegerField', 'PositiveIntegerField', 'PositiveSmallIntegerField', 'PositiveBigIntegerField']);
const DECIMAL_TYPES = new Set(['FloatField', 'DecimalField']);

/** The attributes a planner may set on this layer. */
export function editableAttributes(layer) {
  if (Array.isArray(layer.editable_attributes)) {
    return layer.attributes.filter((attribute) => layer.editable_attributes.includes(attribute.name));
  }
  return (layer.attributes || []).filter((attribute) => !READ_ONLY.has(attribute.name));
}

function input(layer, attribute, value, id) {
  const common = { id, name: attribute.name, class: 'field-input' };
  if (attribute.choices) {
    return h('select', common,
      h('option', { value: '' }, '—'),
      Object.keys(attribute.choices).map((code) => h('option', { value: code, selected: String(value ?? '') === code },
        choiceLabel(layer, attribute.name, code))));
  }
  if (attribute.type === 'TextField') return h('textarea', { ...common, rows: 3 }, value ?? '');
  if (attribute.type === 'BooleanField') return h('input', { ...common, type: 'checkbox', checked: Boolean(value) });
  if (INTEGER_TYPES.has(attribute.type)) {
    return h('input', { ...common, type: 'number', step: 1, min: attribute.type.startsWith('Positive') ? 0 : undefined, value: value ?? '', inputmode: 'numeric' });
  }
  if (DECIMAL_TYPES.has(attribute.type)) return h('input', { ...common, type: 'number', step: 'any', value: value ?? '' });
  if (attribute.type === 'DateField') return h('input', { ...common, type: 'date', value: value ?? '' });
  return h('input', { ...common, type: 'text', value: value ?? '', autocomplete: 'off' });
}

/** Read the form back into API properties; empty numbers and dates are left out on create. */
function readValues(form, attributes, { partial }) {
  const values = {};
  for (const attribute of attributes) {
    const field = form.elements.namedItem(attribute.name);
    if (!field) continue;
    if (attribute.type === 'BooleanField') {
      values[attribute.name] = field.checked;
      continue;
    }
    const raw = field.value.trim();
    const textual = !attribute.choices && (attribute.type === 'CharField' || attribute.type === 'TextField');
    if (raw === '') {
      if (textual) values[attribute.name] = '';
      else if (partial) values[attribute.name] = null;
      continue;
    }
    if (INTEGER_TYPES.has(attribute.type) && !attribute.choices) values[attribute.name] = Number.parseInt(raw, 10);
    else if (DECIMAL_TYPES.has(attribute.type)) values[attribute.name] = Number.parseFloat(raw);
    else values[attribute.name] = raw;
  }
  return values;
}

/**
 * A form for `layer`'s attributes. `onSubmit(values)` returns a promise; while it runs the
 * buttons are disabled. Returns {element, showError(apiError), focus()}.
 */
export function attributeForm(layer, { values = {}, title, partial = false, submitLabel, onSubmit, onCancel, onLayout, errorActions }) {
  const attributes = editableAttributes(layer);
  const uid = `f${Math.random().toString(36).slice(2, 8)}`;
  const alert = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const fields = attributes.map((attribute) => {
    const id = `${uid}-${attribute.name}`;
    return h('div', { class: 'field', dataset: { name: attribute.name } },
      h('label', { for: id }, attributeLabel(layer, attribute.name)),
      input(layer, attribute, values[attribute.name], id),
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel || t('common.save'));
  const cancel = h('button', { type: 'button', class: 'btn', onclick: () => onCancel?.() }, t('common.cancel'));
  const form = h('form', { class: 'attribute-form', novalidate: true },
    title ? h('h3', { class: 'form-title' }, title) : null,
    alert,
    fields,
    h('div', { class: 'form-actions' }, cancel, submit));

  const clearErrors = () => {
    alert.hidden = true;
    alert.replaceChildren();
    form.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  };

  const showError = (error) => {
    clearErrors();
    alert.hidden = false;
    const fieldErrors = error.detail && typeof error.detail === 'object' && !Array.isArray(error.detail);
    // Field errors are shown at their fields; the summary names the fields by their labels.
    const summary = fieldErrors
      ? t('edit.checkFields', { fields: Object.keys(error.detail).map((name) => attributeLabel(layer, name)).join(', ') })
      : error.message;
    alert.append(h('strong', {}, t('edit.notSaved')), ' ', summary);
    const actions = errorActions?.(error) || [];
    if (actions.length) alert.append(h('div', { class: 'button-row' }, actions));
    // DRF reports attribute errors as {field: [messages]}: put each next to its field.
    if (fieldErrors) {
      for (const [name, messages] of Object.entries(error.detail)) {
        const field = form.elements.namedItem(name);
        if (!field) continue;
        const p = form.querySelector(`#${uid}-${name}-error`);
        p.textContent = [].concat(messages).join(' ');
        p.hidden = false;
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', p.id);
      }
    }
    onLayout?.();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    submit.disabled = true;
    cancel.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await onSubmit(readValues(form, attributes, { partial }));
    } catch (error) {
      showError(error);
    } finally {
      submit.disabled = false;
      cancel.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  /** Submit again with other options (for instance with the geometry repaired). */
  const resubmit = async (options) => {
    clearErrors();
    try {
      await onSubmit(readValues(form, attributes, { partial }), options);
    } catch (error) {
      showError(error);
    }
  };
  return { element: form, showError, resubmit, focus: () => form.querySelector('input, select, textarea')?.focus() };
}
