"""Optimistic concurrency for single objects: a strong ETag from the row's version, and
If-Match checked under a row lock, so a stale write is refused with 412 instead of
silently overwriting someone else's change (issue 10, finding 5).

The version is the row's `updated_at` in microseconds: every save through the ORM moves
it, it needs no migration, and it is the same for every reader and language. If-Match is
optional (API clients that do not send it keep working) but, when sent, honoured.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from geo_platform.errors import PlatformError

_TAG = re.compile(r'\s*(W/)?("[^"]*")\s*(?:,|$)')


class PreconditionFailed(PlatformError):
    status_code = 412
    code = "precondition_failed"
    default_detail = _("The object was changed by someone else since you loaded it.")


class BadPrecondition(PlatformError):
    code = "invalid_if_match"
    default_detail = _(
        "The If-Match header is not a list of quoted versions (ETags); send the ETag of the version you edited."
    )


def version_of(updated_at: datetime) -> str:
    return str(int(updated_at.timestamp() * 1_000_000))


def etag(updated_at: datetime) -> str:
    """The strong ETag of a row's version."""
    return f'"{version_of(updated_at)}"'


def with_etag(response, updated_at: datetime):
    response["ETag"] = etag(updated_at)
    return response


def _expected(request) -> list[str] | None:
    """The strong tags of If-Match; None when absent or '*' (any version)."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    tags, position = [], 0
    header = header.strip()
    while position < len(header):
        match = _TAG.match(header, position)
        if not match:
            raise BadPrecondition()
        if not match.group(1):  # weak tags never match a strong comparison (RFC 9110 13.1.1)
            tags.append(match.group(2))
        position = match.end()
    return tags


def check_if_match(request, updated_at: datetime, *, what: str) -> None:
    """Raise 412 when the request's If-Match does not name the current version."""
    expected = _expected(request)
    if expected is None:
        return
    current = etag(updated_at)
    if current in expected:
        return
    yours = expected[0].strip('"') if expected else ""
    raise PreconditionFailed(
        _(
            "%(what)s was changed by someone else after you loaded it: you edited the version saved "
            "%(your_time)s (version %(yours)s), the current version was saved %(current_time)s "
            "(version %(current)s). Reload it to see the change, then apply yours again."
        )
        % {
            "what": what,
            "yours": yours or "—",
            "your_time": _saved_at(yours),
            "current": version_of(updated_at),
            "current_time": _format(updated_at),
        },
        your_version=yours or None,
        current_version=version_of(updated_at),
        current_etag=current,
        changed_at=timezone.localtime(updated_at).isoformat(),
    )


def _format(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "d.m.Y H:i:s")


def _saved_at(version: str) -> str:
    """The time a version token stands for, or a dash when it is not one of ours."""
    if version.isdigit() and len(version) <= 19:
        try:
            return _format(datetime.fromtimestamp(int(version) / 1_000_000, tz=UTC))
        except (OverflowError, OSError, ValueError):
            pass
    return "—"


@contextmanager
def guarded_write(request, queryset, pk, *, what: str) -> Iterator[None]:
    """Lock the row, check If-Match against its version, then let the write run in the same
    transaction, so two writers holding the same version cannot both succeed."""
    with transaction.atomic():
        row = queryset.select_for_update().only("updated_at").filter(pk=pk).first()
        if row is not None:
            check_if_match(request, row.updated_at, what=what)
        yield
