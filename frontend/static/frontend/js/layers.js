// The layer catalogue on the map: one vector-tile grid per layer the user may see, drawn
// from /tiles/{slug}/{z}/{x}/{y}.mvt. Keeps which layers are on, their opacity, and tells
// listeners ('change', 'featureclick') when something happens.
import { api } from './api.js';
import { t } from './i18n.js';
import { PANES } from './map.js';
import { highlightStyle, tileStyle } from './styles.js';
import { escapeHtml } from './ui.js';
import './vectorgrid-fix.js';

// Where a tile feature keeps its id: VectorGrid hands click handlers the drawn shape,
// which shares the feature's `properties` object but not its id.
const FEATURE_ID = Symbol('feature id');

/** The feature id inside a tile (the MVT feature id, or an `id` attribute), kept for clicks. */
export function tileFeatureId(feature) {
  const id = feature.id ?? feature.properties?.id;
  if (feature.properties && !(FEATURE_ID in feature.properties)) {
    Object.defineProperty(feature.properties, FEATURE_ID, { value: id, enumerable: false });
  }
  return id;
}

export class LayerCatalogue extends EventTarget {
  constructor(map, { tilesUrl }) {
    super();
    this.map = map;
    this.tilesUrl = tilesUrl;
    this.layers = [];
    this.grids = new Map();
    this.visible = new Set();
    this.opacity = new Map();
    this.versions = new Map();
    this.suspended = new Set();
    this.highlighted = null;
    // slug → keep(properties): features it refuses are not drawn (the events' period filter).
    this.featureFilters = new Map();
  }

  async load() {
    this.layers = await api.layers();
    return this.layers;
  }

  get(slug) {
    return this.layers.find((layer) => layer.slug === slug);
  }

  /** Themes in catalogue order, each with its layers. */
  byTheme() {
    const groups = new Map();
    for (const layer of this.layers) {
      if (!groups.has(layer.theme)) groups.set(layer.theme, { theme: layer.theme, label: layer.theme_label, layers: [] });
      groups.get(layer.theme).layers.push(layer);
    }
    return [...groups.values()];
  }

  isVisible(slug) {
    return this.visible.has(slug);
  }

  visibleSlugs() {
    return this.layers.filter((layer) => this.visible.has(layer.slug)).map((layer) => layer.slug);
  }

  setVisible(slug, on) {
    const layer = this.get(slug);
    if (!layer || this.isVisible(slug) === on) return;
    if (on) {
      this.visible.add(slug);
      if (!this.suspended.has(slug)) this.grid(layer).addTo(this.map);
    } else {
      this.visible.delete(slug);
      if (this.highlighted?.slug === slug) this.clearHighlight();
      this.grids.get(slug)?.remove();
    }
    this.emit('change', { slug, visible: on });
  }

  setOpacity(slug, value) {
    this.opacity.set(slug, value);
    this.grids.get(slug)?.setOpacity(value);
    this.emit('change', { slug, opacity: value });
  }

  getOpacity(slug) {
    return this.opacity.get(slug) ?? 1;
  }

  /** Take a layer's tiles off the map while its features are edited as GeoJSON. */
  suspend(slug) {
    this.suspended.add(slug);
    this.grids.get(slug)?.remove();
  }

  /** Put the tiles back, fetched afresh if `changed`. */
  resume(slug, { changed = false } = {}) {
    this.suspended.delete(slug);
    if (changed) this.refresh(slug);
    if (this.isVisible(slug)) this.grid(this.get(slug)).addTo(this.map);
  }

  /**
   * Drawing order within each kind's pane (points stay above lines above polygons, so none
   * hides a smaller kind entirely): themes stack from the base up in catalogue order, so the
   * administrative boundaries lie under the layers drawn on them, and within a theme the list's
   * order decides (first drawn on top), which is what ↑/↓ and dragging change.
   */
  zIndexOf(slug) {
    const layer = this.get(slug);
    const themes = [...new Set(this.layers.map((item) => item.theme))];
    const siblings = this.layers.filter((item) => item.theme === layer.theme);
    return (themes.indexOf(layer.theme) + 1) * 1000 + (siblings.length - siblings.indexOf(layer));
  }

  /** Move a layer `delta` places among its theme's layers; true if it moved. */
  move(slug, delta) {
    const index = this.layers.findIndex((layer) => layer.slug === slug);
    if (index < 0) return false;
    const theme = this.layers[index].theme;
    const siblings = this.layers.map((layer, i) => [layer, i]).filter(([layer]) => layer.theme === theme).map(([, i]) => i);
    const position = siblings.indexOf(index);
    const target = siblings[position + delta];
    if (target === undefined) return false;
    const [layer] = this.layers.splice(index, 1);
    this.layers.splice(target, 0, layer);
    this.applyZIndex();
    this.emit('orderchange', { slug });
    this.emit('change', { slug, order: true });
    return true;
  }

  /**
   * Put the named layers in the given order (a permalink's or bookmark's), keeping the places
   * the others hold.
   */
  applyOrder(slugs) {
    const before = this.layers.map((layer) => layer.slug).join();
    // Within each theme only: the panel keeps its groups.
    const themes = new Set(this.layers.map((layer) => layer.theme));
    for (const theme of themes) {
      const layers = [...new Set(slugs)].map((slug) => this.get(slug)).filter((layer) => layer?.theme === theme);
      const places = layers.map((layer) => this.layers.indexOf(layer)).sort((a, b) => a - b);
      places.forEach((place, i) => { this.layers[place] = layers[i]; });
    }
    if (this.layers.map((layer) => layer.slug).join() === before) return;
    this.applyZIndex();
    this.emit('orderchange', {});
  }

  applyZIndex() {
    for (const [slug, grid] of this.grids) grid.setZIndex(this.zIndexOf(slug));
  }

  /** Fetch a layer's tiles again (after an edit), bypassing the browser's cache. */
  refresh(slug) {
    this.versions.set(slug, Date.now());
    const grid = this.grids.get(slug);
    if (grid) grid.setUrl(this.urlFor(slug));
  }

  urlFor(slug) {
    const version = this.versions.get(slug);
    const url = this.tilesUrl.replace('{layers}', encodeURIComponent(slug));
    return version ? `${url}?v=${version}` : url;
  }

  /**
   * Draw only the features of `slug` for which `keep(properties)` is true (null: all of
   * them). Tiles cannot be filtered by the server here, so the tile style drops the others.
   */
  setFeatureFilter(slug, keep) {
    if (keep) this.featureFilters.set(slug, keep);
    else this.featureFilters.delete(slug);
    if (this.highlighted?.slug === slug) this.clearHighlight();
    this.grids.get(slug)?.redraw();
    this.emit('filterchange', { slug });
  }

  /** The layer's tile style, with its feature filter applied (an empty style draws nothing). */
  filteredStyle(layer) {
    const style = tileStyle(layer);
    return (properties, zoom) => {
      const keep = this.featureFilters.get(layer.slug);
      if (keep && !keep(properties)) return [];
      return typeof style === 'function' ? style(properties, zoom) : style;
    };
  }

  /** The VectorGrid of a layer, made on first use. */
  grid(layer) {
    if (this.grids.has(layer.slug)) return this.grids.get(layer.slug);
    const attribution = [
      layer.attribution ? escapeHtml(layer.attribution) : '',
      layer.is_demo ? `<span class="attribution-demo">${escapeHtml(t('layers.demoAttribution', { title: layer.title }))}</span>` : '',
    ].filter(Boolean).join(' · ');
    const grid = L.vectorGrid.protobuf(this.urlFor(layer.slug), {
      rendererFactory: L.svg.tile,
      vectorTileLayerStyles: { [layer.slug]: this.filteredStyle(layer) },
      interactive: true,
      getFeatureId: tileFeatureId,
      pane: PANES[layer.geometry_kind]?.name || PANES.polygon.name,
      minZoom: layer.min_zoom,
      maxZoom: Math.min(layer.max_zoom, this.map.getMaxZoom()),
      attribution,
      opacity: this.getOpacity(layer.slug),
      zIndex: this.zIndexOf(layer.slug),
      fetchOptions: { credentials: 'same-origin' },
      className: `vt-layer vt-${layer.slug} vt-kind-${layer.geometry_kind}`,
    });
    grid.catalogueLayer = layer;
    // The click goes on to the map as well: measuring and drawing listen there.
    grid.on('click', (event) => {
      this.emit('featureclick', {
        layer,
        id: event.layer.properties?.[FEATURE_ID],
        properties: event.layer.properties || {},
        latlng: event.latlng,
      });
    });
    grid.on('tileerror', () => this.emit('tileerror', { slug: layer.slug }));
    this.grids.set(layer.slug, grid);
    return grid;
  }

  /** Resolves once every layer on the map has its tiles (and their fade-in is over). */
  async whenLoaded({ timeout = 10000 } = {}) {
    const started = Date.now();
    const busy = () => [...this.grids.values()].some((grid) => grid._map && grid.isLoading());
    while (busy() && Date.now() - started < timeout) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Leaflet fades new tiles in over 200 ms.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  highlight(slug, id) {
    this.clearHighlight();
    const grid = this.grids.get(slug);
    if (!grid || id === undefined || id === null) return;
    grid.setFeatureStyle(id, highlightStyle(this.get(slug)));
    this.highlighted = { slug, id };
  }

  clearHighlight() {
    if (!this.highlighted) return;
    const { slug, id } = this.highlighted;
    this.grids.get(slug)?.resetFeatureStyle(id);
    this.highlighted = null;
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
