// The public-order panel's texts, Bulgarian first; kept here so i18n.js stays untouched.
import { lang } from '../i18n.js';

const STRINGS = {
  bg: {
    tool: 'Обществен ред: горещи точки', title: 'Горещи точки и превенция', method: 'Метод',
    gi_star: 'Горещи точки (Getis-Ord Gi*)', density: 'Плътност (ядрена оценка)', near_repeat: 'Повторения наблизо (тест на Нокс)',
    from: 'От', to: 'До', category: 'Категория', all: 'Всички категории', area: 'Територия', city: 'Цялата община',
    cell: 'Клетка, m', bandwidth: 'Радиус на сглаждане, m', distance: 'Разстояние, m', days: 'Дни', run: 'Анализирай',
    running: 'Изчисляване…', clear: 'Изчисти от картата', hot: (c) => `Гореща точка ${c} %`, cold: (c) => `Студена точка ${c} %`,
    incidents: (n) => `${n} инцидента`, legend: 'Легенда', perKm2: 'инцидента на km²', method_note: 'Метод',
    noCells: 'Няма статистически значими горещи или студени точки.', observed: 'Наблюдавани', expected: 'Очаквани',
    ratio: 'Отношение', p: 'p', metres: 'Разстояние, m', dayBand: 'Дни', nearRepeats: 'Има повторения наблизо: след инцидент рискът наоколо расте.',
    noNearRepeats: 'Няма повече повторения наблизо, отколкото при случайност.', proposals: 'Предложи зони за превенция',
    proposalsHint: 'Клетки, горещи с 95 % сигурност в повечето от последните периоди.', periods: 'Периоди', periodDays: 'Дни в период',
    noProposals: 'Няма устойчиви горещи точки в избраните периоди.', save: 'Запази като предложение', saved: 'Предложението е записано в слоя „Предложения за зони за превенция“.',
    unobserved: 'Никоя камера не наблюдава тази зона.', coverage: 'Покритие с камери', detect: 'откриване', observe: 'наблюдение',
    recognise: 'разпознаване', identify: 'идентификация', proposalName: (n) => `Предложена зона ${n}`, km2: 'km²',
    patrolTitle: 'План за патрулиране', patrolHint: 'Маршрут от полицейско управление през най-горещите клетки на показания анализ, в рамките на зададената дължина. Зони и маршрути може и да се чертаят на картата.',
    routeLength: 'Дължина на маршрута, m', station: 'Начало', nearestStation: 'Най-близкото управление до най-горещата клетка',
    proposePatrol: 'Предложи маршрут', runHotspotsFirst: 'Първо пуснете анализ на горещи точки или на плътност.',
    proposedRoute: (n, km, share) => `Маршрут през ${n} горещи клетки, ${km} km, покрива ${share} % от тежестта им.`,
    planDate: 'Дата', shiftStart: 'Начало на смяната', shiftEnd: 'Край на смяната', overnight: 'Свършва на следващия ден',
    sector: 'Сектор', unit: 'Звено', notes: 'Бележки', drawArea: 'Начертай зона', drawRoute: 'Начертай маршрут',
    editShapes: 'Редактирай формите', finishEdit: 'Готово с редакцията', noParts: 'Няма зони и маршрути: предложете маршрут или начертайте.',
    crewName: (n) => `Екип ${n}`, crew: 'екип', timeFrom: 'от', timeTo: 'до', areaShort: 'А', routeShort: 'М', areaWord: 'зона', routeWord: 'маршрут',
    stopsCount: (n) => `${n} спирки`, remove: 'Премахни', savePlan: 'Запази плана', newPlan: 'Нов план', planSaved: 'Планът е записан.',
    downloadPdf: 'Изтегли PDF за началника на сектора', savedPlans: 'Записани планове', noPlans: 'Няма записани планове.',
    partsCount: (areas, routes) => `зони: ${areas}, маршрути: ${routes}`, openPlan: 'Отвори',
  },
  en: {
    tool: 'Public order: hot spots', title: 'Hot spots and prevention', method: 'Method',
    gi_star: 'Hot spots (Getis-Ord Gi*)', density: 'Density (kernel estimate)', near_repeat: 'Near repeats (Knox test)',
    from: 'From', to: 'To', category: 'Category', all: 'All categories', area: 'Area', city: 'Whole municipality',
    cell: 'Cell, m', bandwidth: 'Bandwidth, m', distance: 'Distance, m', days: 'Days', run: 'Analyse',
    running: 'Computing…', clear: 'Clear from the map', hot: (c) => `Hot spot ${c} %`, cold: (c) => `Cold spot ${c} %`,
    incidents: (n) => `${n} incidents`, legend: 'Legend', perKm2: 'incidents per km²', method_note: 'Method',
    noCells: 'No statistically significant hot or cold spots.', observed: 'Observed', expected: 'Expected',
    ratio: 'Ratio', p: 'p', metres: 'Distance, m', dayBand: 'Days', nearRepeats: 'Near repeats found: after an incident the risk nearby rises.',
    noNearRepeats: 'No more near repeats than chance would give.', proposals: 'Propose prevention areas',
    proposalsHint: 'Cells hot at 95 % confidence in most of the last periods.', periods: 'Periods', periodDays: 'Days per period',
    noProposals: 'No persistent hot spots in the chosen periods.', save: 'Save as a proposal', saved: 'The proposal is saved in the “Prevention-area proposals” layer.',
    unobserved: 'No camera observes this area.', coverage: 'Camera coverage', detect: 'detect', observe: 'observe',
    recognise: 'recognise', identify: 'identify', proposalName: (n) => `Proposed area ${n}`, km2: 'km²',
    patrolTitle: 'Patrol plan', patrolHint: 'A route from a police station through the hottest cells of the analysis shown, within the length given. Areas and routes may also be drawn on the map.',
    routeLength: 'Route length, m', station: 'Start', nearestStation: 'The station nearest the hottest cell',
    proposePatrol: 'Propose a route', runHotspotsFirst: 'Run a hot-spot or density analysis first.',
    proposedRoute: (n, km, share) => `Route through ${n} hot cells, ${km} km, covering ${share} % of their weight.`,
    planDate: 'Date', shiftStart: 'Shift starts', shiftEnd: 'Shift ends', overnight: 'Ends the next day',
    sector: 'Sector', unit: 'Unit', notes: 'Notes', drawArea: 'Draw an area', drawRoute: 'Draw a route',
    editShapes: 'Edit the shapes', finishEdit: 'Done editing', noParts: 'No areas or routes yet: propose a route or draw.',
    crewName: (n) => `Crew ${n}`, crew: 'crew', timeFrom: 'from', timeTo: 'to', areaShort: 'A', routeShort: 'R', areaWord: 'area', routeWord: 'route',
    stopsCount: (n) => `${n} stops`, remove: 'Remove', savePlan: 'Save the plan', newPlan: 'New plan', planSaved: 'The plan is saved.',
    downloadPdf: 'Download the PDF for the sector head', savedPlans: 'Saved plans', noPlans: 'No saved plans.',
    partsCount: (areas, routes) => `areas: ${areas}, routes: ${routes}`, openPlan: 'Open',
  },
};

export function s(key, ...args) {
  const value = (STRINGS[lang] ?? STRINGS.bg)[key] ?? STRINGS.bg[key] ?? key;
  return typeof value === 'function' ? value(...args) : value;
}
