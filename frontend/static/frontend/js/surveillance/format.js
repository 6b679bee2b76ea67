// Numbers of the surveillance panel: shares as percentages, areas in m² or km², lengths.
import { formatNumber, t } from '../i18n.js';

export function percent(share) {
  const value = (Number(share) || 0) * 100;
  const digits = value > 0 && value < 10 ? 2 : 1;
  return `${formatNumber(value, { maximumFractionDigits: digits })} %`;
}

export function measure(value, unit) {
  const number = Number(value) || 0;
  if (unit === 'm') {
    return number >= 1000 ? `${formatNumber(number / 1000, { maximumFractionDigits: 2 })} ${t('units.km')}`
      : `${formatNumber(number, { maximumFractionDigits: 0 })} ${t('units.m')}`;
  }
  return number >= 1e6 ? `${formatNumber(number / 1e6, { maximumFractionDigits: 3 })} ${t('units.km2')}`
    : `${formatNumber(number, { maximumFractionDigits: 0 })} ${t('units.m2')}`;
}

export const levelLabel = (level) => t(`dori.${level}`);

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

/** An azimuth (° clockwise from north) with its 8-point compass word: "135° (ЮИ)". */
export function azimuthText(azimuth) {
  const degrees = Math.round(Number(azimuth) || 0) % 360;
  return t('surv.azimuthWord', { degrees, word: t(`compass.${COMPASS[Math.round(degrees / 45) % 8]}`) });
}

/** Where a proposed camera stands, in words: "95 м на юг от „Склад“ (Сгради)", else its coordinates. */
export function placeText(camera) {
  const coordinates = t('surv.coordinates', { lat: Number(camera.lat).toFixed(5), lon: Number(camera.lon).toFixed(5) });
  const place = camera.place;
  if (!place) return coordinates;
  const near = t('surv.nearPlace', {
    distance: formatNumber(place.distance_m, { maximumFractionDigits: 0 }),
    direction: place.direction ? t(`compass.to.${place.direction}`) : '',
    name: place.name,
    layer: place.layer_title,
  });
  return `${near} · ${coordinates}`;
}
