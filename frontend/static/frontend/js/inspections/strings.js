// The inspections panel's texts, Bulgarian first; kept here so i18n.js stays untouched.
import { lang } from '../i18n.js';

const STRINGS = {
  bg: {
    tool: 'Проверки на охраняваните обекти', title: 'Проверки на охраната на общински обекти',
    schedule: 'Годишен график', year: 'Година', inspectors: 'Проверяващи', sitesPerDay: 'Обекта на ден',
    generate: 'Изготви график', generating: 'Изготвяне на графика…', accept: 'Приеми графика',
    accepted: 'Графикът е приет за годината.', visits: (v, d) => `${v} посещения в ${d} работни дни`,
    day: (d, i) => `${d}, проверяващ ${i}`, km: (m) => `${(m / 1000).toFixed(1)} km`, assumptions: 'Допускания',
    showRoute: 'Покажи маршрута', noSchedule: 'Все още няма изготвен график.', status: 'Състояние',
    inspection: 'Вписване на проверка', site: 'Обект', chooseSite: '— изберете обект —', date: 'Дата на проверката',
    checklist: 'Контролен списък', severity: 'Тежест', description: 'Какво е установено',
    prescription: 'Предписание', prescriptionHint: 'Какво трябва да отстрани фирмата (по желание)', deadline: 'Срок',
    record: 'Впиши проверката', recorded: 'Проверката е вписана.', evidence: 'Доказателство (JPEG, PNG или PDF до 10 MB)',
    upload: 'Прикачи', uploaded: 'Доказателството е прикачено.', contract: 'Фирма по договора',
    noContract: 'няма договор в сила', prescriptions: 'Предписания за проследяване', noPrescriptions: 'Няма отворени предписания.',
    overdue: 'просрочено', until: (d) => `срок ${d}`, fulfil: 'Изпълнено', fulfilled: 'Предписанието е отбелязано като изпълнено.',
    report: 'Доклад до кмета', period: 'Период', quarter: (q) => `${q}-во тримесечие`, wholeYear: 'Цялата година',
    pdf: 'Изтегли PDF', sheet: (f) => `Изтегли таблица (${f.toUpperCase()})`, loading: 'Зареждане…',
    stop: (n, name) => `${n}. ${name}`,
    summary: (done, planned, all) => `Извършени ${done} от ${planned} планирани посещения; общо проверки: ${all}.`,
  },
  en: {
    tool: 'Inspections of guarded sites', title: 'Inspections of security at municipal sites',
    schedule: 'Annual schedule', year: 'Year', inspectors: 'Inspectors', sitesPerDay: 'Sites a day',
    generate: 'Make the schedule', generating: 'Making the schedule…', accept: 'Accept the schedule',
    accepted: 'The schedule is accepted for the year.', visits: (v, d) => `${v} visits on ${d} working days`,
    day: (d, i) => `${d}, inspector ${i}`, km: (m) => `${(m / 1000).toFixed(1)} km`, assumptions: 'Assumptions',
    showRoute: 'Show the route', noSchedule: 'No schedule made yet.', status: 'Status',
    inspection: 'Record an inspection', site: 'Site', chooseSite: '— choose a site —', date: 'Inspection date',
    checklist: 'Checklist', severity: 'Severity', description: 'What was found',
    prescription: 'Prescription', prescriptionHint: 'What the company must put right (optional)', deadline: 'Deadline',
    record: 'Record the inspection', recorded: 'The inspection is recorded.', evidence: 'Evidence (JPEG, PNG or PDF up to 10 MB)',
    upload: 'Attach', uploaded: 'The evidence is attached.', contract: 'Company under contract',
    noContract: 'no contract in force', prescriptions: 'Prescriptions to follow up', noPrescriptions: 'No open prescriptions.',
    overdue: 'overdue', until: (d) => `due ${d}`, fulfil: 'Fulfilled', fulfilled: 'The prescription is marked as fulfilled.',
    report: 'Report to the mayor', period: 'Period', quarter: (q) => `Quarter ${q}`, wholeYear: 'Whole year',
    pdf: 'Download PDF', sheet: (f) => `Download spreadsheet (${f.toUpperCase()})`, loading: 'Loading…',
    stop: (n, name) => `${n}. ${name}`,
    summary: (done, planned, all) => `${done} of ${planned} planned visits done; inspections in all: ${all}.`,
  },
};

export function s(key, ...args) {
  const value = (STRINGS[lang] ?? STRINGS.bg)[key] ?? STRINGS.bg[key] ?? key;
  return typeof value === 'function' ? value(...args) : value;
}
