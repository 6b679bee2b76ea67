// The Situation Centre's interface texts, Bulgarian first; kept here so i18n.js stays untouched.
import { config } from '../config.js';

const STRINGS = {
  bg: {
    title: 'Ситуационен център', filters: 'Филтри', category: 'Категория', priority: 'Приоритет', status: 'Статус',
    window: 'Период', hours: (n) => `последните ${n} ч`, all: 'Всички', incidents: 'Инциденти', none: 'Няма инциденти по тези филтри.',
    live: 'на живо', reconnecting: 'възстановяване на връзката…', newIncident: 'Нов инцидент', urgent: 'СПЕШНО',
    whoSees: 'Кой вижда точката', noCamera: 'Никоя камера не вижда тази точка.', nearestCameras: 'Най-близки работещи камери',
    stations: 'Най-близки екипи', police: 'Полиция', fire: 'Пожарна', ambulance: 'Спешна помощ', events: 'Мероприятия и затваряния наоколо',
    shelters: 'Убежища наблизо', critical: 'Критична инфраструктура до 1 km', nothing: 'няма', acknowledge: 'Потвърди',
    inProgress: 'В работа', close: 'Затвори', assign: 'Възложи на', note: 'Бележка', addNote: 'Добави бележка',
    history: 'История', contact: 'Подател', source: 'Източник', address: 'Адрес', occurred: 'Време', demo: 'демо',
    geocoded: (label, c) => `Адресът е отнесен към „${label}“ (сигурност ${Math.round(c * 100)} %)`,
    mergeHint: 'Вероятни дублирания (до 100 m и 10 мин, същата категория)', merge: 'Слей',
    alerts: 'Предупреждения', compose: 'Ново предупреждение', eventBg: 'Събитие (БГ)', eventEn: 'Събитие (EN)',
    headlineBg: 'Заглавие (БГ)', headlineEn: 'Заглавие (EN)', instructionBg: 'Указания (БГ)', instructionEn: 'Указания (EN)',
    descriptionBg: 'Описание (БГ)', descriptionEn: 'Описание (EN)', urgency: 'Спешност', severity: 'Тежест', certainty: 'Сигурност',
    areaKind: 'Зона', areaDescription: 'Описание на зоната', drawArea: 'Начертай зоната', drawn: 'Зоната е начертана',
    radius: 'Радиус, km', clickCentre: 'Щракнете центъра на кръга върху картата', districts: 'Райони', settlements: 'Населени места (ЕКАТТЕ)',
    effective: 'В сила от', expires: 'Изтича', estimate: 'Оценка', send: 'Изпрати за одобрение', approve: 'Одобри и издай',
    reject: 'Откажи', reason: 'Причина', pending: 'чака одобрение', people: 'Хора в зоната', schools: 'Училища и детски градини',
    hospitals: 'Болници', sheltersIn: 'Убежища (места)', capXml: 'CAP XML', feed: 'Емисия Atom', composedBy: 'Съставил',
    duty: 'Дневник', shift: 'Смяна', startShift: 'Започни смяна', noShift: 'Нямате започната смяна.', entry: 'Запис в дневника',
    write: 'Запиши', handover: 'Предай смяната', handoverNotes: 'Бележки за следващата смяна', report: 'Отчет към кмета (PDF)',
    open: 'Отворени инциденти', reports: 'Справки', byCategory: 'По категории', byDistrict: 'По райони', overTime: 'Във времето',
    heat: 'Топлинна карта', showHeat: 'Покажи топлинна карта', hideHeat: 'Скрий топлинната карта', from: 'От', to: 'До',
    saved: 'Записано.', done: 'Готово.', activeAlert: 'Действащо предупреждение', cancelAlert: 'Отмени (нужно одобрение)', readOnly: 'Само за преглед: записват оперативните дежурни, планиращите и администраторите.',
  },
  en: {
    title: 'Situation Centre', filters: 'Filters', category: 'Category', priority: 'Priority', status: 'Status',
    window: 'Period', hours: (n) => `last ${n} h`, all: 'All', incidents: 'Incidents', none: 'No incidents match these filters.',
    live: 'live', reconnecting: 'reconnecting…', newIncident: 'New incident', urgent: 'URGENT',
    whoSees: 'Who sees this point', noCamera: 'No camera sees this point.', nearestCameras: 'Nearest online cameras',
    stations: 'Nearest units', police: 'Police', fire: 'Fire and rescue', ambulance: 'Ambulance', events: 'Events and closures around',
    shelters: 'Shelters nearby', critical: 'Critical sites within 1 km', nothing: 'none', acknowledge: 'Acknowledge',
    inProgress: 'In progress', close: 'Close', assign: 'Assign to', note: 'Note', addNote: 'Add note',
    history: 'History', contact: 'Caller', source: 'Source', address: 'Address', occurred: 'Time', demo: 'demo',
    geocoded: (label, c) => `Address matched to “${label}” (confidence ${Math.round(c * 100)} %)`,
    mergeHint: 'Probable duplicates (within 100 m and 10 min, same category)', merge: 'Merge',
    alerts: 'Alerts', compose: 'New alert', eventBg: 'Event (BG)', eventEn: 'Event (EN)',
    headlineBg: 'Headline (BG)', headlineEn: 'Headline (EN)', instructionBg: 'Instructions (BG)', instructionEn: 'Instructions (EN)',
    descriptionBg: 'Description (BG)', descriptionEn: 'Description (EN)', urgency: 'Urgency', severity: 'Severity', certainty: 'Certainty',
    areaKind: 'Area', areaDescription: 'Area description', drawArea: 'Draw the area', drawn: 'Area drawn',
    radius: 'Radius, km', clickCentre: 'Click the circle’s centre on the map', districts: 'Districts', settlements: 'Settlements (EKATTE)',
    effective: 'Effective', expires: 'Expires', estimate: 'Estimate', send: 'Send for approval', approve: 'Approve and issue',
    reject: 'Reject', reason: 'Reason', pending: 'awaiting approval', people: 'People in the area', schools: 'Schools and kindergartens',
    hospitals: 'Hospitals', sheltersIn: 'Shelters (places)', capXml: 'CAP XML', feed: 'Atom feed', composedBy: 'Composed by',
    duty: 'Duty log', shift: 'Shift', startShift: 'Start shift', noShift: 'You have no shift on duty.', entry: 'Log entry',
    write: 'Write', handover: 'Hand over the shift', handoverNotes: 'Notes for the next shift', report: 'Report to the mayor (PDF)',
    open: 'Open incidents', reports: 'Reports', byCategory: 'By category', byDistrict: 'By district', overTime: 'Over time',
    heat: 'Heat map', showHeat: 'Show heat map', hideHeat: 'Hide heat map', from: 'From', to: 'To',
    saved: 'Saved.', done: 'Done.', activeAlert: 'Active alert', cancelAlert: 'Cancel (needs approval)', readOnly: 'Read only: duty operators, planners and administrators write.',
  },
};

const table = STRINGS[config.language] || STRINGS.bg;

export function s(key, ...args) {
  const value = table[key] ?? STRINGS.bg[key] ?? key;
  return typeof value === 'function' ? value(...args) : value;
}

export function when(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(config.language === 'en' ? 'en-GB' : 'bg-BG', {
    timeZone: 'Europe/Sofia', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}

/** Operators, planners and administrators write; analysts only read (the API enforces it too). */
export const canWrite = ['duty_operator', 'planner', 'admin'].includes(config.user?.role);

export const PRIORITY_COLOURS = { 1: '#c62828', 2: '#ef6c00', 3: '#f9a825', 4: '#78909c' };
