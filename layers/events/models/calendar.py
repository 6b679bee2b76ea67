"""The directorate's overrides of the official working-day calendar (чл. 154, ал. 3 КТ)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkdayOverride(models.Model):
    """A day the Council of Ministers made a day off, or a Saturday it made a working day.

    The official holidays come from the `holidays` package; these rows go on top of them
    and win over it, so a decision published after the package was released counts at once.
    """

    day = models.DateField(_("day"), unique=True)
    working = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Ticked: a working day (e.g. a Saturday worked in exchange). Unticked: a day off."),
    )
    basis = models.CharField(
        _("legal basis"), max_length=255, help_text=_("e.g. the Council of Ministers' decision and its date")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("day",)
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")

    def __str__(self) -> str:
        return f"{self.day.isoformat()} ({_('working') if self.working else _('day off')})"
