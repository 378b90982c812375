"""Editors change how consensus scores turn into labels."""

import pytest
from django.urls import reverse

from mobinnov.practices.models import LabelRule

CODES = [
    "relevance",
    "evidence",
    "maturity",
    "innovation",
    "transferability",
    "sustainability",
    "stakeholders",
    "efficiency",
]


def form_data(rules):
    data = {"count": len(rules)}
    for index, rule in enumerate(rules):
        data[f"rule{index}-label"] = rule["label"]
        data[f"rule{index}-min_total"] = rule.get("min_total", 0)
        for code, value in rule.get("min", {}).items():
            data[f"rule{index}-min_{code}"] = value
        for code, value in rule.get("max", {}).items():
            data[f"rule{index}-max_{code}"] = value
    return data


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("staff_a", 403), ("coordinator_a", 403), ("editor", 200), ("admin", 200)],
)
def test_only_editors_see_the_rules(request, as_user, persona, status):
    user = request.getfixturevalue(persona) if persona else None
    assert as_user(user).get(reverse("practices:rubric")).status_code == status


def test_an_editor_changes_the_rules(as_user, editor):
    rules = [
        {"label": "good_practice", "min_total": 26, "min": {"evidence": 3}},
        {"label": "experience"},
    ]
    assert as_user(editor).post(reverse("practices:rubric"), form_data(rules)).status_code == 302
    saved = list(
        LabelRule.objects.order_by("position").values(
            "label", "min_total", "min_scores", "max_scores"
        )
    )
    assert saved == [
        {
            "label": "good_practice",
            "min_total": 26,
            "min_scores": {"evidence": 3},
            "max_scores": {},
        },
        {"label": "experience", "min_total": 0, "min_scores": {}, "max_scores": {}},
    ]


def test_bad_rules_are_refused_and_nothing_changes(as_user, editor):
    before = list(LabelRule.objects.values_list("label", "min_total"))
    response = as_user(editor).post(
        reverse("practices:rubric"), form_data([{"label": "good_practice", "min_total": 40}])
    )
    assert response.status_code == 200 and "min_total" in response.context["forms"][0].errors
    response = as_user(editor).post(
        reverse("practices:rubric"), form_data([{"label": "good_practice", "min_total": 20}])
    )
    assert "The last rule must accept every practice" in response.content.decode()
    assert list(LabelRule.objects.values_list("label", "min_total")) == before
