"""The HTTP side of a tile: strong ETags, 304, gzip, 204 for an empty tile, Cache-Control."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.utils.http import parse_etags

from tile_server.cache import CachedTile
from tile_server.service import GZIP_LEVEL

MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile"
# Tiles are deleted from the server's cache the moment an edit commits, so clients and
# proxies may keep them but must revalidate (a cheap 304) before each use.
_CACHE_CONTROL = {True: "public, no-cache", False: "private, no-cache"}
# Who asks changes what a tile holds, as does the encoding.
_VARY = "Accept-Encoding, Authorization, Cookie"


def accepts_gzip(request: HttpRequest) -> bool:
    for item in request.headers.get("Accept-Encoding", "").split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() in {"gzip", "*"}:
            quality = params.strip().lower().removeprefix("q=")
            return not quality or _positive(quality)
    return False


def _positive(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False


def tile_response(request: HttpRequest, parts: Sequence[CachedTile], *, public: bool) -> HttpResponse:
    """The tile made of `parts` (one per layer), or 204 if all are empty, or 304."""
    parts = [part for part in parts if not part.empty]
    if not parts:
        response = HttpResponse(status=204)
        del response["Content-Type"]
        _set_cache_headers(response, public)
        return response
    if len(parts) == 1:
        digest = parts[0].etag
    else:
        # The parts' ETags are hashes of their bytes, so this is one of the whole tile.
        digest = hashlib.blake2b(",".join(part.etag for part in parts).encode(), digest_size=16).hexdigest()
    use_gzip = accepts_gzip(request)
    # A strong ETag names one representation: the gzipped one gets its own.
    etag = f'"{digest}-gzip"' if use_gzip else f'"{digest}"'
    if _matches(request, etag):
        response = HttpResponse(status=304)
        del response["Content-Type"]
    else:
        response = HttpResponse(_body(parts, use_gzip), content_type=MVT_CONTENT_TYPE)
        if use_gzip:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    _set_cache_headers(response, public)
    return response


def _body(parts: Sequence[CachedTile], use_gzip: bool) -> bytes:
    if len(parts) == 1 and use_gzip:
        return parts[0].gzipped
    # MVT layers are independent messages: a composite tile is their bytes in a row.
    raw = b"".join(gzip.decompress(part.gzipped) for part in parts)
    return gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0) if use_gzip else raw


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    # If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x".
    candidates = {candidate.removeprefix("W/") for candidate in parse_etags(header)}
    return "*" in candidates or etag in candidates


def _set_cache_headers(response: HttpResponse, public: bool) -> None:
    response["Cache-Control"] = _CACHE_CONTROL[public]
    response["Vary"] = _VARY
