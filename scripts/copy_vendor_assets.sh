#!/usr/bin/env bash
# Copy the npm packages the map uses (package.json / package-lock.json, installed by
# `npm ci`) into frontend/static/vendor, which is served as static files: no CDN at run time.
# frontend/static/vendor is git-ignored; run this again after package.json changes.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules
dest=frontend/static/vendor

if [[ ! -d $src/leaflet ]]; then
  echo "node_modules is missing: run 'npm ci' first." >&2
  exit 1
fi

rm -rf "$dest"
mkdir -p "$dest"

# copy PACKAGE DEST_DIR FILE... — each FILE is relative to node_modules/PACKAGE; the
# package's licence goes along with it.
copy() {
  local package=$1 target=$dest/$2
  shift 2
  mkdir -p "$target"
  for file in "$@"; do
    cp -r "$src/$package/$file" "$target/"
  done
  for licence in LICENSE LICENSE.md LICENSE.txt; do
    [[ -f $src/$package/$licence ]] && cp "$src/$package/$licence" "$target/"
  done
  return 0
}

copy leaflet leaflet dist/leaflet.js dist/leaflet.js.map dist/leaflet.css dist/images
copy leaflet.vectorgrid leaflet.vectorgrid dist/Leaflet.VectorGrid.bundled.min.js
copy @geoman-io/leaflet-geoman-free leaflet-geoman dist/leaflet-geoman.min.js \
  dist/leaflet-geoman.min.js.map dist/leaflet-geoman.css
copy proj4 proj4 dist/proj4.js
copy geographiclib-geodesic geographiclib-geodesic geographiclib-geodesic.min.js
copy html-to-image html-to-image dist/html-to-image.js dist/html-to-image.js.map

echo "Vendor assets copied to $dest."
