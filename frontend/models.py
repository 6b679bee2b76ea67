"""What the map keeps for its users: named views (bookmarks)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Bookmark(models.Model):
    """A named view of the map: centre, zoom and the layers on. Shared ones reach the directorate's staff."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    name = models.CharField(_("name"), max_length=100)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    zoom = models.PositiveSmallIntegerField(_("zoom"))
    layers = models.JSONField(_("layers"), default=list)
    shared = models.BooleanField(_("shared with the directorate"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")

    def __str__(self) -> str:
        return self.name
