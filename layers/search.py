"""Search as people type it, across the layers the user may see.

A name matches when it contains the text, when its official Latin transliteration
(Закон за транслитерацията; `bg_latin` in SQL) contains the text's — so "Lozenets" finds
„Лозенец" and "Лозенец" finds a Latin name — when the text is its acronym ("НДК" for
„Национален дворец на културата"), or when it is close by trigram word similarity (typos).
Results are ranked by how well they match; the gazetteer's named places (layer `places`) and
then administrative areas win ties, and an acronym written in a name ("… (НДК)") counts as
exact. Each result names its layer (a named place also its kind: metro station, stadium …) and
the district it lies in, so places of the same name are told apart.

A text that reads as a coordinate — WGS 84 decimal degrees or degrees-minutes-seconds, or
BGS2005 (EPSG:7801) metres in either order — answers with that position first.
"""

from __future__ import annotations

import re

from django.contrib.gis.db.models.functions import Centroid, Envelope
from django.db.models import BooleanField, F, FloatField, Q, Value
from django.db.models.expressions import Func
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from pyproj import Transformer

from geo_platform.crs import NATIONAL_SRID, SOFIA_BOUNDS, STORAGE_SRID
from layers.administrative.models import District
from layers.registry import LayerNotRegistered, get_spec

# Trigram word similarity from which a name counts as a near match (pg_trgm's default is 0.6).
NEAR = 0.45
NUMBER = r"[-+]?\d+(?:[.,]\d+)?"


class BgLatin(Func):
    function = "bg_latin"


class BgAcronym(Func):
    function = "bg_acronym"


class WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


class WordSimilar(Func):
    """`text <% name`: uses the trigram GIN index."""

    template = "%(expressions)s"
    arg_joiner = " <%% "
    output_field = BooleanField()


# ---- coordinates -------------------------------------------------------------------------

_DMS = re.compile(
    r"""(?P<deg>\d{1,3})\s*[°º:\s]\s*(?P<min>\d{1,2}(?:[.,]\d+)?)\s*(?:['′’:\s]\s*(?P<sec>\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|'')?)?\s*(?P<hem>[NSEWСЮИЗ])?""",
    re.IGNORECASE | re.VERBOSE,
)
_TO_WGS84 = Transformer.from_crs(NATIONAL_SRID, STORAGE_SRID, always_xy=True)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _in_sofia(lon: float, lat: float, margin: float = 0.3) -> bool:
    min_x, min_y, max_x, max_y = SOFIA_BOUNDS
    return min_x - margin <= lon <= max_x + margin and min_y - margin <= lat <= max_y + margin


def parse_coordinates(text: str) -> tuple[float, float, str] | None:
    """(lon, lat, what was read) if the text is a position near Sofia; else None."""
    text = text.strip()
    numbers = re.fullmatch(rf"\s*({NUMBER})\s*[,;\s]\s*({NUMBER})\s*", text)
    if numbers and not ("," in text and text.count(",") == 1 and " " not in text.strip() and "." not in text):
        a, b = _number(numbers.group(1)), _number(numbers.group(2))
        # BGS2005 / CCS2005: northing about 4.7 million, easting a few hundred thousand metres.
        if max(a, b) > 1_000_000 and min(a, b) > 10_000:
            northing, easting = max(a, b), min(a, b)
            lon, lat = _TO_WGS84.transform(easting, northing)
            if _in_sofia(lon, lat):
                return lon, lat, "BGS2005"
            return None
        for lat, lon in ((a, b), (b, a)):
            if _in_sofia(lon, lat):
                return lon, lat, "WGS 84"
        return None
    parts = [m for m in _DMS.finditer(text) if m.group(0).strip()]
    if len(parts) == 2 and any(m.group("sec") or "°" in m.group(0) for m in parts):
        values = []
        for m in parts:
            value = int(m.group("deg")) + _number(m.group("min")) / 60 + _number(m.group("sec") or "0") / 3600
            hemisphere = (m.group("hem") or "").upper()
            if hemisphere in {"S", "W", "Ю", "З"}:
                value = -value
            values.append((hemisphere, value))
        lat_first = values[0][0] in {"N", "S", "С", "Ю", ""}
        lat, lon = (values[0][1], values[1][1]) if lat_first else (values[1][1], values[0][1])
        if _in_sofia(lon, lat):
            return lon, lat, "WGS 84"
    return None


def coordinate_result(text: str) -> dict | None:
    parsed = parse_coordinates(text)
    if parsed is None:
        return None
    lon, lat, read_as = parsed
    return {
        "layer": None,
        "layer_title": _("Coordinates (%(crs)s)") % {"crs": read_as},
        "id": None,
        "name": f"{lat:.5f}° N, {lon:.5f}° E",
        "kind": "coordinates",
        "district": district_at(lon, lat),
        "bbox": [lon, lat, lon, lat],
    }


def district_at(lon: float, lat: float) -> str | None:
    from django.contrib.gis.geos import Point

    district = District.objects.filter(boundary__intersects=Point(lon, lat, srid=STORAGE_SRID)).first()
    return district.name if district else None


# ---- names ---------------------------------------------------------------------------------


_LATIN = str.maketrans("абвгдезийклмнопрстуфхъь", "abvgdeziyklmnoprstufhay")
_LATIN_PAIRS = (("щ", "sht"), ("ж", "zh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"), ("ю", "yu"), ("я", "ya"))


def bg_latin(text: str) -> str:
    """The same rules as the SQL function `bg_latin` (see migration layers 0002)."""
    value = re.sub(r"ия\b", "ia", text.lower())
    for cyrillic, latin in _LATIN_PAIRS:
        value = value.replace(cyrillic, latin)
    return value.translate(_LATIN)


def _looks_like_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _matches(spec, user, text: str, limit: int):
    name = F("name")
    latin = BgLatin(name)
    query_latin = bg_latin(text)
    # Each branch can use the trigram index on bg_latin(name); the acronym is computed only
    # for a text that looks like one.
    wanted = Q(latin__contains=query_latin) | Q(WordSimilar(Value(query_latin), latin))
    queryset = spec.queryset_for(user).annotate(latin=latin)
    if _looks_like_acronym(text):
        queryset = queryset.annotate(acronym=BgAcronym(name))
        wanted |= Q(acronym=text)
    else:
        queryset = queryset.annotate(acronym=Value(""))
    return (
        queryset.filter(wanted)
        .annotate(
            score=Coalesce(WordSimilarity(Value(query_latin), latin), Value(0.0), output_field=FloatField()),
            envelope=Envelope(spec.geometry_field),
            centre=Centroid(spec.geometry_field),
        )
        .order_by("-score", "name", "pk")
        .values("pk", "name", "envelope", "centre", "score", "acronym", "latin")[:limit]
    )


# Ties go to the gazetteer's named places, then to administrative areas.
GAZETTEER = "places"
BOOST = {GAZETTEER: 0.08}
ADMINISTRATIVE_BOOST = 0.05


def _rank(match: dict, text: str) -> float:
    """1 for an exact name or acronym, then prefix, then containment, then similarity."""
    lowered = text.lower()
    name = (match["name"] or "").lower()
    latin = match["latin"] or ""
    if name == lowered or latin == lowered or (match["acronym"] or "") == text.upper():
        return 1.0
    if _looks_like_acronym(text) and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", match["name"] or ""):
        return 1.0
    if name.startswith(lowered) or latin.startswith(lowered) or f" {lowered}" in f" {name}":
        return 0.9
    if lowered in name or lowered in latin:
        return 0.7 + 0.1 * match["score"]
    return 0.5 * match["score"]


def search(user, layers, text: str, *, limit: int = 20, title=lambda layer: layer.title_bg) -> list[dict]:
    """The best `limit` matches over `layers` (already the ones the user may see)."""
    found: list[tuple[float, int, dict]] = []
    for order, layer in enumerate(layers):
        try:
            spec = get_spec(layer.slug)
        except LayerNotRegistered:
            continue
        for match in _matches(spec, user, text, limit):
            boost = BOOST.get(layer.slug, ADMINISTRATIVE_BOOST if layer.theme == "administrative" else 0.0)
            found.append(
                (
                    _rank(match, text) + boost,
                    order,
                    {
                        "layer": layer.slug,
                        "layer_title": title(layer),
                        "id": match["pk"],
                        "name": match["name"],
                        "centre": match["centre"],
                        "bbox": list(match["envelope"].extent),
                    },
                )
            )
    found.sort(key=lambda item: (-item[0], item[1], item[2]["name"] or ""))
    results = [item[2] for item in found[: limit * 3]]
    _add_districts(results)
    _add_place_kinds(results)
    return _one_per_place(results)[:limit]


def _add_place_kinds(results: list[dict]) -> None:
    """A named place says what it is ("Метростанция", "Стадион"), in the user's language."""
    from layers.administrative.models import Place, PlaceKind

    ids = [result["id"] for result in results if result["layer"] == GAZETTEER]
    if not ids:
        return
    kinds = dict(Place.objects.filter(pk__in=ids).values_list("pk", "kind"))
    for result in results:
        if result["layer"] == GAZETTEER and result["id"] in kinds:
            result["kind"] = str(PlaceKind(kinds[result["id"]]).label)


def _one_per_place(results: list[dict]) -> list[dict]:
    """Stops of one name in one district (a stop per direction) are one place: their boxes merge."""
    kept: dict[tuple, dict] = {}
    for result in results:
        key = (result["layer"], (result["name"] or "").lower(), result["district"])
        if key not in kept:
            kept[key] = result
            continue
        box = kept[key]["bbox"]
        other = result["bbox"]
        kept[key]["bbox"] = [
            min(box[0], other[0]),
            min(box[1], other[1]),
            max(box[2], other[2]),
            max(box[3], other[3]),
        ]
    return list(kept.values())


def _add_districts(results: list[dict]) -> None:
    """The district of each result's centre, in one query."""
    centres = [result.pop("centre") for result in results]
    if not results:
        return
    from django.db import connection

    points = [(index, c.x, c.y) for index, c in enumerate(centres) if c is not None]
    names: dict[int, str] = {}
    if points:
        values = ", ".join(["(%s, %s, %s)"] * len(points))
        params = [value for point in points for value in point]
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT p.i, d.name FROM (VALUES {values}) AS p(i, x, y)
                JOIN {District._meta.db_table} d
                  ON ST_Intersects(d.boundary, ST_SetSRID(ST_MakePoint(p.x, p.y), {STORAGE_SRID}))
                """,
                params,
            )
            names = dict(cursor.fetchall())
    for index, result in enumerate(results):
        result["district"] = names.get(index)
