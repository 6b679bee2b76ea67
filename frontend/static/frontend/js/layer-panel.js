// The layer panel: layers grouped by theme, each with its legend swatch, a switch, an
// opacity slider, its zoom range and its sources. It is also the map's legend.
import { eventPeriodControl } from './events/time-filter.js';
import { timeSliderControl } from './tools/time-slider.js';
import { t, themeLabel } from './i18n.js';
import { ruleLegend, swatch } from './styles.js';
import { h, icon } from './ui.js';

export class LayerPanel {
  constructor(container, catalogue, map) {
    this.container = container;
    this.catalogue = catalogue;
    this.map = map;
    this.items = new Map();
    catalogue.addEventListener('change', (event) => this.sync(event.detail.slug));
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
          h('ul', { class: 'layer-list' }, group.layers.map((layer) => this.item(layer))),
          // Mass events last for a time: the period they are shown for.
          group.theme === 'events' ? eventPeriodControl(this.catalogue) : null,
          group.theme === 'events' ? timeSliderControl(this.catalogue) : null),
      );
    }
    this.updateZoomHints();
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
        h('div', { class: 'opacity-control' }, h('span', { class: 'opacity-label', 'aria-hidden': 'true' }, t('layers.opacity')), opacity, opacityOutput)),
      info);
    this.items.set(layer.slug, li);
    this.sync(layer.slug);
    return li;
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
