// The layer panel: layers grouped by theme, each with its legend swatch, a switch, an
// opacity slider, its zoom range and its sources. It is also the map's legend.
import { eventPeriodControl } from './events/time-filter.js';
import { timeSliderControl } from './tools/time-slider.js';
import { t, themeLabel } from './i18n.js';
import { ruleLegend, swatch } from './styles.js';
import { s } from './table/strings.js';
import { h, icon, toast } from './ui.js';

export class LayerPanel {
  constructor(container, catalogue, map) {
    this.container = container;
    this.catalogue = catalogue;
    this.map = map;
    this.items = new Map();
    catalogue.addEventListener('change', (event) => this.sync(event.detail.slug));
    catalogue.addEventListener('orderchange', () => this.reorder());
    map.on('zoomend', () => this.updateZoomHints());
  }

  render() {
    this.container.replaceChildren();
    this.container.removeAttribute('aria-busy');
    const groups = this.catalogue.byTheme();
    if (!groups.length) {
      this.container.append(h('p', { class: 'empty-state' }, t('layers.empty')));
      return;
    }
    for (const group of groups) {
      const headingId = `theme-${group.theme}`;
      this.container.append(
        h('section', { class: 'theme-group', 'aria-labelledby': headingId },
          h('h3', { class: 'theme-title', id: headingId }, themeLabel(group.theme, group.label)),
          h('ul', { class: 'layer-list', dataset: { theme: group.theme } }, group.layers.map((layer) => this.item(layer))),
          // Mass events last for a time: the period they are shown for.
          group.theme === 'events' ? eventPeriodControl(this.catalogue) : null,
          group.theme === 'events' ? timeSliderControl(this.catalogue) : null),
      );
    }
    this.updateZoomHints();
    this.markEnds();
  }

  item(layer) {
    const toggleId = `layer-toggle-${layer.slug}`;
    const infoId = `layer-info-${layer.slug}`;
    const checkbox = h('input', {
      type: 'checkbox',
      id: toggleId,
      class: 'layer-toggle',
      checked: this.catalogue.isVisible(layer.slug),
      dataset: { slug: layer.slug },
      onchange: (event) => this.catalogue.setVisible(layer.slug, event.target.checked),
    });
    const opacityOutput = h('output', { class: 'opacity-value', for: `layer-opacity-${layer.slug}` },
      `${Math.round(this.catalogue.getOpacity(layer.slug) * 100)}%`);
    const opacity = h('input', {
      type: 'range',
      id: `layer-opacity-${layer.slug}`,
      class: 'opacity-range',
      min: 0,
      max: 100,
      step: 5,
      value: String(Math.round(this.catalogue.getOpacity(layer.slug) * 100)),
      'aria-label': t('layers.opacityOf', { title: layer.title }),
      oninput: (event) => {
        opacityOutput.textContent = `${event.target.value}%`;
        this.catalogue.setOpacity(layer.slug, Number(event.target.value) / 100);
      },
    });
    const infoButton = h('button', {
      type: 'button',
      class: 'icon-btn layer-info-btn',
      'aria-expanded': 'false',
      'aria-controls': infoId,
      'aria-label': t('layers.aboutLayer', { title: layer.title }),
      title: t('layers.about'),
      onclick: (event) => {
        const open = event.currentTarget.getAttribute('aria-expanded') !== 'true';
        event.currentTarget.setAttribute('aria-expanded', String(open));
        info.hidden = !open;
      },
    }, icon('info'));
    const info = h('div', { class: 'layer-info', id: infoId, hidden: true },
      layer.description ? h('p', {}, layer.description) : null,
      h('dl', {},
        h('dt', {}, t('layers.source')), h('dd', {}, layer.is_demo ? t('layers.demoSource') : layer.source),
        layer.attribution ? [h('dt', {}, t('layers.attribution')), h('dd', {}, layer.attribution)] : null,
        h('dt', {}, t('layers.zoomRange')), h('dd', {}, t('layers.zoomFromTo', { min: layer.min_zoom, max: layer.max_zoom })),
        layer.can_edit ? [h('dt', {}, t('layers.editing')), h('dd', {}, t('layers.editable'))] : null));
    const li = h('li', { class: 'layer-item', dataset: { slug: layer.slug, kind: layer.geometry_kind } },
      h('div', { class: 'layer-row' },
        checkbox,
        h('label', { for: toggleId, class: 'layer-label' },
          swatch(layer),
          h('span', { class: 'layer-title' }, layer.title),
          layer.is_demo ? h('span', { class: 'badge badge-demo', title: t('layers.demoTitle') }, t('layers.demo')) : null),
        infoButton),
      ruleLegend(layer),
      h('div', { class: 'layer-extra' },
        h('button', {
          type: 'button', class: 'link-btn zoom-hint', hidden: true,
          onclick: () => this.map.setZoom(layer.min_zoom),
        }, t('layers.zoomIn', { zoom: layer.min_zoom })),
        h('div', { class: 'opacity-control' }, h('span', { class: 'opacity-label', 'aria-hidden': 'true' }, t('layers.opacity')), opacity, opacityOutput),
        this.actions(layer)),
      info);
    this.makeDraggable(li, layer);
    this.items.set(layer.slug, li);
    this.sync(layer.slug);
    return li;
  }

  /** The row's actions: attribute table, zoom to the layer, move up and down. */
  actions(layer) {
    const move = (delta) => (event) => {
      const button = event.currentTarget;
      if (!this.catalogue.move(layer.slug, delta)) return;
      button.focus();
      const siblings = this.catalogue.layers.filter((other) => other.theme === layer.theme);
      this.announce(s('moved', layer.title, siblings.indexOf(layer) + 1, siblings.length));
    };
    return h('div', { class: 'layer-actions' },
      h('button', {
        type: 'button', class: 'btn btn-small layer-table-btn', 'aria-label': s('openTableOf', layer.title),
        onclick: () => this.catalogue.emit('opentable', { slug: layer.slug }),
      }, s('openTable')),
      h('button', {
        type: 'button', class: 'btn btn-small layer-zoom-btn', 'aria-label': s('zoomToLayer', layer.title),
        title: s('zoomToLayer', layer.title), onclick: () => this.zoomToLayer(layer),
      }, icon('crosshair'), s('zoomToLayerShort')),
      h('button', { type: 'button', class: 'icon-btn layer-move-up', 'aria-label': s('moveUp', layer.title), title: s('moveUp', layer.title), onclick: move(-1) }, '↑'),
      h('button', { type: 'button', class: 'icon-btn layer-move-down', 'aria-label': s('moveDown', layer.title), title: s('moveDown', layer.title), onclick: move(1) }, '↓'));
  }

  /** Fit the map to the features of the layer the user may see (the catalogue's extent). */
  zoomToLayer(layer) {
    if (!layer.extent) {
      toast(s('layerExtentEmpty'), 'info');
      return;
    }
    const [minX, minY, maxX, maxY] = layer.extent;
    const bounds = L.latLngBounds([minY, minX], [maxY, maxX]);
    const zoom = Math.min(this.map.getBoundsZoom(bounds, false, L.point(40, 40)), 17);
    // A layer drawn only from some zoom is shown at that zoom, around its middle.
    if (zoom < layer.min_zoom) this.map.setView(bounds.getCenter(), layer.min_zoom);
    else this.map.fitBounds(bounds, { maxZoom: 17, padding: [20, 20] });
  }

  /** Rows can also be dragged by their handle within their theme (the buttons do the same by keyboard). */
  makeDraggable(li, layer) {
    const handle = h('span', { class: 'layer-drag', draggable: 'true', title: s('dragHint'), 'aria-hidden': 'true' }, '⋮⋮');
    li.querySelector('.layer-row').prepend(handle);
    handle.addEventListener('dragstart', (event) => {
      event.dataTransfer.setData('text/plain', layer.title);
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setDragImage(li, 10, 10);
      this.dragged = layer;
    });
    handle.addEventListener('dragend', () => { this.dragged = null; });
    li.addEventListener('dragover', (event) => {
      if (this.dragged && this.dragged.theme === layer.theme) event.preventDefault();
    });
    li.addEventListener('drop', (event) => {
      const from = this.dragged;
      this.dragged = null;
      if (!from || from.theme !== layer.theme || from === layer) return;
      event.preventDefault();
      const siblings = this.catalogue.layers.filter((other) => other.theme === layer.theme);
      this.catalogue.move(from.slug, siblings.indexOf(layer) - siblings.indexOf(from));
    });
  }

  /** Put the rows in the catalogue's order (after a move or a permalink's order). */
  reorder() {
    for (const list of this.container.querySelectorAll('ul.layer-list')) {
      const focused = document.activeElement;
      const rows = this.catalogue.layers.filter((layer) => layer.theme === list.dataset.theme).map((layer) => this.items.get(layer.slug)).filter(Boolean);
      list.append(...rows);
      if (focused && list.contains(focused)) focused.focus();
    }
    this.markEnds();
  }

  /** The first row cannot go up nor the last down (aria-disabled: the focus stays on the button). */
  markEnds() {
    for (const list of this.container.querySelectorAll('ul.layer-list')) {
      const rows = [...list.children].filter((row) => row.classList.contains('layer-item'));
      rows.forEach((row, i) => {
        row.querySelector('.layer-move-up')?.setAttribute('aria-disabled', String(i === 0));
        row.querySelector('.layer-move-down')?.setAttribute('aria-disabled', String(i === rows.length - 1));
      });
    }
  }

  announce(message) {
    if (!this.status) {
      this.status = h('p', { class: 'visually-hidden', role: 'status' });
      this.container.after(this.status);
    }
    this.status.textContent = message;
  }

  sync(slug) {
    const li = this.items.get(slug);
    if (!li) return;
    const on = this.catalogue.isVisible(slug);
    li.classList.toggle('is-on', on);
    li.querySelector('.layer-toggle').checked = on;
  }

  updateZoomHints() {
    const zoom = this.map.getZoom();
    for (const [slug, li] of this.items) {
      const layer = this.catalogue.get(slug);
      const outOfRange = zoom < layer.min_zoom || zoom > layer.max_zoom;
      li.classList.toggle('out-of-range', outOfRange);
      li.querySelector('.zoom-hint').hidden = !outOfRange || zoom > layer.max_zoom;
    }
  }
}
