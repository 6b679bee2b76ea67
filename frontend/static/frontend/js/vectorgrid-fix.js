// Two fixes to leaflet.vectorgrid 1.3 (last release 2017) for Leaflet 1.9, at their root.
//
// 1. Leaflet 1.8 removed L.DomEvent.fakeStop, which VectorGrid's renderers still call.
// 2. Point features could not be clicked: a tile's point is a CircleMarker subclass
//    (PointSymbolizer) that knows its position only in tile pixels (`_point`) and keeps no
//    `_latlng`. Since Leaflet 1.8 a click on any small target with `getLatLng` is treated
//    like a marker's — `map.latLngToContainerPoint(target.getLatLng())` — which threw
//    "Cannot read properties of undefined (reading 'lat')" and no popup opened. The point
//    symbolizer now answers `getLatLng()` from its tile coordinates and pixel position,
//    so a click reports the point's own position, as it does for markers.
if (!L.DomEvent.fakeStop) L.DomEvent.fakeStop = L.DomEvent.stopPropagation;

/** Position of a tile point: the tile's origin in world pixels plus the point's offset. */
function tilePointLatLng() {
  const renderer = this._renderer;
  if (this._latlng) return this._latlng;
  if (!renderer?.getCoord || !this._point) return undefined;
  const coords = renderer.getCoord();
  const size = renderer._size || L.point(256, 256);
  const world = L.point(coords.x * size.x + this._point.x, coords.y * size.y + this._point.y);
  const crs = renderer._map?.options.crs || L.CRS.EPSG3857;
  return crs.pointToLatLng(world, coords.z);
}

let patched = false;

/** Patch the (unexported) point symbolizer class the first time VectorGrid makes a point. */
export function patchVectorGrid() {
  if (!L.VectorGrid || L.VectorGrid.prototype._sofiaPatched) return;
  const createLayer = L.VectorGrid.prototype._createLayer;
  L.VectorGrid.prototype._createLayer = function patchedCreateLayer(feature, ...rest) {
    const layer = createLayer.call(this, feature, ...rest);
    if (!patched && feature.type === 1 && layer) {
      Object.getPrototypeOf(layer).getLatLng = tilePointLatLng;
      patched = true;
    }
    return layer;
  };
  L.VectorGrid.prototype._sofiaPatched = true;
}

patchVectorGrid();
