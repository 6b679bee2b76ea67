// Geoman's own hints (the tooltips beside the cursor while drawing) in the page's language.
// Geoman ships no Bulgarian; English stays the fallback for anything not listed.
import { lang } from './i18n.js';

const BG = {
  tooltips: {
    placeMarker: 'Щракнете, за да поставите точката',
    placeMarkerTouch: 'Докоснете картата, за да поставите точката',
    firstVertex: 'Щракнете, за да поставите първия връх',
    continueLine: 'Щракнете, за да продължите',
    finishLine: 'Щракнете върху последния връх, за да завършите',
    finishPoly: 'Щракнете върху първия връх, за да затворите полигона',
    finishRect: 'Щракнете, за да завършите',
    placeCircleMarker: 'Щракнете, за да поставите точката',
  },
  actions: { finish: 'Завърши', cancel: 'Откажи', removeLastVertex: 'Премахни последния връх' },
};

/** The translation to register with map.pm.setLang (English when the page is in English). */
export function bgTranslations() {
  return lang === 'bg' ? BG : {};
}
