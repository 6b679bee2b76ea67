"""Raw SQL of the Situation Centre, run with bound parameters only."""

from __future__ import annotations

CITY_AREA = """
SELECT ST_AsBinary(ST_Transform(ST_Buffer(ST_Transform(boundary, %(metric)s), %(margin)s), %(storage)s))
FROM administrative_municipality ORDER BY id LIMIT 1
"""

DISTRICTS = "SELECT code, name, ST_AsBinary(boundary) FROM administrative_district ORDER BY code"

# Named places an address may name: stops, districts, neighbourhoods and named sites, with a
# representative point and how precise that point is (a stop is a point; a district is large).
PLACES = """
SELECT 'stop' AS kind, name, ST_X(position), ST_Y(position) FROM infrastructure_transitstop WHERE name <> ''
UNION ALL SELECT 'district', name, ST_X(ST_PointOnSurface(boundary)), ST_Y(ST_PointOnSurface(boundary))
  FROM administrative_district
UNION ALL SELECT 'neighbourhood', name, ST_X(ST_PointOnSurface(boundary)), ST_Y(ST_PointOnSurface(boundary))
  FROM administrative_neighbourhood WHERE name <> ''
UNION ALL SELECT 'site', name, ST_X(position), ST_Y(position) FROM infrastructure_criticalsite WHERE name <> ''
UNION ALL SELECT 'site', name, ST_X(position), ST_Y(position) FROM infrastructure_hospital WHERE name <> ''
UNION ALL SELECT 'site', name, ST_X(position), ST_Y(position) FROM infrastructure_school WHERE name <> ''
UNION ALL SELECT 'site', name, ST_X(position), ST_Y(position) FROM shelters_shelter WHERE name <> ''
"""

# Pairs of open incidents of one category within %(metres)s and %(seconds)s of each other.
DUPLICATE_PAIRS = """
SELECT a.id, b.id, ST_Distance(a.position::geography, b.position::geography) AS metres,
       abs(extract(epoch FROM a.occurred_at - b.occurred_at)) AS seconds
FROM situation_incident a
JOIN situation_incident b
  ON b.category = a.category AND b.id > a.id
 AND b.occurred_at BETWEEN a.occurred_at - make_interval(secs => %(seconds)s)
                       AND a.occurred_at + make_interval(secs => %(seconds)s)
 AND ST_DWithin(a.position::geography, b.position::geography, %(metres)s)
WHERE a.merged_into_id IS NULL AND b.merged_into_id IS NULL
  AND a.status <> 'closed' AND b.status <> 'closed'
  AND a.occurred_at >= %(since)s
ORDER BY a.occurred_at DESC
LIMIT %(limit)s
"""

# Nearest rows of a point table to a point, with metres; {table} is a fixed identifier from code.
NEAREST = """
SELECT id, name, {extra}, ST_Distance(position::geography, ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)::geography)
FROM {table} {where}
ORDER BY position <-> ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)
LIMIT %(limit)s
"""

COUNTS_BY_DISTRICT_CATEGORY = """
SELECT date_trunc(%(step)s, occurred_at AT TIME ZONE 'Europe/Sofia') AS bucket, district_code, category, count(*)
FROM situation_incident
WHERE occurred_at >= %(since)s AND occurred_at < %(until)s AND merged_into_id IS NULL
GROUP BY 1, 2, 3 ORDER BY 1
"""

# Heat map: incidents per grid cell of %(cell)s metres (UTM 34N), centres back in WGS 84.
HEAT_GRID = """
WITH cells AS (
  SELECT floor(ST_X(p) / %(cell)s) AS i, floor(ST_Y(p) / %(cell)s) AS j, count(*) AS n
  FROM (SELECT ST_Transform(position, %(metric)s) AS p FROM situation_incident
        WHERE occurred_at >= %(since)s AND occurred_at < %(until)s AND merged_into_id IS NULL
          AND (%(category)s = '' OR category = %(category)s)) s
  GROUP BY 1, 2
)
SELECT ST_X(c), ST_Y(c), n FROM (
  SELECT ST_Transform(ST_SetSRID(ST_MakePoint((i + 0.5) * %(cell)s, (j + 0.5) * %(cell)s), %(metric)s), 4326) AS c, n
  FROM cells) t
"""
