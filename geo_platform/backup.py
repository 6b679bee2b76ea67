"""Back up and restore the platform: the database (pg_dump custom format) and the media files.

    python -m geo_platform.backup create [--to DIR]     # make backup [BACKUP_DIR=…]
    python -m geo_platform.backup restore DIR           # make restore FROM=…

A backup is a folder `.local/backups/<UTC date-time>/` (or the one given) holding
`database.dump` (pg_dump -Fc: PostGIS, every table, history and job rows), `media.tar.gz`
(MEDIA_ROOT: uploads, opinions, risk rasters and exports) and `manifest.json` (what, when,
row counts per table, to compare after a restore). Restoring DROPS the database named by
DATABASE_URL (closing its connections), creates it again and loads the dump, then replaces
MEDIA_ROOT with the archived files. Stop the server and the workers first.

Reads DATABASE_URL and MEDIA_ROOT from the environment (as geo_platform/config.py does);
needs pg_dump/pg_restore of the server's major version (PostgreSQL 15 client, Debian 12).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / ".local" / "backups"


def _libpq_url(url: str) -> str:
    if url.startswith("postgis://"):
        url = "postgresql://" + url.removeprefix("postgis://")
    return url


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def table_counts(url: str) -> dict[str, int]:
    """Rows per table of the public schema (PostGIS's own tables left out)."""
    with psycopg.connect(_libpq_url(url)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'spatial_ref_sys' ORDER BY tablename"
            )
        ]
        return {
            table: connection.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


def create(database_url: str, media_root: Path, to: Path | None = None) -> Path:
    """Write a backup folder and return its path."""
    folder = to or DEFAULT_DIR / datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=False)
    os.chmod(folder, 0o700)
    dump = folder / "database.dump"
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(dump),
            _libpq_url(database_url),
        ],
        check=True,
    )
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname="media")
    manifest = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": _database_name(database_url),
        "media_root": str(media_root),
        "tables": table_counts(database_url),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return folder


def restore(folder: Path, database_url: str, media_root: Path) -> dict:
    """Drop and recreate the database from `folder`, replace MEDIA_ROOT; return the manifest."""
    dump = folder / "database.dump"
    if not dump.is_file():
        raise FileNotFoundError(f"{dump} is missing: not a backup folder made by `make backup`.")
    name = _database_name(database_url)
    admin_url = _libpq_url(_with_database(database_url, "postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            _libpq_url(database_url),
            str(dump),
        ],
        check=True,
    )
    archive_path = folder / "media.tar.gz"
    if archive_path.is_file():
        with tempfile.TemporaryDirectory(
            dir=media_root.parent if media_root.parent.is_dir() else None
        ) as scratch:
            with tarfile.open(archive_path) as archive:
                archive.extractall(scratch, filter="data")
            extracted = Path(scratch) / "media"
            if media_root.exists():
                shutil.rmtree(media_root)
            if extracted.is_dir():
                shutil.move(str(extracted), str(media_root))
            else:
                media_root.mkdir(parents=True)
    manifest_path = folder / "manifest.json"
    return json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo_platform.backup", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("create", help="back up the database and media files")
    make.add_argument("--to", type=Path, help="backup folder (default .local/backups/<UTC date-time>)")
    back = commands.add_parser("restore", help="drop the database and restore it and the media files")
    back.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        parser.error("DATABASE_URL is not set (source .local/env).")
    media_root = Path(os.environ.get("MEDIA_ROOT") or ROOT / "media")
    if args.command == "create":
        folder = create(database_url, media_root, args.to)
        print(f"Backup written to {folder}")
    else:
        manifest = restore(args.folder, database_url, media_root)
        now = table_counts(database_url)
        missing = {t: (n, now.get(t)) for t, n in manifest.get("tables", {}).items() if now.get(t) != n}
        if missing:
            print(f"Restored, but row counts differ from the backup: {missing}", file=sys.stderr)
            return 1
        print(f"Restored {_database_name(database_url)} and {media_root} from {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
