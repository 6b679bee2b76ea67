"""Search as people type it: pg_trgm, the official Bulgarian transliteration and acronyms in
SQL, and trigram GIN indexes on the transliterated names of the layers searched.

The functions are PL/pgSQL so that they are not inlined: the planner then matches the
index expression `bg_latin(name)` at once instead of planning the whole expression."""

from django.db import migrations

# Закон за транслитерацията (ДВ 19/2009), lower case: "ия" at the end of a word is "ia".
BG_LATIN = r"""
CREATE OR REPLACE FUNCTION bg_latin(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
BEGIN
  RETURN translate(
    replace(replace(replace(replace(replace(replace(replace(
      regexp_replace(lower(value), 'ия\M', 'ia', 'g'),
      'щ', 'sht'), 'ж', 'zh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'ю', 'yu'), 'я', 'ya'),
    'абвгдезийклмнопрстуфхъь', 'abvgdeziyklmnoprstufhay');
END
$$;
"""

# "Национален дворец на културата" → "НДК": the first letters of the words of three letters or more.
BG_ACRONYM = r"""
CREATE OR REPLACE FUNCTION bg_acronym(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
BEGIN
  RETURN (
    SELECT string_agg(upper(left(word, 1)), '' ORDER BY n)
    FROM regexp_split_to_table(value, '[^[:alnum:]]+') WITH ORDINALITY AS words(word, n)
    WHERE length(word) > 2
  );
END
$$;
"""

TABLES = [
    "administrative_district",
    "administrative_neighbourhood",
    "infrastructure_transitstop",
    "infrastructure_criticalsite",
    "infrastructure_school",
    "infrastructure_hospital",
    "shelters_shelter",
    "infrastructure_emergencystation",
    "infrastructure_transitroute",
    "public_order_guardedsite",
    "public_order_preventioncentre",
    "public_order_crimepreventionarea",
    "public_order_policearea",
    "surveillance_building",
    "surveillance_camera",
    "surveillance_camerafieldofview",
]


def _indexes(create: bool) -> list[str]:
    if create:
        return [
            statement
            for table in TABLES
            for statement in (
                f"CREATE INDEX IF NOT EXISTS {table}_name_latin_trgm ON {table} USING gin (bg_latin(name) gin_trgm_ops)",
                f"CREATE INDEX IF NOT EXISTS {table}_name_acronym ON {table} (bg_acronym(name))",
            )
        ]
    return [
        f"DROP INDEX IF EXISTS {table}_name_{kind}" for table in TABLES for kind in ("latin_trgm", "acronym")
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("layers", "0001_initial"),
        ("administrative", "0001_initial"),
        ("infrastructure", "0001_initial"),
        ("shelters", "0001_initial"),
        ("public_order", "0001_initial"),
        ("surveillance", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        migrations.RunSQL(BG_LATIN, "DROP FUNCTION IF EXISTS bg_latin(text)"),
        migrations.RunSQL(BG_ACRONYM, "DROP FUNCTION IF EXISTS bg_acronym(text)"),
        migrations.RunSQL(_indexes(True), _indexes(False)),
    ]
