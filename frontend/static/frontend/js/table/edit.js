// Editing one cell of an editable layer through the features API: the same validation and
// history as any edit, and If-Match with the version read just before, so a change someone
// else made meanwhile is shown, not overwritten.
import { api, ApiError, etagOf, formatDetail } from '../api.js';
import { attributeLabel, choiceLabel, formatValue, t } from '../i18n.js';
import { h } from '../ui.js';
import { s } from './strings.js';

const NUMBER_TYPES = new Set(['IntegerField', 'SmallIntegerField', 'BigIntegerField', 'PositiveIntegerField', 'PositiveSmallIntegerField', 'FloatField', 'DecimalField']);

/** An input for the attribute's type with the current value. */
export function cellInput(layer, attribute, value) {
  const label = s('edit', attributeLabel(layer, attribute.name));
  if (attribute.choices || attribute.type === 'BooleanField') {
    const options = attribute.type === 'BooleanField'
      ? [['true', t('common.yes')], ['false', t('common.no')]]
      : Object.keys(attribute.choices).map((code) => [code, choiceLabel(layer, attribute.name, code)]);
    return h('select', { class: 'at-input', 'aria-label': label },
      h('option', { value: '' }, '—'),
      options.map(([code, text]) => h('option', { value: code, selected: String(value) === code }, text)));
  }
  const numeric = NUMBER_TYPES.has(attribute.type);
  return h('input', {
    class: 'at-input',
    type: numeric ? 'number' : 'text',
    step: numeric ? 'any' : undefined,
    value: value === null || value === undefined ? '' : String(value),
    'aria-label': label,
  });
}

/** The input's text as the API wants the value (null for empty). */
export function inputValue(attribute, text) {
  if (text === '') return null;
  if (attribute.type === 'BooleanField') return text === 'true';
  if (NUMBER_TYPES.has(attribute.type)) return Number(text);
  return text;
}

const same = (a, b) => (a ?? null) === (b ?? null) || String(a ?? '') === String(b ?? '');

/**
 * Save one attribute of feature `id`. Resolves to the feature as stored; rejects with an
 * Error whose message is for the cell (validation, a conflict, or the current value).
 */
export async function saveCell(layer, id, attribute, shown, value) {
  const current = await api.feature(layer.slug, id);
  if (!same(current.properties[attribute.name], shown)) {
    const error = new Error(s('changedMeanwhile', formatValue(layer, attribute.name, current.properties[attribute.name])));
    error.feature = current;
    throw error;
  }
  try {
    return await api.updateFeature(layer.slug, id, { type: 'Feature', properties: { [attribute.name]: value } }, { ifMatch: etagOf(current) });
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      const fresh = await api.feature(layer.slug, id);
      const conflict = new Error(s('conflict'));
      conflict.feature = fresh;
      throw conflict;
    }
    if (error instanceof ApiError && error.body && typeof error.body.detail === 'object') {
      throw new Error(formatDetail(error.body.detail[attribute.name] ?? error.body.detail));
    }
    throw error;
  }
}
