"""The impact dashboards and the stories page: who may see them, what they
show (charts with their tables, the threshold of 5), filters, accessibility
of the markup and a bounded number of queries."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from mobinnov.impact import codes
from mobinnov.impact.models import Answer, Story
from mobinnov.network.models import Organisation
from tests.impact import dashboard_data as data
from tests.mobility.test_records_web import make_org

LOGIN = "/accounts/login/"
TOO_FEW = "too few answers to show"
PERSONAS = ("anonymous", "staff_a", "coordinator_a", "coordinator_b", "editor", "admin")


@pytest.fixture
def world(db: None) -> data.World:
    return data.build_world()


@pytest.fixture
def org_c(db: None) -> Organisation:
    return make_org("Instituto Gamma", "ES", "Valencia", 39.47, -0.38, "E10000003")


def persona(request: Any, name: str) -> Any:
    return None if name == "anonymous" else request.getfixturevalue(name)


def text(response: Any) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


class Outline(HTMLParser):
    """Headings, labels, inputs and tables of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.labels: set[str] = set()
        self.inputs: list[tuple[str, str]] = []
        self.tables = 0
        self.captions = 0
        self.svgs: list[dict[str, str | None]] = []
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "style" in values or tag in ("script", "style"):
            self.styles += 1
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "label" and values.get("for"):
            self.labels.add(values["for"] or "")
        elif tag in ("input", "select", "textarea") and values.get("type") not in (
            "hidden",
            "submit",
        ):
            self.inputs.append((tag, values.get("id") or ""))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "svg":
            self.svgs.append(values)


def outline(response: Any) -> Outline:
    parser = Outline()
    body = response.content.decode()
    parser.feed(body[body.index("<main") :])
    return parser


def check_markup(response: Any) -> Outline:
    page = outline(response)
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings
    assert all(identifier in page.labels for _tag, identifier in page.inputs), page.inputs
    assert page.tables == page.captions
    assert page.styles == 0
    return page


# --- permissions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_organisation_dashboard_is_for_its_coordinators_and_admins(
    request: Any, as_user: Any, org_a: Organisation, world: data.World, name: str, status: int
) -> None:
    response = as_user(persona(request, name)).get(
        reverse("impact:dashboard_organisation", kwargs={"slug": org_a.slug})
    )
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 403),
        ("coordinator_b", 403),
        ("editor", 200),
        ("admin", 200),
    ],
)
def test_network_dashboard_is_for_admins_and_editors(
    request: Any, as_user: Any, world: data.World, org_a: Organisation, name: str, status: int
) -> None:
    response = as_user(persona(request, name)).get(reverse("impact:dashboard_network"))
    assert response.status_code == status


@pytest.mark.parametrize("name", PERSONAS)
def test_the_summary_is_public(
    request: Any, as_user: Any, world: data.World, org_a: Organisation, name: str
) -> None:
    response = as_user(persona(request, name)).get(reverse("impact:summary"))
    assert response.status_code == 200


def test_unknown_organisation_is_404(as_user: Any, admin: Any, world: data.World) -> None:
    url = reverse("impact:dashboard_organisation", kwargs={"slug": "nowhere"})
    assert as_user(admin).get(url).status_code == 404


# --- what the pages show -------------------------------------------------------------------


def test_organisation_dashboard_shows_its_sent_mobilities_with_charts_and_tables(
    as_user: Any,
    coordinator_a: Any,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
) -> None:
    mobilities = data.cohort(world, 8, org_a, org_b, reaction=(5, 4), **_answers())
    for on in mobilities[:5]:
        data.implementation(on)
    data.cohort(world, 6, org_b, org_a, reaction=(1, 1))  # sent by B: not on A's page
    response = as_user(coordinator_a).get(
        reverse("impact:dashboard_organisation", kwargs={"slug": org_a.slug})
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    page = check_markup(response)
    relevance = response.context["dash"].section("reaction").likert[0]
    assert (relevance.n, relevance.mean) == (8, 5.0)
    # Charts: drawn, accessible, each followed by a table.
    body = response.content.decode()
    assert len(page.svgs) >= 4
    assert all(svg.get("role") == "img" and svg.get("aria-labelledby") for svg in page.svgs)
    for chart_id in ("chart-rates", "chart-flow", "chart-pre-post", "chart-stages"):
        assert f'id="{chart_id}-title"' in body
        after = body[body.index(f'id="{chart_id}-title"') :]
        assert after.index("<table") < after.index("</section>")
    words = text(response)
    assert "The activity was relevant to my work." in words
    assert "All competences" in words and "Assessing practical work" in words
    assert "EQAVET indicator 2" in words and "Cohen" in words
    assert reverse("impact:stories", kwargs={"slug": org_a.slug}) in body


def _answers() -> dict[str, Any]:
    def pre(i: int) -> dict[str, float]:
        return data.full_answers(i)["pre"]

    def post(i: int) -> dict[str, float]:
        return data.full_answers(i)["post"]

    def then(i: int) -> dict[str, float]:
        return data.full_answers(i)["then"]

    return {"pre": pre, "post": post, "then": then, "use": "once", "adoption": "class"}


def test_the_threshold_hides_a_group_of_four_everywhere(
    as_user: Any, admin: Any, world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    mobilities = data.cohort(
        world,
        4,
        org_a,
        org_b,
        **{**_answers(), "reaction": (5, 2), "colleagues": 37, "use": "regularly"},
    )
    for on in mobilities:
        data.implementation(on, learners=123)
    for url in (
        reverse("impact:dashboard_organisation", kwargs={"slug": org_a.slug}),
        reverse("impact:dashboard_network"),
        reverse("impact:summary"),
    ):
        response = as_user(admin).get(url)
        words = text(response)
        assert TOO_FEW in words
        assert "148" not in words  # 4 x 37 colleagues
        assert "492" not in words  # 4 x 123 learners
        assert "Regularly" not in words
        dash = response.context["dash"]
        assert all(row.hidden for row in dash.section("reaction").likert)
        # No chart is drawn when every group is too small.
        assert "<svg" not in response.content.decode()


def test_a_group_of_five_is_shown(
    as_user: Any, world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    data.cohort(world, 5, org_a, org_b, colleagues=37, use="regularly")
    words = text(as_user(None).get(reverse("impact:summary")))
    assert "185" in words and "Regularly" in words


def test_the_summary_shows_no_personal_data(
    as_user: Any, world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    mobilities = data.cohort(world, 6, org_a, org_b, **data.full_answers(1))
    response = as_user(None).get(reverse("impact:summary"))
    words = text(response)
    for on in mobilities:
        assert on.participant.full_name not in words and on.participant.email not in words
        assert on.reference not in words
    assert "Story number" not in words and "Private plan" not in words
    check_markup(response)


def test_filters(
    as_user: Any,
    admin: Any,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
    org_c: Organisation,
) -> None:
    data.cohort(world, 5, org_a, org_b, reaction=(5, 5))
    data.cohort(world, 6, org_c, org_b, activity="SM-TTA", reaction=(3, 3))
    client = as_user(admin)
    url = reverse("impact:dashboard_network")

    def n(**params: str) -> Any:
        response = client.get(url, params)
        assert response.status_code == 200
        return response.context["dash"].section("reaction").likert[0].n

    assert n() == 11
    assert n(sending=org_a.slug) == 5
    assert n(activity="SM-TTA") == 6
    assert n(host=org_b.slug, year="2025") == 11
    assert n(year="2024") is None
    summary = client.get(reverse("impact:summary"), {"sending": org_a.slug})
    assert summary.context["dash"].section("reaction").likert[0].n == 11  # no such filter
    assert "sending" not in summary.context["form"].fields


def test_invalid_filters_are_refused_next_to_the_field(
    as_user: Any, admin: Any, world: data.World, org_a: Organisation
) -> None:
    response = as_user(admin).get(
        reverse("impact:dashboard_network"), {"year": "20x5", "host": "nowhere"}
    )
    assert response.status_code == 400
    assert response.context["dash"] is None
    form = response.context["form"]
    assert "year" in form.errors and "host" in form.errors
    assert 'class="field field--error"' in response.content.decode()
    check_markup(response)


@pytest.mark.parametrize("size", [2, 10])
def test_dashboards_make_a_bounded_number_of_queries(
    size: int,
    as_user: Any,
    admin: Any,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    mobilities = data.cohort(world, size, org_a, org_b, **data.full_answers(2))
    for on in mobilities:
        data.implementation(on)
    client = as_user(admin)
    client.get(reverse("impact:summary"))  # warm the session
    for url in (
        reverse("impact:dashboard_organisation", kwargs={"slug": org_a.slug}),
        reverse("impact:dashboard_network"),
        reverse("impact:summary"),
    ):
        with django_assert_max_num_queries(20):
            response = client.get(url, {"year": "2025"})
        assert response.status_code == 200


# --- stories ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_stories_are_for_the_organisations_coordinators_and_admins(
    request: Any, as_user: Any, world: data.World, org_a: Organisation, name: str, status: int
) -> None:
    url = reverse("impact:stories", kwargs={"slug": org_a.slug})
    client = as_user(persona(request, name))
    assert client.get(url).status_code == status
    if status != 200:
        assert client.post(url, {"shown": [], "include": []}).status_code == status


def msc(on: Any) -> Answer:
    return Answer.objects.get(invitation__mobility=on, item__code=codes.MSC)


def test_a_coordinator_chooses_stories_for_reports(
    as_user: Any,
    coordinator_a: Any,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
) -> None:
    mine = data.cohort(world, 3, org_a, org_b, msc=lambda i: f"Our story {i}")
    data.cohort(world, 1, org_b, org_a, msc="Not ours")
    url = reverse("impact:stories", kwargs={"slug": org_a.slug})
    client = as_user(coordinator_a)
    response = client.get(url)
    check_markup(response)
    words = text(response)
    assert "Our story 0" in words and "Not ours" not in words
    assert mine[0].participant.full_name in words  # personal, for the coordinator
    first, second, third = (msc(on) for on in mine)
    data.select_story(third)
    response = client.post(
        url,
        {"shown": [first.pk, second.pk, third.pk], "include": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert set(Story.objects.values_list("answer_id", flat=True)) == {first.pk, second.pk}
    assert Story.objects.get(answer=first).selected_by == coordinator_a
    response = client.get(url)
    body = response.content.decode()
    assert re.search(rf'value="{first.pk}"[^>]*checked', body)
    assert not re.search(rf'value="{third.pk}"[^>]*checked', body)


def test_another_organisations_story_cannot_be_chosen(
    as_user: Any,
    coordinator_a: Any,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
) -> None:
    (mine,) = data.cohort(world, 1, org_a, org_b, msc="Ours")
    (theirs,) = data.cohort(world, 1, org_b, org_a, msc="Theirs")
    url = reverse("impact:stories", kwargs={"slug": org_a.slug})
    response = as_user(coordinator_a).post(
        url,
        {"shown": [msc(mine).pk, msc(theirs).pk], "include": [msc(mine).pk, msc(theirs).pk]},
    )
    assert response.status_code == 400
    assert not Story.objects.exists()  # nothing half-written
    response = as_user(coordinator_a).post(url, {"shown": ["x"], "include": []})
    assert response.status_code == 400


def test_stories_are_paginated_without_n_plus_1(
    as_user: Any,
    coordinator_a: Any,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    data.cohort(world, 27, org_a, org_b, msc=lambda i: f"Story {i}")
    url = reverse("impact:stories", kwargs={"slug": org_a.slug})
    client = as_user(coordinator_a)
    client.get(url)
    with django_assert_max_num_queries(8):
        first = client.get(url)
    assert len(first.context["page"].object_list) == 25 and "Next page" in text(first)
    second = client.get(url, {"page": 2})
    assert len(second.context["page"].object_list) == 2
    answer = second.context["page"].object_list[0]
    response = client.post(
        f"{url}?page=2", {"shown": [answer.pk], "include": [answer.pk], "page": "2"}
    )
    assert response["Location"] == f"{url}?page=2"
    assert Story.objects.filter(answer=answer).exists()
