// The cursor position in WGS 84 and in BGS2005 / CCS2005 (EPSG:7801), Bulgaria's official
// projected system. EPSG:7801 orders its axes northing (X) then easting (Y).
import { formatNumber, t } from '../i18n.js';

// Checked against pyproj/PROJ (tests/browser/test_map.py): the same numbers to the millimetre.
export const BGS2005 = 'EPSG:7801';
proj4.defs(
  BGS2005,
  '+proj=lcc +lat_0=42.6678756833333 +lon_0=25.5 +lat_1=42 +lat_2=43.3333333333333 ' +
    '+x_0=500000 +y_0=4725824.3591 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
);

/** BGS2005 coordinates of a WGS 84 position: {x: northing, y: easting} in metres. */
export function toBGS2005(lng, lat) {
  const [easting, northing] = proj4('EPSG:4326', BGS2005, [lng, lat]);
  return { x: northing, y: easting };
}

function formatLatLng(latlng) {
  const lat = formatNumber(Math.abs(latlng.lat), { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  const lng = formatNumber(Math.abs(latlng.lng), { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  const ns = latlng.lat >= 0 ? t('coords.north') : t('coords.south');
  const ew = latlng.lng >= 0 ? t('coords.east') : t('coords.west');
  return `${lat}° ${ns}, ${lng}° ${ew}`;
}

function formatBgs(latlng) {
  const { x, y } = toBGS2005(latlng.lng, latlng.lat);
  const metres = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  return `X ${formatNumber(x, metres)} ${t('units.m')}, Y ${formatNumber(y, metres)} ${t('units.m')}`;
}

export function setupCoordinates(map, { wgs84, bgs2005, zoom }) {
  let lastPointerMove = 0;
  const show = (latlng) => {
    wgs84.textContent = formatLatLng(latlng);
    bgs2005.textContent = formatBgs(latlng);
  };
  // On a touch screen there is no cursor: show the centre of the map instead.
  const showCentre = () => show(map.getCenter());
  map.on('mousemove', (event) => {
    lastPointerMove = Date.now();
    show(event.latlng);
  });
  map.on('moveend', () => {
    if (Date.now() - lastPointerMove > 1000) showCentre();
    zoom.textContent = String(map.getZoom());
  });
  map.getContainer().addEventListener('mouseleave', showCentre);
  showCentre();
  zoom.textContent = String(map.getZoom());
}
