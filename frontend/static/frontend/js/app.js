// The map page: wires the map, the layer catalogue and the tools the user's role gets.
import { addBaseMap } from './basemap.js';
import { config, hasTool } from './config.js';
import { Editor } from './editing.js';
import { t } from './i18n.js';
import { LayerPanel } from './layer-panel.js';
import { LayerCatalogue } from './layers.js';
import { createMap } from './map.js';
import { bindFeaturePopups } from './popups.js';
import { setupCoordinates, toBGS2005 } from './tools/coordinates.js';
import { setupExport } from './tools/export.js';
import { setupImport } from './tools/import-dialog.js';
import { geodesicArea, geodesicLength, MeasureTool } from './tools/measure.js';
import { applyPermalink, copyPermalink, parsePermalink, trackPermalink } from './tools/permalink.js';
import { setupSearch } from './tools/search.js';
import { setupBookmarks } from './tools/bookmarks.js';
import { setupDutyBoard } from './tools/duty-board.js';
import { setupPrintDialog } from './tools/print-dialog.js';
import { setupSurveillance } from './surveillance/index.js';
import { setupRisk } from './risk/index.js';
import { setupPublicOrder } from './public-order/index.js';
import { setupInspections } from './inspections/index.js';
import { showActiveAlerts } from './situation/alerts-overlay.js';
import { setupCounterTerrorism } from './counterterrorism/index.js';
import { setupAttributeTable } from './table/index.js';
import { h, toast } from './ui.js';

// Layers on when the address names none: the outline of the city and its districts, the
// rivers and the main streets (transit routes), which still give a sense of place without
// a base map.
const DEFAULT_LAYERS = ['municipality', 'districts', 'rivers', 'transit-routes'];

const byId = (id) => document.getElementById(id);

function setupSidePanel() {
  const toggle = byId('panel-toggle');
  const close = byId('panel-close');
  const narrow = window.matchMedia('(max-width: 760px)');
  const setOpen = (open) => {
    document.body.classList.toggle('side-panel-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  setOpen(!narrow.matches);
  toggle.addEventListener('click', () => setOpen(!document.body.classList.contains('side-panel-open')));
  close?.addEventListener('click', () => {
    setOpen(false);
    toggle.focus();
  });
  narrow.addEventListener('change', (event) => setOpen(!event.matches));
  return setOpen;
}

/** Keep links and forms that leave the page (login, language) pointing back at this view. */
function keepViewInReturnLinks() {
  const update = () => {
    const here = window.location.pathname + window.location.search + window.location.hash;
    document.querySelectorAll('[data-return-link]').forEach((link) => {
      const url = new URL(link.href, window.location.origin);
      url.searchParams.set('next', here);
      link.href = url.pathname + url.search;
    });
    document.querySelectorAll('input[name="next"][data-return-field]').forEach((input) => { input.value = here; });
  };
  document.addEventListener('permalinkchange', update);
  update();
}

async function main() {
  const setPanelOpen = setupSidePanel();
  const permalink = parsePermalink();
  const map = createMap(byId('map'), { view: config.view, initial: permalink.view });
  const basemap = addBaseMap(map, config.baseMap, byId('basemap-notice'));
  const catalogue = new LayerCatalogue(map, { tilesUrl: config.urls.tiles });
  const panel = new LayerPanel(byId('layer-panel'), catalogue, map);
  showActiveAlerts(map, { banner: byId('main') });

  // Exposed for the browser tests and for debugging in the console.
  window.sofiaMap = { map, catalogue, basemap, toBGS2005, geodesicLength, geodesicArea };

  try {
    await catalogue.load();
  } catch (error) {
    byId('layer-panel').replaceChildren(h('p', { class: 'empty-state error' }, t('error.layers', { message: error.message })));
    toast(t('error.layers', { message: error.message }), 'error');
    document.body.dataset.ready = 'error';
    return;
  }
  // Read the address again: it may have changed while the catalogue loaded.
  const latest = parsePermalink();
  applyPermalink(map, catalogue, { view: latest.view, layers: latest.layers ?? DEFAULT_LAYERS });
  panel.render();
  bindFeaturePopups(map, catalogue);
  window.sofiaMap.attributeTable = setupAttributeTable(map, catalogue, document.querySelector('.map-area'));
  trackPermalink(map, catalogue);
  keepViewInReturnLinks();

  setupCoordinates(map, { wgs84: byId('coords-wgs84'), bgs2005: byId('coords-bgs2005'), zoom: byId('zoom-level') });
  if (hasTool('search')) {
    setupSearch(map, catalogue, { form: byId('search-form'), input: byId('search-input'), list: byId('search-results') });
  }
  if (byId('tool-print-layout')) window.sofiaMap.printDialog = setupPrintDialog(map, catalogue, byId('tool-print-layout'));
  if (config.user.staff && byId('duty-board-panel')) {
    window.sofiaMap.dutyBoard = setupDutyBoard(byId('duty-board-panel'));
  }
  if (config.user.authenticated && byId('bookmarks-panel')) {
    window.sofiaMap.bookmarks = setupBookmarks(map, catalogue, byId('bookmarks-panel'));
  }
  if (hasTool('measure')) {
    new MeasureTool(map, { panel: byId('measure-panel'), buttons: { distance: byId('tool-measure-distance'), area: byId('tool-measure-area') } });
  }
  if (hasTool('permalink')) byId('tool-permalink')?.addEventListener('click', copyPermalink);
  setupExport(map, catalogue, basemap, { printButton: byId('tool-print'), pngButton: byId('tool-export-png') });
  if (hasTool('edit') && byId('edit-panel')) {
    window.sofiaMap.editor = new Editor(map, catalogue, { panel: byId('edit-panel'), toggleButton: byId('tool-edit') });
    byId('tool-edit').addEventListener('click', () => setPanelOpen(true));
  }
  if (hasTool('edit')) setupImport(catalogue, { button: byId('tool-import') });
  if (hasTool('surveillance')) {
    window.sofiaMap.surveillance = setupSurveillance(map, { section: byId('surveillance-panel'), toggleButton: byId('tool-surveillance'), onOpen: () => setPanelOpen(true) });
  }
  if (hasTool('risk')) {
    window.sofiaMap.risk = setupRisk(map, { section: byId('risk-panel'), toggleButton: byId('tool-risk'), onOpen: () => setPanelOpen(true) });
  }
  if (hasTool('counterterrorism')) {
    window.sofiaMap.counterterrorism = setupCounterTerrorism(map, { section: byId('ct-panel'), toggleButton: byId('tool-ct'), onOpen: () => setPanelOpen(true), canWrite: hasTool('edit') });
  }
  if (hasTool('public-order') || hasTool('patrol-plans')) {
    window.sofiaMap.publicOrder = setupPublicOrder(map, { section: byId('public-order-panel'), toggleButton: byId('tool-public-order'), onOpen: () => setPanelOpen(true), readOnly: !hasTool('public-order') });
  }
  if (hasTool('inspections')) {
    window.sofiaMap.inspections = setupInspections(map, { section: byId('inspections-panel'), toggleButton: byId('tool-inspections'), onOpen: () => setPanelOpen(true), canWrite: hasTool('inspections-write') });
  }
  document.body.dataset.ready = 'true';
}

main();
