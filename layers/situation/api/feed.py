"""The Atom feed of alerts at a stable URL; each entry links its CAP 1.2 XML."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from layers.situation.selectors.alerts import feed_alerts

FEED_TITLE = "Столична община — предупреждения към населението (CAP 1.2)"


def alerts_atom(request) -> HttpResponse:
    feed = Atom1Feed(
        title=FEED_TITLE,
        link=request.build_absolute_uri("/"),
        description="Предупреждения на Ситуационния център на Столична община",
        language="bg",
        feed_url=request.build_absolute_uri(reverse("situation:alerts-feed")),
        feed_guid="urn:sofia-gis:alerts",
    )
    for alert in feed_alerts():
        cap_url = request.build_absolute_uri(reverse("situation:alert-cap", kwargs={"alert_id": alert.pk}))
        kind = {"Update": "Актуализация: ", "Cancel": "Отмяна: "}.get(alert.msg_type, "")
        feed.add_item(
            title=kind + alert.headline_bg,
            link=cap_url,
            description=alert.description_bg or alert.headline_bg,
            unique_id=alert.identifier,
            pubdate=alert.issued_at,
            updateddate=alert.issued_at,
            categories=[alert.event_bg, alert.severity],
            enclosures=[],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
