// Leaflet path styles from a layer's catalogue style ({color, weight, fillColor,
// fillOpacity, radius, dashArray, opacity}), and the legend swatch drawn from the same style.
const DEFAULT_COLOR = '#37474f';

export function pathStyle(layer) {
  const style = layer.style || {};
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
  const style = pathStyle(layer);
  if (layer.geometry_kind !== 'point') return style;
  return (properties) => {
    const count = Number(properties.count) || 1;
    if (count <= 1) return style;
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

/** A 22×16 legend swatch: a filled square, a stroke or a dot, as the layer is drawn. */
export function swatch(layer) {
  const style = pathStyle(layer);
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
