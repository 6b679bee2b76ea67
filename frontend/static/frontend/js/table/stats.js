// Field statistics of the table's features: count, minimum/maximum/mean of numbers, the
// most frequent values of text and coded values.
import { attributeLabel, formatNumber, formatValue } from '../i18n.js';
import { h } from '../ui.js';
import { s } from './strings.js';

function numberText(layer, field, value) {
  if (value === null || value === undefined) return '—';
  return field.kind === 'date' ? formatValue(layer, field.name, value) : formatNumber(value, { maximumFractionDigits: 2 });
}

/** The statistics answer as a list of fields. */
export function statisticsView(layer, stats) {
  return h('div', { class: 'at-stats-body' },
    h('p', { class: 'at-stats-total' }, s('statsTitle', formatNumber(stats.count))),
    h('dl', { class: 'at-stats-list' }, stats.fields.map((field) => [
      h('dt', {}, attributeLabel(layer, field.name)),
      h('dd', { dataset: { field: field.name } },
        h('span', { class: 'hint' }, s('statsHas', formatNumber(field.count))),
        field.kind === 'values'
          ? [
            h('span', { class: 'hint' }, ` · ${s('distinct', formatNumber(field.distinct ?? 0))}`),
            field.top?.length
              ? h('ol', { class: 'at-stats-top', 'aria-label': s('top') }, field.top.map((item) =>
                h('li', {}, `${formatValue(layer, field.name, item.value)} — ${formatNumber(item.count)}`)))
              : h('p', { class: 'hint' }, s('noValues')),
          ]
          : h('ul', { class: 'at-stats-numbers' },
            h('li', {}, `${s('min')}: ${numberText(layer, field, field.min)}`),
            h('li', {}, `${s('max')}: ${numberText(layer, field, field.max)}`),
            field.kind === 'number' ? h('li', {}, `${s('mean')}: ${numberText(layer, field, field.mean)}`) : null)),
    ])));
}
