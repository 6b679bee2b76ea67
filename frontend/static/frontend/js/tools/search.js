// Search across the layers the user may see (/api/search/): names as typed, in Cyrillic or
// Latin, acronyms and coordinates; each result says its layer and district. Choosing a result zooms to it, switches its layer on and marks it briefly.
// The input is an ARIA combobox: arrows move through the results, Enter chooses, Escape closes.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { PANES } from '../map.js';
import { debounce, h, toast } from '../ui.js';

const MIN_CHARS = 2;
const MARK_MS = 4000;

export function setupSearch(map, catalogue, { form, input, list }) {
  let results = [];
  let active = -1;
  let controller = null;
  let mark = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  // A named place of the gazetteer says what it is (metro station, stadium); others their layer.
  const layerTitle = (result) => (result.layer && result.kind) || catalogue.get(result.layer)?.title || result.layer_title;

  const render = (message) => {
    list.replaceChildren();
    if (message) {
      list.append(h('li', { class: 'search-message', role: 'option', 'aria-disabled': 'true' }, message));
    }
    results.forEach((result, index) => {
      list.append(h('li', {
        id: `search-result-${index}`,
        class: 'search-result',
        role: 'option',
        'aria-selected': String(index === active),
        onmousedown: (event) => event.preventDefault(),
        onclick: () => choose(index),
      }, h('span', { class: 'search-result-name' }, result.name),
      h('span', { class: 'search-result-layer' }, result.district ? t('search.inDistrict', { layer: layerTitle(result), district: result.district }) : layerTitle(result))));
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  /** Ask the API; show the results, a "nothing found" line or the API's message. */
  const search = async (text) => {
    controller?.abort();
    controller = new AbortController();
    try {
      const data = await api.search(text, { signal: controller.signal });
      results = data.results;
      active = -1;
      render(results.length ? null : t('search.noResults', { text }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      results = [];
      render(error.message);
    }
  };
  const searchSoon = debounce(search, 250);

  const choose = (index) => {
    const result = results[index];
    if (!result) return;
    searchSoon.cancel();
    close();
    input.value = result.name;
    zoomTo(result);
  };

  const zoomTo = (result) => {
    const [minX, minY, maxX, maxY] = result.bbox;
    const bounds = L.latLngBounds([minY, minX], [maxY, maxX]);
    const layer = result.layer ? catalogue.get(result.layer) : null;
    if (layer) catalogue.setVisible(layer.slug, true);
    const isPoint = minX === maxX && minY === maxY;
    const zoom = isPoint ? Math.max(17, layer?.min_zoom ?? 0) : Math.min(map.getBoundsZoom(bounds, false, L.point(40, 40)), 17);
    map.flyTo(bounds.getCenter(), Math.max(zoom, layer?.min_zoom ?? 0), { duration: 0.6 });
    mark?.remove();
    mark = isPoint
      ? L.circleMarker(bounds.getCenter(), { radius: 18, color: '#ffb300', weight: 3, fill: false, pane: PANES.highlight.name, interactive: false, className: 'search-mark' })
      : L.rectangle(bounds, { color: '#ffb300', weight: 3, fill: false, dashArray: '8 6', pane: PANES.highlight.name, interactive: false, className: 'search-mark' });
    mark.addTo(map);
    const current = mark;
    setTimeout(() => { if (mark === current) { mark.remove(); mark = null; } }, MARK_MS);
    toast(t('search.found', { name: result.name, layer: layerTitle(result) }), 'info');
  };

  input.addEventListener('input', () => {
    const text = input.value.trim();
    if (text.length < MIN_CHARS) {
      controller?.abort();
      results = [];
      close();
      return;
    }
    searchSoon(text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!results.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + results.length) % results.length;
      render(null);
      input.setAttribute('aria-activedescendant', `search-result-${active}`);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (active >= 0) {
      choose(active);
      return;
    }
    if (text.length < MIN_CHARS) {
      toast(t('search.tooShort'), 'warning');
      return;
    }
    // Enter before the typing pause: search now, then go to the best match.
    searchSoon.cancel();
    await search(text);
    if (results.length) choose(0);
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('focus', () => { if (results.length) render(null); });
}
