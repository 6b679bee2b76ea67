// The numbers of a risk scenario with their spread and what they rest on: each headline total
// with its 16th–84th percentile band (earthquake Monte Carlo), flood stages per river marked as a
// planning assumption, and every assumption with its basis. Strings live here, in both languages.
import { lang, formatNumber } from '../i18n.js';
import { h } from '../ui.js';

const TEXT = {
  bg: {
    title: 'Основни резултати',
    band: '16-и–84-и персентил: {low}–{high}',
    noBand: 'единична моделирана стойност, без интервал',
    people_affected: 'Изселени',
    shelter_need: 'Търсещи временно настаняване',
    buildings_damaged: 'Сгради с тежки щети',
    deaths_night: 'Загинали (нощ)',
    injuries_night: 'Ранени (нощ)',
    deaths_day: 'Загинали (ден)',
    injuries_day: 'Ранени (ден)',
    notAssessed: 'Жители, където опасността не е оценена',
    reaches: 'Водни нива по реки',
    stage: '{low}–{high} м',
    stageNote: 'планово допускане, не е измерено',
    assumptions: 'На какво се основават ({count})',
    assumption: 'допускане',
    source: 'източник',
    geometry: 'Геометрия на разкъсването',
    pointSource: 'Точков източник (епицентър)',
    illustrative: 'илюстративна',
    share: 'Дял на търсещите временно настаняване',
    space: 'Площ на човек, м² (Sphere: 3,5; студен климат 4,5–5,5)',
    floorArea: 'Разгъната площ с тежки щети, м² (от {total} м²)',
    zones: 'Зони за проверката на масови мероприятия',
    zoneLevel: 'Ниво ({units})',
    publish: 'Публикувай зоните',
    published: 'Публикувани: {area} км²',
  },
  en: {
    title: 'Headline results',
    band: '16th–84th percentile: {low}–{high}',
    noBand: 'single modelled value, no band',
    people_affected: 'Displaced',
    shelter_need: 'Seeking temporary accommodation',
    buildings_damaged: 'Buildings badly damaged',
    deaths_night: 'Deaths (night)',
    injuries_night: 'Injured (night)',
    deaths_day: 'Deaths (day)',
    injuries_day: 'Injured (day)',
    notAssessed: 'Residents where the hazard is not assessed',
    reaches: 'Flood stage per river',
    stage: '{low}–{high} m',
    stageNote: 'planning assumption, not gauged',
    assumptions: 'What the numbers rest on ({count})',
    assumption: 'assumption',
    source: 'source',
    geometry: 'Rupture geometry',
    pointSource: 'Point source (epicentre)',
    illustrative: 'illustrative',
    share: 'Share seeking temporary accommodation',
    space: 'Space per person, m² (Sphere: 3.5; cold climate 4.5–5.5)',
    floorArea: 'Floor area badly damaged, m² (of {total} m²)',
    zones: 'Zones for the mass-events check',
    zoneLevel: 'Level ({units})',
    publish: 'Publish the zones',
    published: 'Published: {area} km²',
  },
};
const HEADLINES = ['people_affected', 'shelter_need', 'buildings_damaged', 'deaths_night', 'injuries_night', 'deaths_day', 'injuries_day'];
const CASUALTIES = new Set(['deaths_night', 'injuries_night', 'deaths_day', 'injuries_day']);

export const say = (key, params = {}) => Object.entries(params).reduce(
  (text, [name, value]) => text.replace(`{${name}}`, value), (TEXT[lang] || TEXT.bg)[key] || key);
const whole = (value) => (value === null || value === undefined ? '—' : formatNumber(Math.round(Number(value))));
const metres = (value) => formatNumber(Number(value), { maximumFractionDigits: 1 });

export function headlineBlock(scenario) {
  const totals = scenario.totals || {};
  const bands = scenario.bands || null;
  const keys = HEADLINES.filter((key) => key in totals && (scenario.kind === 'earthquake' || !CASUALTIES.has(key)));
  const rows = keys.flatMap((key) => {
    const band = bands && bands[key];
    return [
      h('dt', {}, say(key)),
      h('dd', { 'data-headline': key },
        h('span', { class: 'risk-headline-value' }, whole(totals[key])),
        h('span', { class: 'risk-band' }, band ? say('band', { low: whole(band.p16), high: whole(band.p84) }) : say('noBand'))),
    ];
  });
  if (totals.floor_area_m2) {
    rows.push(h('dt', {}, say('floorArea', { total: whole(totals.floor_area_m2) })), h('dd', { 'data-headline': 'floor_area_damaged_m2' }, whole(totals.floor_area_damaged_m2)));
  }
  if (scenario.kind === 'landslide' && totals.people_not_assessed !== undefined) {
    rows.push(h('dt', {}, say('notAssessed')), h('dd', { 'data-headline': 'people_not_assessed' }, whole(totals.people_not_assessed)));
  }
  const method = scenario.uncertainty?.note;
  return h('section', { class: 'risk-block risk-headlines', 'aria-labelledby': 'risk-headlines-title' },
    h('h3', { class: 'risk-subtitle', id: 'risk-headlines-title' }, say('title')),
    h('dl', { class: 'risk-totals risk-totals-bands' }, rows),
    method ? h('p', { class: 'hint risk-band-method' }, method) : null);
}

export function reachesBlock(scenario) {
  const period = String(scenario.parameters?.return_period_years ?? '');
  const reaches = (scenario.flood_reaches || []).filter((reach) => reach.stages_m && reach.stages_m[period]);
  if (!reaches.length) return null;
  return h('section', { class: 'risk-block risk-reaches', 'aria-labelledby': 'risk-reaches-title' },
    h('h3', { class: 'risk-subtitle', id: 'risk-reaches-title' }, say('reaches')),
    h('ul', { class: 'risk-reach-list' }, reaches.map((reach) => h('li', {},
      h('span', { class: 'risk-reach-name' }, reach.name), ': ',
      say('stage', { low: metres(reach.stages_m[period].min), high: metres(reach.stages_m[period].max) }), ' — ',
      h('em', { class: 'risk-stage-note' }, say('stageNote'))))));
}

export function assumptionsBlock(notes) {
  if (!notes || !notes.length) return null;
  return h('details', { class: 'risk-block risk-assumptions' },
    h('summary', {}, say('assumptions', { count: notes.length })),
    h('ul', {}, notes.map((note) => h('li', { 'data-key': note.key },
      h('span', { class: `risk-basis risk-basis-${note.basis === 'assumption' ? 'assumption' : 'source'}` },
        say(note.basis === 'assumption' ? 'assumption' : 'source')),
      ' ',
      // The number and its unit where it is one; the text says what it is (no internal keys).
      typeof note.value === 'number' ? h('strong', { class: 'risk-assumption-value' }, `${formatNumber(note.value)}${UNITS[note.unit] ? ` ${UNITS[note.unit]}` : ''}`) : '',
      typeof note.value === 'number' ? ': ' : '', note.text))));
}

// Units of the assumption notes as the interface writes them (others are said in the text).
const UNITS = {
  bg: { m: 'м', g: 'g', 'm²/person': 'м²/човек' },
  en: { m: 'm', g: 'g', 'm²/person': 'm²/person' },
}[lang === 'en' ? 'en' : 'bg'];

const ZONE_DEFAULTS = { flood: [0.5, 'm', 0.1], landslide: [4, 'class', 1], industrial: [1, 'level', 1], earthquake: [0.25, 'g', 0.05] };

// Publish the scenario's hazard above a level as the "hazard-zones" layer, which the mass-events
// risk_zones check reads. `publish(level)` returns the API's answer.
export function zonesBlock(scenario, publish) {
  const [level, units, step] = ZONE_DEFAULTS[scenario.kind] || [1, '', 1];
  const input = h('input', { type: 'number', id: 'risk-zone-level', min: step, step, value: level, inputmode: 'decimal' });
  const status = h('p', { class: 'hint', role: 'status', id: 'risk-zone-status' });
  const button = h('button', { type: 'button', class: 'btn btn-small', id: 'risk-zone-publish', onclick: async () => {
    button.disabled = true;
    try {
      const answer = await publish(Number(input.value));
      status.textContent = say('published', { area: formatNumber(answer.area_km2, { maximumFractionDigits: 2 }) });
    } catch (error) {
      status.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  } }, say('publish'));
  return h('section', { class: 'risk-block risk-zones', 'aria-labelledby': 'risk-zones-title' },
    h('h3', { class: 'risk-subtitle', id: 'risk-zones-title' }, say('zones')),
    h('div', { class: 'field' }, h('label', { for: 'risk-zone-level' }, say('zoneLevel', { units })), input),
    h('div', { class: 'button-row' }, button),
    status);
}
