// The print layout dialog: title, paper (A4/A3), orientation, scale, DPI and legend; the
// server draws the current view's layers as a PDF (like the risk map's) and it downloads.
import { ApiError } from '../api.js';
import { config } from '../config.js';
import { lang } from '../i18n.js';
import { h, toast } from '../ui.js';

const STRINGS = {
  bg: {
    open: 'Оформление за печат (PDF)', title: 'Оформление за печат', mapTitle: 'Заглавие', paper: 'Хартия', orientation: 'Ориентация',
    landscape: 'пейзажна', portrait: 'портретна', scale: 'Мащаб', dpi: 'Разделителна способност', legend: 'С легенда',
    make: 'Създай PDF', cancel: 'Затвори', working: 'Създаване на PDF…', done: 'PDF файлът е готов: {name}', current: 'текущият (1:{n})',
    defaultTitle: 'Карта на София',
  },
  en: {
    open: 'Print layout (PDF)', title: 'Print layout', mapTitle: 'Title', paper: 'Paper', orientation: 'Orientation',
    landscape: 'landscape', portrait: 'portrait', scale: 'Scale', dpi: 'Resolution', legend: 'With legend',
    make: 'Make the PDF', cancel: 'Close', working: 'Making the PDF…', done: 'The PDF is ready: {name}', current: 'current (1:{n})',
    defaultTitle: 'Map of Sofia',
  },
};
const say = (key, params = {}) => (STRINGS[lang] || STRINGS.bg)[key].replace(/\{(\w+)\}/g, (_, name) => params[name] ?? '');
const SCALES = [1000, 2000, 5000, 10000, 25000, 50000, 100000, 250000];

/** The scale of the screen map at its centre (96 px per inch), rounded. */
function currentScale(map) {
  const centre = map.getCenter();
  const metresPerPixel = (40075016.686 * Math.cos((centre.lat * Math.PI) / 180)) / 2 ** (map.getZoom() + 8);
  return Math.round((metresPerPixel * 96) / 0.0254 / 100) * 100;
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

export function setupPrintDialog(map, catalogue, button) {
  const titleInput = h('input', { type: 'text', id: 'print-title', maxlength: '120', value: say('defaultTitle') });
  const paper = h('select', { id: 'print-paper' }, ['A4', 'A3'].map((p) => h('option', { value: p }, p)));
  const orientation = h('select', { id: 'print-orientation' },
    h('option', { value: 'landscape' }, say('landscape')), h('option', { value: 'portrait' }, say('portrait')));
  const scale = h('select', { id: 'print-scale' });
  const dpi = h('select', { id: 'print-dpi' }, [96, 150, 300].map((d) => h('option', { value: String(d), selected: d === 150 }, `${d} DPI`)));
  const legend = h('input', { type: 'checkbox', id: 'print-legend', checked: true });
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  const makeButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'print-make' }, say('make'));
  const form = h('form', { method: 'dialog', class: 'print-form' },
    h('h2', { id: 'print-dialog-title' }, say('title')),
    field('print-title', say('mapTitle'), titleInput),
    h('div', { class: 'print-row' }, field('print-paper', say('paper'), paper), field('print-orientation', say('orientation'), orientation)),
    h('div', { class: 'print-row' }, field('print-scale', say('scale'), scale), field('print-dpi', say('dpi'), dpi)),
    h('label', { class: 'check' }, legend, ' ', say('legend')),
    status,
    h('div', { class: 'button-row' }, makeButton,
      h('button', { type: 'button', class: 'btn', onclick: () => dialog.close() }, say('cancel'))));
  const dialog = h('dialog', { class: 'print-dialog', id: 'print-dialog', 'aria-labelledby': 'print-dialog-title' }, form);
  document.body.append(dialog);

  button.addEventListener('click', () => {
    const now = currentScale(map);
    scale.replaceChildren(h('option', { value: String(now) }, say('current', { n: now.toLocaleString(lang === 'en' ? 'en-GB' : 'bg-BG') })),
      ...SCALES.map((s) => h('option', { value: String(s) }, `1:${s.toLocaleString(lang === 'en' ? 'en-GB' : 'bg-BG')}`)));
    status.textContent = '';
    dialog.showModal();
    titleInput.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    makeButton.disabled = true;
    status.textContent = say('working');
    const centre = map.getCenter();
    try {
      const response = await fetch(config.urls.print, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': config.csrfToken, Accept: 'application/pdf, application/json' },
        body: JSON.stringify({
          title: titleInput.value, paper: paper.value, orientation: orientation.value, scale: Number(scale.value),
          dpi: Number(dpi.value), legend: legend.checked, center: [centre.lat, centre.lng], layers: catalogue.visibleSlugs(),
        }),
      });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      const blob = await response.blob();
      const name = `${(titleInput.value || 'map').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'map'}-${paper.value}.pdf`;
      const link = h('a', { href: URL.createObjectURL(blob), download: name });
      document.body.append(link);
      link.click();
      link.remove();
      status.textContent = say('done', { name });
      toast(say('done', { name }), 'success');
    } catch (error) {
      status.textContent = error.message;
    } finally {
      makeButton.disabled = false;
    }
  });
  return { dialog };
}
