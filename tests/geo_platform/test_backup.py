"""Issue 10: `make backup` / `make restore` bring back every feature, event, history row and export.

The suite's database holds the Sofia data, committed once per session. This test commits an
event, a feature edit (with its history row) and a risk export with its file, backs the
database and media up, restores them into a scratch database, DROPS it and the files,
restores again through the command line, and compares rows and files. Its own rows are removed at the end.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlunsplit

import psycopg
import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from geo_platform import backup
from geo_platform.accounts.models import Role, User

ROOT = Path(__file__).resolve().parents[2]


def _url_of(name: str) -> str:
    settings = connection.settings_dict
    netloc = f"{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return urlunsplit(("postgresql", netloc, f"/{name}", "", ""))


def _rows(url: str, query: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchall()


@pytest.fixture
def committed_rows(django_db_blocker, tmp_path, settings):
    """An event, a feature edit with history and an export with its file, committed."""
    from layers.events.models import MassEvent
    from layers.hazards.models import ExportJob, Scenario
    from layers.models import Layer
    from layers.services import create_feature

    media = tmp_path / "media"
    (media / "risk" / "exports").mkdir(parents=True)
    export_file = media / "risk" / "exports" / "backup-test.csv"
    export_file.write_text("district;population\nЛозенец;55000\n", encoding="utf-8")
    with django_db_blocker.unblock():
        planner = User.objects.create_user("backup-planner", password="x-Backup-2026", role=Role.PLANNER)
        event = MassEvent.objects.create(
            organizer_account=planner, track="notification", kind="meeting", name="Backup test event"
        )
        shelter = create_feature(
            layer=Layer.objects.get(slug="shelters"),
            user=planner,
            geometry=Point(23.32, 42.69, srid=4326),
            properties={"name": "Backup test shelter", "kind": "shelter", "capacity": 50},
        )
        scenario = Scenario.objects.create(name="Backup test", kind="earthquake", owner=planner)
        export = ExportJob.objects.create(
            scenario=scenario, owner=planner, format="csv", file="risk/exports/backup-test.csv", status="done"
        )
        try:
            yield {"media": media, "event": event.pk, "shelter": shelter.pk, "export": export.pk}
        finally:
            from layers.models import FeatureVersion

            FeatureVersion.objects.filter(user=planner).delete()
            type(shelter).objects.filter(pk=shelter.pk).delete()
            export.delete()
            scenario.delete()
            event.delete()
            planner.delete()


def test_backup_drop_restore_finds_everything(committed_rows, tmp_path):
    source_url = _url_of(connection.settings_dict["NAME"])
    scratch_name = f"{connection.settings_dict['NAME']}_restore"
    scratch_url = _url_of(scratch_name)
    first = backup.create(source_url, committed_rows["media"], tmp_path / "first")
    assert {p.name for p in first.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}
    restored_media = tmp_path / "restored-media"
    try:
        backup.restore(first, scratch_url, restored_media)
        assert backup.table_counts(scratch_url) == backup.table_counts(source_url)
        # Lose everything, then restore through the command line (`make restore`).
        with psycopg.connect(_url_of("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{scratch_name}" WITH (FORCE)')
        shutil.rmtree(restored_media)
        env = {"DATABASE_URL": scratch_url, "MEDIA_ROOT": str(restored_media), "PATH": "/usr/bin:/bin"}
        result = subprocess.run(
            [sys.executable, "-m", "geo_platform.backup", "restore", str(first)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert backup.table_counts(scratch_url) == backup.table_counts(source_url)
        event, shelter, export = committed_rows["event"], committed_rows["shelter"], committed_rows["export"]
        assert _rows(scratch_url, f"SELECT name FROM events_massevent WHERE id = {event}") == [
            ("Backup test event",)
        ]
        assert _rows(scratch_url, f"SELECT name FROM shelters_shelter WHERE id = {shelter}") == [
            ("Backup test shelter",)
        ]
        assert _rows(
            scratch_url,
            "SELECT count(*) FROM layers_featureversion v JOIN accounts_user u ON u.id = v.user_id "
            "WHERE u.username = 'backup-planner'",
        ) == [(1,)]
        assert _rows(scratch_url, f"SELECT file FROM hazards_exportjob WHERE id = {export}") == [
            ("risk/exports/backup-test.csv",)
        ]
        assert (
            (restored_media / "risk" / "exports" / "backup-test.csv")
            .read_text(encoding="utf-8")
            .startswith("district;population")
        )
        # PostGIS came back with the geometry.
        assert _rows(
            scratch_url, f"SELECT ST_AsText(position) FROM shelters_shelter WHERE id = {shelter}"
        ) == [("POINT(23.32 42.69)",)]
    finally:
        with psycopg.connect(_url_of("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch_name}" WITH (FORCE)')


def test_restore_refuses_a_folder_without_a_dump(tmp_path):
    with pytest.raises(FileNotFoundError, match="database.dump"):
        backup.restore(tmp_path, "postgresql://postgres@127.0.0.1/none", tmp_path / "media")
