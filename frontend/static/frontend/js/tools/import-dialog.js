// Import of a planner's file (GeoPackage, zipped Shapefile, KML/KMZ, GeoJSON, GPX, CSV) into
// an editable layer: a dry run first, whose report lists every feature that would be
// rejected and why, then the real import, which writes everything valid in one transaction.
// All text is set as text (h()), never as HTML: file contents end up in the report.
import { request } from '../api.js';
import { h, icon, toast } from '../ui.js';

const TEXT = {
  bg: {
    open: 'Внасяне от файл',
    title: 'Внасяне на обекти от файл',
    layer: 'Слой',
    file: 'Файл (GeoPackage, Shapefile в ZIP, KML/KMZ, GeoJSON, GPX, CSV)',
    crs: 'Координатна система',
    crsFile: 'както е във файла (.prj) или разпозната',
    mapping: 'Съпоставяне на полета (незадължително)',
    mappingHint: 'Колона от файла за всяко поле на слоя; празно = колона със същото име.',
    check: 'Пробно внасяне',
    checking: 'Проверявам файла…',
    run: 'Внеси',
    running: 'Внасям…',
    close: 'Затвори',
    noLayers: 'Няма слоеве, които можете да редактирате.',
    chooseFile: 'Изберете файл.',
    summary: (r) => `${r.total} обекта във файла (${r.format.toUpperCase()}, ${r.crs}): ще бъдат създадени ${r.created}, обновени ${r.updated}, отхвърлени ${r.rejected}.`,
    done: (r) => `Внесени: създадени ${r.created}, обновени ${r.updated}; отхвърлени ${r.rejected}. Историята на промените е записана.`,
    rejectedTitle: (n) => `Отхвърлени обекти (${n})`,
    noneRejected: 'Няма отхвърлени обекти.',
    row: 'Ред',
    reason: 'Причина',
    crsSource: { file: 'от файла', declared: 'зададена', detected: 'разпозната', assumed: 'приета WGS 84' },
    nothing: 'Няма какво да се внесе.',
  },
  en: {
    open: 'Import from a file',
    title: 'Import features from a file',
    layer: 'Layer',
    file: 'File (GeoPackage, zipped Shapefile, KML/KMZ, GeoJSON, GPX, CSV)',
    crs: 'Coordinate system',
    crsFile: 'as in the file (.prj) or detected',
    mapping: 'Field mapping (optional)',
    mappingHint: 'A column of the file for each field of the layer; empty = the column of the same name.',
    check: 'Dry run',
    checking: 'Checking the file…',
    run: 'Import',
    running: 'Importing…',
    close: 'Close',
    noLayers: 'There are no layers you may edit.',
    chooseFile: 'Choose a file.',
    summary: (r) => `${r.total} features in the file (${r.format.toUpperCase()}, ${r.crs}): ${r.created} would be created, ${r.updated} updated, ${r.rejected} rejected.`,
    done: (r) => `Imported: ${r.created} created, ${r.updated} updated; ${r.rejected} rejected. The history of changes is recorded.`,
    rejectedTitle: (n) => `Rejected features (${n})`,
    noneRejected: 'No feature is rejected.',
    row: 'Row',
    reason: 'Reason',
    crsSource: { file: 'from the file', declared: 'declared', detected: 'detected', assumed: 'assumed WGS 84' },
    nothing: 'Nothing to import.',
  },
};
const CRS_CHOICES = [
  ['', null],
  ['EPSG:4326', 'WGS 84 (EPSG:4326)'],
  ['EPSG:7801', 'БГС2005 / CCS2005 (EPSG:7801)'],
  ['EPSG:32634', 'UTM 34N (EPSG:32634)'],
  ['EPSG:3857', 'Web Mercator (EPSG:3857)'],
];
// Rows of the report shown at once; the counts always cover the whole file.
const SHOWN_ROWS = 500;

function text() {
  return (document.documentElement.lang || 'bg').startsWith('en') ? TEXT.en : TEXT.bg;
}

function reportView(report, T, { final }) {
  const rejected = report.rows.filter((row) => row.action === 'reject');
  const summary = h('p', { class: 'import-summary', 'data-created': report.created, 'data-updated': report.updated, 'data-rejected': report.rejected },
    final ? T.done(report) : T.summary(report), ' ', h('small', {}, `(${T.crsSource[report.crs_source] || report.crs_source})`));
  const table = rejected.length
    ? h('table', { class: 'import-rejected' },
      h('caption', {}, T.rejectedTitle(rejected.length)),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, T.row), h('th', { scope: 'col' }, T.reason))),
      h('tbody', {}, rejected.slice(0, SHOWN_ROWS).map((row) => h('tr', { 'data-row': row.row },
        h('td', {}, String(row.row)),
        h('td', {}, row.reasons.map((reason) => h('div', {}, reason)))))))
    : h('p', { class: 'empty-state' }, T.noneRejected);
  return h('div', { class: 'import-report', 'data-final': final ? 'true' : 'false' }, summary, table);
}

export function setupImport(catalogue, { button }) {
  if (!button) return;
  button.addEventListener('click', () => openImportDialog(catalogue));
}

export function openImportDialog(catalogue) {
  const T = text();
  const layers = catalogue.layers.filter((layer) => layer.can_edit);
  const titleId = 'import-dialog-title';
  const layerSelect = h('select', { id: 'import-layer', name: 'layer', required: true },
    layers.map((layer) => h('option', { value: layer.slug }, layer.title)));
  const fileInput = h('input', { id: 'import-file', name: 'file', type: 'file', required: true,
    accept: '.gpkg,.zip,.kml,.kmz,.geojson,.json,.gpx,.csv,.txt' });
  const crsSelect = h('select', { id: 'import-crs', name: 'crs' },
    CRS_CHOICES.map(([value, label]) => h('option', { value }, label || T.crsFile)));
  const mappingBox = h('div', { class: 'import-mapping' });
  const status = h('p', { class: 'import-status', role: 'status', 'aria-live': 'polite' });
  const reportBox = h('div', { class: 'import-report-box' });
  const checkButton = h('button', { type: 'button', class: 'btn', id: 'import-check' }, T.check);
  const runButton = h('button', { type: 'button', class: 'btn btn-primary', id: 'import-run', disabled: true }, T.run);
  const closeButton = h('button', { type: 'button', class: 'btn', id: 'import-close' }, T.close);
  const dialog = h('dialog', { class: 'dialog import-dialog', 'aria-labelledby': titleId },
    h('h2', { id: titleId, class: 'dialog-title' }, icon('save'), ' ', T.title),
    layers.length ? h('div', { class: 'import-form' },
      h('label', { for: 'import-layer' }, T.layer), layerSelect,
      h('label', { for: 'import-file' }, T.file), fileInput,
      h('label', { for: 'import-crs' }, T.crs), crsSelect,
      h('details', {}, h('summary', {}, T.mapping), h('p', { class: 'hint' }, T.mappingHint), mappingBox))
      : h('p', { class: 'empty-state' }, T.noLayers),
    status, reportBox,
    h('div', { class: 'dialog-actions' }, closeButton, checkButton, runButton));

  const renderMapping = () => {
    const layer = catalogue.get(layerSelect.value);
    const fields = [...(layer?.editable_attributes || layer?.editable_fields || []).map((a) => a.name || a), 'external_id'];
    mappingBox.replaceChildren(...fields.map((name) => h('label', { class: 'import-map-row' },
      h('span', {}, name), h('input', { type: 'text', name: `map-${name}`, 'data-field': name, autocomplete: 'off' }))));
  };
  const reset = () => {
    runButton.disabled = true;
    reportBox.replaceChildren();
    status.textContent = '';
  };
  layerSelect.addEventListener('change', () => { renderMapping(); reset(); });
  fileInput.addEventListener('change', reset);
  crsSelect.addEventListener('change', reset);
  renderMapping();

  const send = async (dryRun) => {
    const file = fileInput.files?.[0];
    if (!file) {
      status.textContent = T.chooseFile;
      fileInput.focus();
      return null;
    }
    const form = new FormData();
    form.append('file', file);
    form.append('dry_run', dryRun ? 'true' : 'false');
    if (crsSelect.value) form.append('crs', crsSelect.value);
    const mapping = {};
    mappingBox.querySelectorAll('input[data-field]').forEach((input) => {
      if (input.value.trim()) mapping[input.dataset.field] = input.value.trim();
    });
    form.append('mapping', JSON.stringify(mapping));
    const slug = encodeURIComponent(layerSelect.value);
    return request(`/api/exchange/layers/${slug}/import/`, { method: 'POST', form });
  };

  const busy = (on, message) => {
    dialog.setAttribute('aria-busy', on ? 'true' : 'false');
    checkButton.disabled = on;
    status.textContent = message || '';
  };

  checkButton.addEventListener('click', async () => {
    reset();
    busy(true, T.checking);
    try {
      const report = await send(true);
      if (!report) return;
      reportBox.replaceChildren(reportView(report, T, { final: false }));
      runButton.disabled = report.created + report.updated === 0;
      status.textContent = runButton.disabled ? T.nothing : '';
    } catch (error) {
      status.textContent = error.message;
    } finally {
      busy(false, status.textContent);
    }
  });

  runButton.addEventListener('click', async () => {
    runButton.disabled = true;
    busy(true, T.running);
    try {
      const report = await send(false);
      if (!report) return;
      reportBox.replaceChildren(reportView(report, T, { final: true }));
      status.textContent = '';
      catalogue.setVisible(report.layer, true);
      catalogue.refresh(report.layer);
      toast(T.done(report), 'success');
    } catch (error) {
      status.textContent = error.message;
      runButton.disabled = false;
    } finally {
      busy(false, status.textContent);
    }
  });

  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  (layers.length ? fileInput : closeButton).focus();
  return dialog;
}
