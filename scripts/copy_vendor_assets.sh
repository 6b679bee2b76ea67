#!/usr/bin/env bash
# Copy the npm packages the map uses into frontend/static/vendor (served as static files;
# no CDN at run time).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=frontend/static/vendor
mkdir -p "$dest/leaflet"
cp -r node_modules/leaflet/dist/. "$dest/leaflet/"
