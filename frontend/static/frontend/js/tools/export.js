// Print the current view, or save it as a PNG: the map with a title, the date, a legend of
// the layers shown (demo layers marked), the scale bar and the sources' attribution.
import { formatDateTime, t } from '../i18n.js';
import { ruleLegend, swatch } from '../styles.js';
import { h, toast } from '../ui.js';

function legendFrame(catalogue) {
  const shown = catalogue.layers.filter((layer) => catalogue.isVisible(layer.slug));
  return h('div', { class: 'export-frame', 'aria-hidden': 'true' },
    h('div', { class: 'export-title' },
      h('strong', {}, t('app.title')),
      h('span', {}, `${t('app.owner')} · ${formatDateTime(new Date())}`)),
    h('div', { class: 'export-north', title: t('export.north') }, h('span', {}, '▲'), h('span', {}, t('export.northLetter'))),
    shown.length
      ? h('div', { class: 'export-legend' },
        h('strong', {}, t('export.legend')),
        h('ul', {}, shown.map((layer) => h('li', {}, swatch(layer), h('span', {}, layer.title),
          layer.is_demo ? h('em', { class: 'badge badge-demo' }, t('layers.demo')) : null, ruleLegend(layer)))))
      : null);
}

function fileName() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `sofia-security-map-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.png`;
}

export function setupExport(map, catalogue, basemap, { printButton, pngButton }) {
  const container = map.getContainer();
  let frame = null;
  const addFrame = () => {
    frame?.remove();
    frame = legendFrame(catalogue);
    container.append(frame);
  };
  const removeFrame = () => {
    frame?.remove();
    frame = null;
  };

  window.addEventListener('beforeprint', () => {
    addFrame();
    map.invalidateSize();
  });
  window.addEventListener('afterprint', () => {
    removeFrame();
    map.invalidateSize();
  });
  printButton?.addEventListener('click', () => window.print());

  pngButton?.addEventListener('click', async () => {
    pngButton.disabled = true;
    pngButton.setAttribute('aria-busy', 'true');
    addFrame();
    try {
      await catalogue.whenLoaded();
      const dataUrl = await htmlToImage.toPng(container, {
        pixelRatio: 1,
        backgroundColor: '#eef1f4',
        cacheBust: false,
        // Leave out the buttons, and the base map's tiles when they could not be loaded.
        filter: (node) => !(node.classList && (
          node.classList.contains('leaflet-control-zoom')
          || (basemap.state.available === false && node.classList.contains('basemap-tiles')))),
      });
      const link = h('a', { href: dataUrl, download: fileName(), hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      toast(t('export.saved'), 'success');
    } catch (error) {
      console.error(error);
      toast(t('export.failed'), 'error');
    } finally {
      removeFrame();
      pngButton.disabled = false;
      pngButton.removeAttribute('aria-busy');
    }
  });
}
