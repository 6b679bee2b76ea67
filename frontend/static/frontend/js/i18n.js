// Interface text: Bulgarian first, English by the language switch. The page's language is
// the one Django chose (<html lang>), so the map and the server-rendered parts agree.
//
// Attribute and coded-value labels: the API sends them in the active language; until the
// project's Bulgarian catalogue translates the model's field names, the Bulgarian labels
// below are used for the fields we know, and the API's label for any other.

export const lang = (document.documentElement.lang || 'bg').toLowerCase().startsWith('en') ? 'en' : 'bg';
const LOCALE = lang === 'bg' ? 'bg-BG' : 'en-GB';

const BG = {
  'app.title': 'ГИС „Сигурност“',
  'app.owner': 'Столична община',
  'common.ok': 'Добре',
  'common.cancel': 'Отказ',
  'common.close': 'Затвори',
  'common.save': 'Запази',
  'common.yes': 'да',
  'common.no': 'не',
  'error.network': 'Няма връзка със сървъра. Проверете мрежата и опитайте отново.',
  'error.http': 'Сървърът върна грешка {status}.',
  'error.layers': 'Слоевете не можаха да бъдат заредени: {message}',
  'map.label': 'Карта на Столична община',
  'map.zoomIn': 'Приближи',
  'map.zoomOut': 'Отдалечи',
  'basemap.unavailable': 'Основната карта не е достъпна — показани са само слоевете на платформата.',
  'basemap.none': 'Без основна карта — показани са само слоевете на платформата.',
  'layers.empty': 'Няма слоеве за показване.',
  'layers.demo': 'демо',
  'layers.demoTitle': 'Демонстрационни данни, не реални',
  'layers.demoSource': 'Демонстрационни данни (генерирани)',
  'layers.demoAttribution': '„{title}“: демонстрационни данни',
  'layers.opacity': 'Непрозрачност',
  'layers.opacityOf': 'Непрозрачност на слоя „{title}“',
  'layers.about': 'За слоя',
  'layers.aboutLayer': 'За слоя „{title}“',
  'layers.source': 'Източник',
  'layers.attribution': 'Авторство',
  'layers.zoomRange': 'Мащаби',
  'layers.zoomFromTo': 'от {min} до {max}',
  'layers.zoomIn': 'Вижда се от мащаб {zoom} — приближи',
  'layers.editing': 'Редакция',
  'layers.editable': 'Можете да редактирате този слой',
  'popup.details': 'Подробности',
  'popup.detailsAndHistory': 'Подробности и история',
  'popup.featureNo': 'Обект № {id}',
  'popup.cluster': '{count} обекта',
  'popup.zoomToCluster': 'Приближи',
  'coords.north': 'с.ш.',
  'coords.south': 'ю.ш.',
  'coords.east': 'и.д.',
  'coords.west': 'з.д.',
  'units.m': 'м',
  'units.km': 'км',
  'units.m2': 'м²',
  'units.km2': 'км²',
  'units.ha': 'ха',
  'search.noResults': 'Няма намерени обекти за „{text}“.',
  'search.tooShort': 'Въведете поне 2 знака.',
  'search.found': '„{name}“ — {layer}',
  'measure.distance': 'Разстояние',
  'measure.area': 'Площ',
  'measure.perimeter': 'Периметър',
  'measure.startDistance': 'Щракнете по картата, за да поставите точки. Двойно щракване или Enter завършва.',
  'measure.startArea': 'Щракнете поне три точки. Двойно щракване или Enter завършва.',
  'measure.needMorePoints': 'Нужни са още точки.',
  'permalink.copied': 'Връзката към изгледа е копирана.',
  'permalink.copyManually': 'Копирайте връзката към изгледа:',
  'export.legend': 'Легенда',
  'export.north': 'Север',
  'export.northLetter': 'С',
  'export.saved': 'Изображението на картата е запазено.',
  'export.failed': 'Изображението не можа да бъде създадено.',
  'edit.title': 'Редакция',
  'edit.noLayers': 'Няма слоеве, които можете да редактирате.',
  'edit.chooseLayer': 'Слой за редакция',
  'edit.start': 'Започни редакция',
  'edit.hint': 'Обектите на слоя в изгледа се зареждат за редакция; чертежите прилепват към съседни върхове.',
  'edit.editing': 'Редактирате:',
  'edit.drawGroup': 'Чертане на нов обект',
  'edit.drawPolygon': 'Полигон',
  'edit.drawRectangle': 'Правоъгълник',
  'edit.drawLine': 'Линия',
  'edit.drawPoint': 'Точка',
  'edit.finishShape': 'Завърши',
  'edit.removeVertex': 'Премахни последния връх',
  'edit.cancelDraw': 'Откажи чертането',
  'edit.vertices': 'Промяна на върхове',
  'edit.pending.one': '1 незаписана промяна',
  'edit.pending.other': '{count} незаписани промени',
  'edit.noPending': 'Няма незаписани промени.',
  'edit.saveChanges': 'Запази промените ({count})',
  'edit.undo': 'Отмени последната промяна',
  'edit.undone': 'Последната незаписана промяна е отменена.',
  'edit.stop': 'Край на редакцията',
  'edit.hintShape': 'Щракнете върху обект за атрибути и изтриване. „Промяна на върхове“ позволява местене на върхове; промените се записват с „Запази промените“. Ctrl+Z отменя последната незаписана промяна.',
  'edit.hintPoint': 'Щракнете върху обект за атрибути и изтриване. „Промяна на върхове“ позволява местене на точките; промените се записват с „Запази промените“. Ctrl+Z отменя последната незаписана промяна.',
  'edit.newFeature': 'Нов обект — {layer}',
  'edit.created': 'Обектът „{name}“ е записан.',
  'edit.notSaved': 'Не е записано.',
  'edit.saved.one': 'Промяната е записана.',
  'edit.saved.other': 'Записани са {count} промени.',
  'edit.saveFailed.one': 'Една промяна не е записана — вижте съобщението на картата.',
  'edit.saveFailed.other': '{count} промени не са записани — вижте съобщенията на картата.',
  'edit.revert': 'Върни записаната геометрия',
  'edit.repair': 'Поправи геометрията и запази',
  'edit.checkFields': 'Проверете полетата: {fields}.',
  'edit.finishFirst': 'Първо запазете или отменете незаписаните промени в редакцията ({count}).',
  'edit.attributes': 'Атрибути',
  'edit.attributesOf': 'Атрибути на „{name}“',
  'edit.attributesSaved': 'Атрибутите са записани.',
  'edit.delete': 'Изтрий',
  'edit.deleteTitle': 'Изтриване на обект',
  'edit.deleteMessage': 'Да бъде ли изтрит обектът „{name}“ от слоя „{layer}“? Изтриването се записва в историята на обекта.',
  'edit.deleted': 'Обектът „{name}“ е изтрит.',
  'edit.deleteFailed': 'Обектът не е изтрит: {message}',
  'edit.discardTitle': 'Незаписани промени',
  'edit.discardMessage': 'Има незаписани промени ({count}). Да бъдат ли отхвърлени?',
  'edit.discard': 'Отхвърли промените',
  'edit.loadFailed': 'Обектите за редакция не можаха да бъдат заредени: {message}',
  'edit.tooMany': 'Заредени са първите {count} обекта в изгледа — приближете, за да редактирате останалите.',
  'details.noHistory': 'Няма записани промени.',
  'details.when': 'Кога',
  'details.who': 'Кой',
  'details.action': 'Действие',
  'details.changes': 'Промени',
  'details.geometryChanged': 'геометрията е променена',
  'details.system': 'система',
  'details.notFound': 'Обектът не е намерен или нямате достъп до него.',
  'details.loadFailed': 'Данните не можаха да бъдат заредени: {message}',
  'action.create': 'създаден',
  'action.update': 'променен',
  'action.delete': 'изтрит',
};

const EN = {
  'app.title': 'Security GIS',
  'app.owner': 'Sofia Municipality',
  'common.ok': 'OK',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.save': 'Save',
  'common.yes': 'yes',
  'common.no': 'no',
  'error.network': 'No connection to the server. Check the network and try again.',
  'error.http': 'The server answered with error {status}.',
  'error.layers': 'The layers could not be loaded: {message}',
  'map.label': 'Map of Sofia Municipality',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'basemap.unavailable': 'The base map is unavailable — only the platform’s layers are shown.',
  'basemap.none': 'No base map — only the platform’s layers are shown.',
  'layers.empty': 'No layers to show.',
  'layers.demo': 'demo',
  'layers.demoTitle': 'Demo data, not real',
  'layers.demoSource': 'Demo data (generated)',
  'layers.demoAttribution': '“{title}”: demo data',
  'layers.opacity': 'Opacity',
  'layers.opacityOf': 'Opacity of the layer “{title}”',
  'layers.about': 'About the layer',
  'layers.aboutLayer': 'About the layer “{title}”',
  'layers.source': 'Source',
  'layers.attribution': 'Attribution',
  'layers.zoomRange': 'Zoom levels',
  'layers.zoomFromTo': '{min} to {max}',
  'layers.zoomIn': 'Visible from zoom {zoom} — zoom in',
  'layers.editing': 'Editing',
  'layers.editable': 'You can edit this layer',
  'popup.details': 'Details',
  'popup.detailsAndHistory': 'Details and history',
  'popup.featureNo': 'Feature no. {id}',
  'popup.cluster': '{count} features',
  'popup.zoomToCluster': 'Zoom in',
  'coords.north': 'N',
  'coords.south': 'S',
  'coords.east': 'E',
  'coords.west': 'W',
  'units.m': 'm',
  'units.km': 'km',
  'units.m2': 'm²',
  'units.km2': 'km²',
  'units.ha': 'ha',
  'search.noResults': 'Nothing found for “{text}”.',
  'search.tooShort': 'Type at least 2 characters.',
  'search.found': '“{name}” — {layer}',
  'measure.distance': 'Distance',
  'measure.area': 'Area',
  'measure.perimeter': 'Perimeter',
  'measure.startDistance': 'Click on the map to place points. Double-click or Enter finishes.',
  'measure.startArea': 'Click at least three points. Double-click or Enter finishes.',
  'measure.needMorePoints': 'More points are needed.',
  'permalink.copied': 'The link to this view has been copied.',
  'permalink.copyManually': 'Copy the link to this view:',
  'export.legend': 'Legend',
  'export.north': 'North',
  'export.northLetter': 'N',
  'export.saved': 'The map image has been saved.',
  'export.failed': 'The image could not be created.',
  'edit.title': 'Editing',
  'edit.noLayers': 'There are no layers you can edit.',
  'edit.chooseLayer': 'Layer to edit',
  'edit.start': 'Start editing',
  'edit.hint': 'The layer’s features in view are loaded for editing; drawings snap to nearby vertices.',
  'edit.editing': 'Editing:',
  'edit.drawGroup': 'Draw a new feature',
  'edit.drawPolygon': 'Polygon',
  'edit.drawRectangle': 'Rectangle',
  'edit.drawLine': 'Line',
  'edit.drawPoint': 'Point',
  'edit.finishShape': 'Finish',
  'edit.removeVertex': 'Remove last vertex',
  'edit.cancelDraw': 'Cancel drawing',
  'edit.vertices': 'Move vertices',
  'edit.pending.one': '1 unsaved change',
  'edit.pending.other': '{count} unsaved changes',
  'edit.noPending': 'No unsaved changes.',
  'edit.saveChanges': 'Save changes ({count})',
  'edit.undo': 'Undo last change',
  'edit.undone': 'The last unsaved change was undone.',
  'edit.stop': 'Stop editing',
  'edit.hintShape': 'Click a feature for its attributes or to delete it. “Move vertices” lets you drag vertices; “Save changes” saves them. Ctrl+Z undoes the last unsaved change.',
  'edit.hintPoint': 'Click a feature for its attributes or to delete it. “Move vertices” lets you drag points; “Save changes” saves them. Ctrl+Z undoes the last unsaved change.',
  'edit.newFeature': 'New feature — {layer}',
  'edit.created': '“{name}” has been saved.',
  'edit.notSaved': 'Not saved.',
  'edit.saved.one': 'The change has been saved.',
  'edit.saved.other': '{count} changes have been saved.',
  'edit.saveFailed.one': 'One change was not saved — see the message on the map.',
  'edit.saveFailed.other': '{count} changes were not saved — see the messages on the map.',
  'edit.revert': 'Restore the saved geometry',
  'edit.repair': 'Repair the geometry and save',
  'edit.checkFields': 'Check these fields: {fields}.',
  'edit.finishFirst': 'First save or undo the unsaved edits ({count}).',
  'edit.attributes': 'Attributes',
  'edit.attributesOf': 'Attributes of “{name}”',
  'edit.attributesSaved': 'The attributes have been saved.',
  'edit.delete': 'Delete',
  'edit.deleteTitle': 'Delete feature',
  'edit.deleteMessage': 'Delete “{name}” from the layer “{layer}”? The deletion is kept in the feature’s history.',
  'edit.deleted': '“{name}” has been deleted.',
  'edit.deleteFailed': 'The feature was not deleted: {message}',
  'edit.discardTitle': 'Unsaved changes',
  'edit.discardMessage': 'There are unsaved changes ({count}). Discard them?',
  'edit.discard': 'Discard changes',
  'edit.loadFailed': 'The features to edit could not be loaded: {message}',
  'edit.tooMany': 'The first {count} features in view are loaded — zoom in to edit the others.',
  'details.noHistory': 'No changes recorded.',
  'details.when': 'When',
  'details.who': 'Who',
  'details.action': 'Action',
  'details.changes': 'Changes',
  'details.geometryChanged': 'geometry changed',
  'details.system': 'system',
  'details.notFound': 'The feature does not exist or you may not see it.',
  'details.loadFailed': 'The data could not be loaded: {message}',
  'action.create': 'created',
  'action.update': 'updated',
  'action.delete': 'deleted',
};

const THEMES_BG = {
  administrative: 'Административно деление',
  infrastructure: 'Критична инфраструктура и обекти',
  public_order: 'Обществен ред и превенция',
  risk: 'Риск от бедствия и защита',
  surveillance: 'Видеонаблюдение',
  events: 'Масови мероприятия',
};

const ATTRIBUTES_BG = {
  name: 'Име',
  name_en: 'Име на английски',
  code: 'Код',
  area_km2: 'Площ, км²',
  population: 'Население',
  population_year: 'Година на данните за населението',
  population_source: 'Източник на данните за населението',
  population_estimate: 'Население (оценка)',
  census_2011: 'Преброяване 2011',
  district_code: 'Код на района',
  source: 'Източник',
  sector: 'Сектор',
  criticality: 'Критичност (1–5)',
  owner: 'Собственик',
  address: 'Адрес',
  kind: 'Вид',
  service: 'Служба',
  length_km: 'Дължина, км',
  route_ref: 'Линия',
  mode: 'Вид транспорт',
  direction: 'Посока',
  priority: 'Приоритет (1–3)',
  notes: 'Бележки',
  phone: 'Телефон',
  telephone: 'Телефон',
  security_company: 'Охранителна фирма',
  contract_until: 'Договор до',
  last_inspection: 'Последна проверка',
  capacity: 'Капацитет, души',
  status: 'Състояние',
};

const CHOICES_BG = {
  sector: {
    energy: 'Енергетика', water: 'Водоснабдяване', transport: 'Транспорт', finance: 'Финанси',
    communications: 'Съобщения и поща', health: 'Здравеопазване', government: 'Държавно управление', fuel: 'Горива',
  },
  kind: {
    school: 'Училище', kindergarten: 'Детска градина',
    shelter: 'Убежище', anti_radiation: 'Противорадиационно укритие (ПРУ)', adapted: 'Приспособено укритие',
  },
  service: { police: 'Полиция', fire: 'Пожарна безопасност и защита на населението', ambulance: 'Спешна медицинска помощ' },
  mode: { metro: 'Метро', tram: 'Трамвай', trolley: 'Тролейбус', bus: 'Автобус' },
  status: { ready: 'Готово за ползване', needs_repair: 'Нуждае се от ремонт', out_of_service: 'Извън употреба' },
  source: { user: 'Въведен в платформата', demo: 'Демонстрационни данни' },
};

// Values the platform itself sets, which the API does not label.
const CHOICES_EN = { source: { user: 'Entered in the platform', demo: 'Demo data' } };

// Number-like attributes the API sends as numbers; these read better with fixed decimals.
const DECIMALS = { area_km2: 2, length_km: 2 };
// Years and codes are numbers but must not get thousands separators.
const PLAIN_NUMBERS = new Set(['population_year', 'code', 'district_code', 'direction', 'priority', 'criticality', 'route_ref']);

const DICTIONARY = lang === 'en' ? EN : BG;

/** The text for `key` with {placeholders} filled; `count` picks the .one/.other form. */
export function t(key, params = {}) {
  let text;
  if ('count' in params && (`${key}.one` in DICTIONARY || `${key}.one` in BG)) {
    const form = params.count === 1 ? 'one' : 'other';
    text = DICTIONARY[`${key}.${form}`] ?? BG[`${key}.${form}`];
  } else {
    text = DICTIONARY[key] ?? BG[key] ?? key;
  }
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

export function themeLabel(theme, fallback) {
  return lang === 'bg' ? THEMES_BG[theme] || fallback || theme : fallback || theme;
}

function attributeMeta(layer, name) {
  return (layer.attributes || []).find((attribute) => attribute.name === name);
}

export function attributeLabel(layer, name) {
  const meta = attributeMeta(layer, name);
  if (lang === 'bg' && ATTRIBUTES_BG[name]) return ATTRIBUTES_BG[name];
  const label = meta?.label || name;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function choiceLabel(layer, name, code) {
  const key = String(code);
  const own = (lang === 'bg' ? CHOICES_BG : CHOICES_EN)[name]?.[key];
  if (own && (lang === 'bg' || !attributeMeta(layer, name)?.choices)) return own;
  return attributeMeta(layer, name)?.choices?.[key] ?? key;
}

export function formatNumber(value, options = {}) {
  return new Intl.NumberFormat(LOCALE, options).format(value);
}

export function formatDateTime(date) {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** An attribute value as shown to people: coded values by their label, numbers localised. */
export function formatValue(layer, name, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (attributeMeta(layer, name)?.choices || CHOICES_BG[name]?.[String(value)] || CHOICES_EN[name]?.[String(value)]) {
    return choiceLabel(layer, name, value);
  }
  if (typeof value === 'number') {
    if (PLAIN_NUMBERS.has(name)) return String(value);
    const digits = DECIMALS[name];
    return digits === undefined ? formatNumber(value) : formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' }).format(new Date(`${value}T00:00:00`));
  }
  return String(value);
}
