// Leaflet path styles from a layer's catalogue style ({color, weight, fillColor,
// fillOpacity, radius, dashArray, opacity}), and the legend swatch drawn from the same style.
// A style may carry `rules: {property, values: {value: {…style…}}}`: a feature whose
// `property` has one of the values is drawn with that value's style on top of the rest.
import { t } from './i18n.js';

const DEFAULT_COLOR = '#37474f';

/** The catalogue style for one feature: the fallback with the matching rule's keys on top. */
export function styleFor(layer, properties) {
  const { rules, ...base } = layer.style || {};
  const value = properties && rules?.property ? properties[rules.property] : undefined;
  const rule = value !== undefined && value !== null ? rules.values?.[value] : undefined;
  return rule ? { ...base, ...rule } : base;
}

// The database keeps styles as jsonb, which does not keep the order of keys: values with a
// natural order (the DORI levels, weakest first) are put back in it for the legend.
const RULE_ORDER = { level: ['detect', 'observe', 'recognise', 'identify'] };

/** The rule values of a layer's style ([] without rules), in their natural order if known. */
export function ruleValues(layer) {
  const rules = layer.style?.rules;
  const values = rules?.values && typeof rules.values === 'object' ? Object.keys(rules.values) : [];
  const order = rules?.order || RULE_ORDER[rules?.property];
  if (!order) return values;
  const rank = (value) => (order.includes(value) ? order.indexOf(value) : order.length);
  return values.sort((a, b) => rank(a) - rank(b));
}

export function pathStyle(layer, properties) {
  const style = styleFor(layer, properties);
  const color = style.color || DEFAULT_COLOR;
  const common = {
    color,
    weight: style.weight ?? (layer.geometry_kind === 'point' ? 1.5 : 2),
    opacity: style.opacity ?? 1,
    dashArray: style.dashArray || null,
  };
  if (layer.geometry_kind === 'line') return { ...common, fill: false };
  if (layer.geometry_kind === 'point') {
    return {
      ...common,
      radius: style.radius ?? 5,
      fill: true,
      fillColor: style.fillColor || color,
      fillOpacity: style.fillOpacity ?? 0.9,
    };
  }
  const fillOpacity = style.fillOpacity ?? 0.2;
  // A polygon without fill (the municipal boundary) must not catch clicks meant for the layers under it.
  return { ...common, fill: fillOpacity > 0, fillColor: style.fillColor || color, fillOpacity };
}

/**
 * The style function of a layer's vector tiles. Below zoom 14 the tile server groups a
 * point layer's points into clusters with a `count`; a cluster is drawn larger, by count.
 */
export function tileStyle(layer) {
  const rules = ruleValues(layer).length > 0;
  const style = pathStyle(layer);
  if (layer.geometry_kind !== 'point') return rules ? (properties) => pathStyle(layer, properties) : style;
  return (properties) => {
    const count = Number(properties.count) || 1;
    if (count <= 1) return rules ? pathStyle(layer, properties) : style;
    return {
      ...style,
      radius: Math.min(style.radius + 3 + 2.5 * Math.log2(count), 22),
      color: '#ffffff',
      weight: 2,
      fillOpacity: 0.85,
    };
  };
}

export function highlightStyle(layer) {
  const base = pathStyle(layer);
  return {
    ...base,
    color: '#ffb300',
    weight: Math.max(3, (base.weight || 2) + 2),
    fillOpacity: layer.geometry_kind === 'polygon' ? Math.max(base.fillOpacity, 0.25) : base.fillOpacity,
    fill: layer.geometry_kind !== 'line',
    fillColor: layer.geometry_kind === 'polygon' ? '#ffe082' : base.fillColor,
  };
}

/** Style of a drawing the API refused. */
export const ERROR_STYLE = { color: '#d32f2f', weight: 3, dashArray: '6 4', fillColor: '#ef9a9a', fillOpacity: 0.3 };

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgElement(tag, attributes) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  return element;
}

/**
 * The legend entries of a layer with style rules: [{value, group, label}], one per legend group
 * (rules.legend maps a value to its group, e.g. every pending status to "pending"), in order.
 */
export function ruleEntries(layer) {
  const rules = layer.style?.rules;
  const entries = [];
  const seen = new Set();
  for (const value of ruleValues(layer)) {
    const group = rules.legend?.[value] || value;
    if (seen.has(group)) continue;
    seen.add(group);
    const key = `rule.${rules.property}.${group}`;
    const label = t(key);
    entries.push({ value, group, label: label === key ? group : label });
  }
  return entries;
}

/**
 * The legend of a layer: one swatch, or with style rules one small swatch per legend group
 * (each titled with its label, e.g. the DORI level), drawn with the group's line pattern.
 */
export function swatch(layer) {
  const entries = ruleValues(layer).length ? ruleEntries(layer) : [];
  if (!entries.length) return singleSwatch(layer);
  const group = document.createElement('span');
  group.className = 'swatch swatch-rules';
  group.dataset.rules = layer.style.rules.property;
  for (const entry of entries) {
    const item = singleSwatch(layer, { [layer.style.rules.property]: entry.value }, { width: 12, height: 14 });
    item.dataset.value = entry.group;
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = entry.label;
    item.append(title);
    group.append(item);
  }
  return group;
}

/**
 * The written legend of a layer with style rules (null without): each group's swatch, drawn as
 * on the map (colour, line pattern, fill), with its name in words, so that colour is never the
 * only carrier of meaning (WCAG 1.4.1).
 */
export function ruleLegend(layer) {
  if (!ruleValues(layer).length) return null;
  const property = layer.style.rules.property;
  const list = document.createElement('ul');
  list.className = 'rule-legend';
  list.dataset.rules = property;
  for (const entry of ruleEntries(layer)) {
    const item = document.createElement('li');
    item.dataset.value = entry.group;
    const text = document.createElement('span');
    text.textContent = entry.label;
    item.append(singleSwatch(layer, { [property]: entry.value }), text);
    list.append(item);
  }
  return list;
}

/** A 22×16 legend swatch: a filled square, a stroke or a dot, as the layer is drawn. */
function singleSwatch(layer, properties, { width = 22, height = 16 } = {}) {
  const style = pathStyle(layer, properties);
  if (width !== 22) {
    const svg = svgElement('svg', { class: 'swatch swatch-rule', width, height, viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true' });
    const fillOpacity = style.fill === false ? 0 : Math.max(style.fillOpacity ?? 0.9, 0.35);
    svg.append(svgElement('rect', { x: 1, y: 1, width: width - 2, height: height - 2, rx: 2, fill: style.fillColor || style.color, 'fill-opacity': fillOpacity, stroke: style.color, 'stroke-width': 1.5, 'stroke-dasharray': style.dashArray ? '2 2' : null }));
    return svg;
  }
  const svg = svgElement('svg', { class: 'swatch', width: 22, height: 16, viewBox: '0 0 22 16', 'aria-hidden': 'true' });
  const stroke = { stroke: style.color, 'stroke-width': Math.min(style.weight || 2, 3), 'stroke-dasharray': style.dashArray, 'stroke-opacity': style.opacity };
  if (layer.geometry_kind === 'line') {
    svg.append(svgElement('path', { d: 'M2 12 C 7 2, 13 14, 20 4', fill: 'none', 'stroke-linecap': 'round', ...stroke }));
  } else if (layer.geometry_kind === 'point') {
    svg.append(svgElement('circle', { cx: 11, cy: 8, r: Math.min(Math.max(style.radius, 3), 6), fill: style.fillColor, 'fill-opacity': style.fillOpacity, ...stroke, 'stroke-width': 1.5 }));
  } else {
    // A faint fill is hard to see at legend size; show it at least a little.
    const fillOpacity = style.fill ? Math.max(style.fillOpacity, 0.25) : 0;
    svg.append(svgElement('rect', { x: 2, y: 2, width: 18, height: 12, rx: 2, fill: style.fill ? style.fillColor : 'none', 'fill-opacity': fillOpacity, ...stroke }));
  }
  return svg;
}
