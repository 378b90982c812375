"""The network's evaluation schedule: when each wave is sent and how often
reminders follow (admins)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from mobinnov.core.permissions import require
from mobinnov.impact.models import ScheduleSettings


class ScheduleForm(forms.ModelForm[ScheduleSettings]):
    # The time of the last save when the form was opened: a concurrent save
    # is refused, not overwritten.
    opened = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = ScheduleSettings
        fields = [
            "t0_days_before_start",
            "t1_days_after_end",
            "t2_months_after_end",
            "t3_months_after_end",
            "host_days_after_end",
            "reminder_interval_days",
            "max_reminders",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = {
            "t0_days_before_start": (1, 90),
            "t1_days_after_end": (0, 30),
            "t2_months_after_end": (2, 12),
            "t3_months_after_end": (6, 18),
            "host_days_after_end": (0, 30),
            "reminder_interval_days": (2, 30),
            "max_reminders": (0, 5),
        }
        for name, (low, high) in limits.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update(min=low, max=high)
            field.help_text = gettext_lazy("Between %(low)s and %(high)s.") % {
                "low": low,
                "high": high,
            }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        t2, t3 = data.get("t2_months_after_end"), data.get("t3_months_after_end")
        if t2 is not None and t3 is not None and t3 <= t2:
            self.add_error(
                "t3_months_after_end", _("T3 must come later than T2 (more months after the end).")
            )
        return data


def _stamp(row: ScheduleSettings) -> str:
    return row.updated_at.isoformat()


@login_required
@require_http_methods(["GET", "POST"])
def schedule_settings(request: HttpRequest) -> HttpResponse:
    require(request.user, "impact.edit_schedule")
    row = ScheduleSettings.current()
    if request.method == "POST":
        form = ScheduleForm(request.POST, instance=row)
        if form.is_valid():
            with transaction.atomic():
                current = ScheduleSettings.objects.select_for_update().get(pk=row.pk)
                if _stamp(current) != form.cleaned_data["opened"]:
                    form.add_error(
                        None,
                        _(
                            "Someone else saved the schedule while you were editing it. "
                            "Your figures are still in the form: check them and save again."
                        ),
                    )
                    data = request.POST.copy()
                    data["opened"] = _stamp(current)
                    form.data = data
                    return render(request, "impact/schedule.html", {"form": form}, status=409)
                saved = form.save(commit=False)
                saved.updated_at = timezone.now()
                saved.save()
            messages.success(
                request,
                _("The schedule is saved. It applies to the invitations not sent yet."),
            )
            return redirect("impact:schedule")
        return render(request, "impact/schedule.html", {"form": form}, status=400)
    form = ScheduleForm(instance=row, initial={"opened": _stamp(row)})
    return render(request, "impact/schedule.html", {"form": form})
