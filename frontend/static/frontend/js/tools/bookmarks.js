// Bookmarks: named views of the map (centre, zoom, layers on) kept per user; the directorate's
// staff may share one with each other. Stored through /api/map/bookmarks/.
import { request } from '../api.js';
import { config } from '../config.js';
import { lang } from '../i18n.js';
import { h, toast } from '../ui.js';
import { applyPermalink } from './permalink.js';

const STRINGS = {
  bg: {
    title: 'Отметки', name: 'Име на изгледа', shared: 'Сподели с дирекцията', save: 'Запази текущия изглед',
    empty: 'Нямате запазени изгледи.', go: 'Покажи „{name}“', remove: 'Изтрий „{name}“', saved: 'Изгледът „{name}“ е запазен.',
    removed: 'Отметката е изтрита.', sharedBy: 'споделена от {owner}', failed: 'Отметките не можаха да бъдат заредени: {message}',
    layers: '{count} слоя',
  },
  en: {
    title: 'Bookmarks', name: 'Name of the view', shared: 'Share with the directorate', save: 'Save the current view',
    empty: 'You have no saved views.', go: 'Show “{name}”', remove: 'Delete “{name}”', saved: 'The view “{name}” is saved.',
    removed: 'The bookmark is deleted.', sharedBy: 'shared by {owner}', failed: 'The bookmarks could not be loaded: {message}',
    layers: '{count} layers',
  },
};
const say = (key, params = {}) => (STRINGS[lang] || STRINGS.bg)[key].replace(/\{(\w+)\}/g, (_, name) => params[name] ?? '');

export function setupBookmarks(map, catalogue, section) {
  const url = config.urls.bookmarks;
  const list = h('ul', { class: 'bookmark-list', id: 'bookmark-list' });
  const nameInput = h('input', { type: 'text', id: 'bookmark-name', maxlength: '100', required: true, autocomplete: 'off' });
  const sharedInput = config.user.staff ? h('input', { type: 'checkbox', id: 'bookmark-shared' }) : null;
  const form = h('form', { class: 'bookmark-form', id: 'bookmark-form' },
    h('label', { for: 'bookmark-name' }, say('name')), nameInput,
    sharedInput ? h('label', { class: 'check' }, sharedInput, ' ', say('shared')) : null,
    h('button', { type: 'submit', class: 'btn btn-small' }, say('save')));
  section.replaceChildren(h('h2', { class: 'panel-title', id: 'bookmarks-title' }, say('title')), form, list);
  section.setAttribute('aria-labelledby', 'bookmarks-title');
  section.hidden = false;

  const show = (bookmark) => applyPermalink(map, catalogue, { view: { center: bookmark.center, zoom: bookmark.zoom }, layers: bookmark.layers });

  const render = (bookmarks) => {
    if (!bookmarks.length) {
      list.replaceChildren(h('li', { class: 'empty-state' }, say('empty')));
      return;
    }
    list.replaceChildren(...bookmarks.map((bookmark) => h('li', { class: 'bookmark', dataset: { id: bookmark.id } },
      h('button', { type: 'button', class: 'link-btn bookmark-go', 'aria-label': say('go', { name: bookmark.name }), onclick: () => show(bookmark) }, bookmark.name),
      h('span', { class: 'hint' }, [say('layers', { count: bookmark.layers.length }), bookmark.mine ? '' : say('sharedBy', { owner: bookmark.owner })].filter(Boolean).join(' · ')),
      bookmark.mine
        ? h('button', { type: 'button', class: 'icon-btn bookmark-remove', 'aria-label': say('remove', { name: bookmark.name }), onclick: () => remove(bookmark) }, '×')
        : null)));
  };

  const load = async () => {
    try {
      render((await request(url)).results);
    } catch (error) {
      list.replaceChildren(h('li', { class: 'empty-state error' }, say('failed', { message: error.message })));
    }
  };

  const remove = async (bookmark) => {
    try {
      await request(`${url}${bookmark.id}/`, { method: 'DELETE' });
      toast(say('removed'), 'success');
    } catch (error) {
      toast(error.message, 'error');
    }
    load();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const centre = map.getCenter();
    try {
      const saved = await request(url, {
        method: 'POST',
        body: { name: nameInput.value.trim(), center: [centre.lat, centre.lng], zoom: map.getZoom(), layers: catalogue.visibleSlugs(), shared: Boolean(sharedInput?.checked) },
      });
      nameInput.value = '';
      toast(say('saved', { name: saved.name }), 'success');
      load();
    } catch (error) {
      toast(error.message, 'error');
      nameInput.focus();
    }
  });
  load();
  return { load, show };
}
