// "Who sees this point?": a right-click on the map offers the question; the answer is a
// popup of the cameras whose fields of view cover the point, best DORI level first.
import { formatNumber, t } from '../i18n.js';
import { h } from '../ui.js';
import { surveillanceApi } from './api.js';
import { levelLabel } from './format.js';

function sightingList(cameras) {
  if (!cameras.length) return h('p', { class: 'surv-nobody' }, t('surv.nobody'));
  return h('ol', { class: 'surv-who-list' }, cameras.map((camera) =>
    h('li', { class: `surv-who-item level-${camera.level}` },
      h('span', { class: `surv-level-dot level-${camera.level}`, 'aria-hidden': 'true' }),
      h('span', { class: 'surv-who-name' }, camera.name || `#${camera.id}`),
      h('span', { class: 'surv-who-meta' },
        `${levelLabel(camera.level)} · ${t('surv.distance', { distance: `${formatNumber(camera.distance_m ?? 0, { maximumFractionDigits: 0 })} ${t('units.m')}` })}`,
        camera.status_label ? ` · ${camera.status_label}` : ''))));
}

export function setupWhoSees(map, { includePlanned = () => false } = {}) {
  const popup = L.popup({ maxWidth: 340, minWidth: 220, className: 'surv-who-popup' });

  async function ask(latlng) {
    const body = h('div', { class: 'surv-who', 'aria-live': 'polite' },
      h('h3', { class: 'feature-popup-title' }, t('surv.whoSeesTitle')),
      h('p', { class: 'hint' }, t('surv.loading')));
    popup.setLatLng(latlng).setContent(body).openOn(map);
    try {
      const answer = await surveillanceApi.whoSees(latlng.lng, latlng.lat, { includePlanned: includePlanned() });
      body.replaceChildren(body.firstChild, sightingList(answer.cameras || []));
    } catch (error) {
      body.replaceChildren(body.firstChild, h('p', { class: 'empty-state error' }, t('surv.error', { message: error.message })));
    }
    popup.update();
  }

  map.on('contextmenu', (event) => {
    // The button is replaced by the answer while its click is still bubbling; detached, it is
    // no longer "inside the popup" for Leaflet, whose map click would then close the popup
    // with the answer in it. So the click stops here.
    const onclick = (click) => {
      L.DomEvent.stop(click);
      ask(event.latlng);
    };
    const button = h('button', { type: 'button', class: 'btn btn-small surv-who-ask', onclick }, t('surv.whoSees'));
    popup.setLatLng(event.latlng).setContent(h('div', { class: 'surv-context-menu', role: 'menu' }, button)).openOn(map);
    button.setAttribute('role', 'menuitem');
    button.focus();
  });
  return { ask };
}
