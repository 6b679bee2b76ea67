// A time slider with play for the layers that last for a time (events' perimeters, routes,
// street closures; incidents when they come — any layer whose attributes include `start`
// and `end`). The slider picks a moment in the next days; the map shows the features that
// are on during the window that starts then. Play moves the window on, an hour a step.
import { parseTileTime } from '../events/time-filter.js';
import { lang } from '../i18n.js';
import { h } from '../ui.js';

const HOUR = 3600 * 1000;
const SPAN_HOURS = 7 * 24;
const STEP_MS = 700;
const STRINGS = {
  bg: {
    title: 'Времева линия', moment: 'Момент', window: 'Прозорец', play: 'Пусни', pause: 'Пауза', off: 'Изключи',
    showing: 'Показани: {from} – {to}', hours: '{n} ч',
  },
  en: {
    title: 'Time slider', moment: 'Moment', window: 'Window', play: 'Play', pause: 'Pause', off: 'Turn off',
    showing: 'Showing: {from} – {to}', hours: '{n} h',
  },
};
const say = (key, params = {}) => (STRINGS[lang] || STRINGS.bg)[key].replace(/\{(\w+)\}/g, (_, name) => params[name] ?? '');
const fmt = (ms) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'bg-BG', {
  timeZone: 'Europe/Sofia', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
}).format(new Date(ms));

function timedLayers(catalogue) {
  return catalogue.layers.filter((layer) => {
    const names = new Set((layer.attributes || []).map((attribute) => attribute.name));
    return (names.has('start') && names.has('end')) || layer.theme === 'events';
  });
}

export class TimeSlider {
  constructor(catalogue) {
    this.catalogue = catalogue;
    this.origin = Math.floor(Date.now() / HOUR) * HOUR;
    this.timer = null;
    this.active = false;
    this.element = this.render();
  }

  get window() {
    return Number(this.windowSelect.value) * HOUR;
  }

  /** Show the features on between origin + `hours` and the end of the window. */
  show(hours) {
    this.active = true;
    this.range.value = String(hours);
    const begin = this.origin + hours * HOUR;
    const end = begin + this.window;
    const keep = (properties) => {
      const start = parseTileTime(properties.start);
      const finish = parseTileTime(properties.end) ?? start;
      return start !== null && start < end && finish > begin;
    };
    for (const layer of timedLayers(this.catalogue)) this.catalogue.setFeatureFilter(layer.slug, keep);
    this.range.setAttribute('aria-valuetext', fmt(begin));
    this.status.textContent = say('showing', { from: fmt(begin), to: fmt(end) });
    this.offButton.disabled = false;
    this.current = { begin, end };
  }

  play() {
    if (this.timer) {
      this.pause();
      return;
    }
    for (const layer of timedLayers(this.catalogue)) this.catalogue.setVisible(layer.slug, true);
    this.playButton.textContent = say('pause');
    this.playButton.setAttribute('aria-pressed', 'true');
    const step = () => {
      const next = Number(this.range.value) + 1;
      if (next > SPAN_HOURS) {
        this.pause();
        return;
      }
      this.show(next);
    };
    this.show(Number(this.range.value));
    this.timer = setInterval(step, STEP_MS);
  }

  pause() {
    clearInterval(this.timer);
    this.timer = null;
    this.playButton.textContent = say('play');
    this.playButton.setAttribute('aria-pressed', 'false');
  }

  off() {
    this.pause();
    this.active = false;
    for (const layer of timedLayers(this.catalogue)) this.catalogue.setFeatureFilter(layer.slug, null);
    this.status.textContent = '';
    this.offButton.disabled = true;
  }

  render() {
    this.range = h('input', { type: 'range', id: 'time-slider', min: '0', max: String(SPAN_HOURS), step: '1', value: '0',
      oninput: () => this.show(Number(this.range.value)) });
    this.windowSelect = h('select', { id: 'time-window', onchange: () => this.active && this.show(Number(this.range.value)) },
      [1, 3, 6, 12, 24].map((n) => h('option', { value: String(n), selected: n === 3 }, say('hours', { n }))));
    this.playButton = h('button', { type: 'button', class: 'btn btn-small', id: 'time-play', 'aria-pressed': 'false', onclick: () => this.play() }, say('play'));
    this.offButton = h('button', { type: 'button', class: 'btn btn-small', id: 'time-off', disabled: true, onclick: () => this.off() }, say('off'));
    this.status = h('p', { class: 'time-status', id: 'time-status', role: 'status', 'aria-live': 'polite' });
    return h('div', { class: 'time-slider', role: 'group', 'aria-labelledby': 'time-slider-title' },
      h('h4', { id: 'time-slider-title', class: 'event-period-title' }, say('title')),
      h('label', { for: 'time-slider' }, say('moment')), this.range,
      h('div', { class: 'button-row' },
        h('label', { for: 'time-window' }, say('window')), this.windowSelect, this.playButton, this.offButton),
      this.status);
  }
}

let instance = null;

/** The slider for the layer panel's events group (made once per page). */
export function timeSliderControl(catalogue) {
  if (!instance) {
    instance = new TimeSlider(catalogue);
    if (window.sofiaMap) window.sofiaMap.timeSlider = instance;
  }
  return instance.element;
}
