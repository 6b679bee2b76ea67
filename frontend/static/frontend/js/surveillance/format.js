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
