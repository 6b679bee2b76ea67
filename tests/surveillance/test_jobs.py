"""Heavy surveillance analyses run as Celery jobs (issue 10, finding 6): beyond the inline
bounds a request answers 202 with a job whose result is the inline endpoint's own answer;
each job runs under a time and a memory limit; only its owner reads it."""

from __future__ import annotations

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from geo_platform.accounts.models import Role
from geo_platform.celery import app as celery_app
from layers.surveillance import jobs
from layers.surveillance.models import AnalysisJob, Camera, JobKind, JobState

from .scenes import box
from .test_exchange import HEADER, csv_row, upload
from .test_placement import PLACEMENT, REQUEST

COVERAGE = "/api/surveillance/coverage/"
OUTAGE = "/api/surveillance/outage/"
# 8 km × 8 km around the test origin: 64 km², over the 25 km² inline bound.
LARGE = box(-4000, -4000, 4000, 4000)
SMALL = box(-5, 10, 5, 20)


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in-process when queued: `.delay()` is still the call the API makes."""
    before = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = True, False
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = before


def _queued(client, committed, url, body, **extra):
    response = committed(client.post, url, body, format="json", **extra)
    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"] == job["url"] and job["url"].endswith(f"/api/surveillance/jobs/{job['id']}/")
    return job


def _finished(client, job: dict) -> dict:
    answer = client.get(f"/api/surveillance/jobs/{job['id']}/")
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_the_task_names_are_stable():
    names = set(celery_app.tasks.keys())
    assert {
        "surveillance.placement",
        "surveillance.coverage",
        "surveillance.outage",
        "surveillance.import",
    } <= names
    task = celery_app.tasks["surveillance.placement"]
    assert task.soft_time_limit == 600 and task.time_limit == 660


@pytest.mark.django_db
def test_small_coverage_answers_inline_large_runs_as_a_job(api, analyst, committed, empty_scene):
    client = api.as_user(analyst)
    assert client.post(COVERAGE, {"target": {"geometry": SMALL}}, format="json").status_code == 200
    job = _queued(client, committed, COVERAGE, {"target": {"geometry": LARGE}, "include_geometry": False})
    assert job["kind"] == "coverage"
    done = _finished(client, job)
    assert done["status"] == "done" and done["progress"] == 100 and done["result_status"] == 200
    assert done["result"]["target"]["kind"] == "geometry"
    assert {row["level"] for row in done["result"]["levels"]} == {
        "detect",
        "observe",
        "recognise",
        "identify",
    }


@pytest.mark.django_db
def test_a_placement_job_gives_the_inline_answer(api, analyst, committed, empty_scene):
    client = api.as_user(analyst)
    inline = client.post(PLACEMENT, REQUEST, format="json")
    assert inline.status_code == 200
    job = _queued(client, committed, PLACEMENT + "?background=true", REQUEST)
    done = _finished(client, job)
    assert done["status"] == "done", done
    expected, got = inline.json(), done["result"]
    for body in (expected, got):
        body.pop("elapsed_ms", None)
    assert got == expected
    # Beyond the inline bound (k > 5) the server chooses a job by itself.
    _queued(client, committed, PLACEMENT, {**REQUEST, "k": 6})


@pytest.mark.django_db
def test_an_outage_of_many_cameras_runs_as_a_job(api, analyst, committed, settings, add_camera, empty_scene):
    settings.SURVEILLANCE = {"inline_max_outage_cameras": 1}
    cameras = [add_camera(0.0, 0.0, facing=90.0), add_camera(10.0, 0.0, facing=270.0)]
    client = api.as_user(analyst)
    job = _queued(client, committed, OUTAGE, {"target": {"geometry": SMALL}, "cameras": cameras})
    done = _finished(client, job)
    assert done["status"] == "done" and sorted(done["result"]["offline"]) == sorted(cameras)


@pytest.mark.django_db
def test_a_large_import_runs_as_a_job(api, planner, committed, settings, empty_scene):
    settings.SURVEILLANCE = {"inline_max_import_bytes": 64}
    client = api.as_user(planner)
    content = HEADER + csv_row("job-1", 0.0) + csv_row("job-2", 20.0) + csv_row("bad", 0.0, fov="900")
    response = upload(client, committed, content, "cameras.csv")
    assert response.status_code == 202, response.content
    done = _finished(client, response.json())
    assert done["status"] == "done" and done["result_status"] == 201
    assert done["result"]["created"] == 2 and done["result"]["rejected"] == 1
    assert Camera.objects.filter(external_id__in=["job-1", "job-2"]).count() == 2
    assert AnalysisJob.objects.get(pk=done["id"]).payload is None  # the file is not kept


@pytest.mark.django_db
def test_a_bad_request_is_refused_at_once_not_queued(api, analyst, committed):
    client = api.as_user(analyst)
    before = AnalysisJob.objects.count()
    response = committed(
        client.post, COVERAGE + "?background=true", {"target": {"district": "99"}}, format="json"
    )
    assert response.status_code in (400, 404)
    assert AnalysisJob.objects.count() == before


@pytest.mark.django_db
def test_only_the_owner_reads_a_job(api, analyst, make_user, committed, empty_scene):
    client = api.as_user(analyst)
    job = _queued(client, committed, COVERAGE + "?background=true", {"target": {"geometry": SMALL}})
    other = api.as_user(make_user(Role.ANALYST, "t-analyst-other"))
    assert other.get(f"/api/surveillance/jobs/{job['id']}/").status_code == 404
    assert api.as_user(None).get(f"/api/surveillance/jobs/{job['id']}/").status_code in (401, 403)
    organizer = api.as_user(make_user(Role.ORGANIZER, "t-organizer-jobs"))
    assert (
        organizer.post(
            COVERAGE + "?background=true", {"target": {"geometry": SMALL}}, format="json"
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_a_job_over_its_memory_limit_is_stopped_with_a_message(analyst, settings):
    settings.SURVEILLANCE = {"job_memory_mb": 64}
    job = AnalysisJob.objects.create(kind=JobKind.COVERAGE, user=analyst, request={})

    def greedy(job, progress):
        progress("computing")
        hog = bytearray(512 * 1024 * 1024)  # 512 MB: over the 64 MB the job may add
        return {"size": len(hog)}, 200

    jobs.execute(job.pk, greedy)
    job.refresh_from_db()
    assert job.status == JobState.FAILED and job.error["error"] == "memory_limit"
    assert "64 MB" in job.error["detail"]
    # The limit is lifted after the job: the process can allocate again.
    assert len(bytearray(256 * 1024 * 1024)) == 256 * 1024 * 1024


@pytest.mark.django_db
def test_a_job_over_its_time_limit_is_recorded_as_stopped(analyst):
    """Celery raises SoftTimeLimitExceeded inside the task when the soft limit passes."""
    job = AnalysisJob.objects.create(kind=JobKind.PLACEMENT, user=analyst, request={})

    def slow(job, progress):
        raise SoftTimeLimitExceeded()

    jobs.execute(job.pk, slow)
    job.refresh_from_db()
    assert job.status == JobState.FAILED and job.error["error"] == "time_limit"
    assert "600 s" in job.error["detail"]
    assert job.finished_at is not None and job.progress == 100
