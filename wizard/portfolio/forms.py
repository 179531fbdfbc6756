"""The portfolio's sort and filters, read from the query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from wizard.policies.models import Policy


class PortfolioFilterForm(forms.Form):
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=[
            ("name", gettext_lazy("Name")),
            ("status", gettext_lazy("Status")),
            ("review", gettext_lazy("Next review")),
            ("update", gettext_lazy("Proposed update")),
        ],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            *Policy.Status.choices,
            ("none", gettext_lazy("No policy")),
        ],
    )
    overdue = forms.BooleanField(label=gettext_lazy("Review overdue"), required=False)
    waiting = forms.BooleanField(label=gettext_lazy("Update waiting"), required=False)
