"""Practice pages: who may see and do what, bad input, the catalogue."""

import html
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from mobinnov.practices import services
from mobinnov.practices.choices import Status
from mobinnov.practices.models import Practice, Review
from tests.practices.factories import HIGH, complete_content, draft, publish, reviewer_from


@pytest.fixture
def reviewers(org_b, editor):
    return [editor, reviewer_from(org_b, "reviewer.b@example.org")]


@pytest.fixture
def published(coordinator_a, org_a, editor, reviewers):
    return publish(
        draft(org_a, coordinator_a), author=coordinator_a, editor=editor, reviewers=reviewers
    )


@pytest.fixture
def a_draft(coordinator_a, org_a):
    return draft(org_a, coordinator_a, title="Secret draft of Alpha")


def text(response) -> str:
    return html.unescape(response.content.decode())


PERSONAS = ["anonymous", "staff_a", "coordinator_a", "coordinator_b", "editor", "admin"]


def _client(request, as_user, persona):
    return as_user(None if persona == "anonymous" else request.getfixturevalue(persona))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 404),
        ("staff_a", 200),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 200),
        ("admin", 200),
    ],
)
def test_a_draft_is_seen_only_by_its_organisation_and_editors(
    request, as_user, a_draft, persona, status
):
    response = _client(request, as_user, persona).get(a_draft.get_absolute_url())
    assert response.status_code == status
    if status != 200:
        assert "Secret draft of Alpha" not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_may_open_the_editor(request, as_user, a_draft, persona, status):
    response = _client(request, as_user, persona).get(
        reverse("practices:edit", args=[a_draft.slug])
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 403),
        ("coordinator_b", 403),
        ("editor", 200),
        ("admin", 200),
    ],
)
def test_only_editors_manage_the_review(request, as_user, a_draft, persona, status):
    assert (
        _client(request, as_user, persona)
        .get(reverse("practices:review_manage", args=[a_draft.slug]))
        .status_code
        == status
    )


def test_unpublished_practices_never_reach_the_public_catalogue(client, published, a_draft):
    response = client.get(reverse("practices:catalogue"))
    page = text(response)
    assert published.title in page and "Secret draft of Alpha" not in page
    assert response.context["page"].paginator.count == 1
    assert text(client.get(reverse("practices:catalogue") + "?q=secret")).count("Secret draft") == 0


def test_search_with_a_facet_finds_the_practice_by_a_word_of_its_description(client, published):
    url = reverse("practices:catalogue") + "?q=fillet&field=T4&country=FR"
    response = client.get(url)
    assert response.context["page"].paginator.count == 1
    assert (
        client.get(reverse("practices:catalogue") + "?q=fillet&country=DE")
        .context["page"]
        .paginator.count
        == 0
    )
    counts = response.context["counts"]
    assert counts["field"]["T4"] == 1 and counts["eqf"]["3"] == 1


@pytest.mark.parametrize(
    "query", ['"', "a AND (b", "NEAR/3", "*", "-", "x" * 1000, "😀 ✓", "' OR 1=1 --", "\u202etext"]
)
def test_hostile_search_queries_never_break_the_page(client, published, query):
    assert client.get(reverse("practices:catalogue"), {"q": query}).status_code == 200


def test_the_catalogue_runs_a_constant_number_of_queries(
    client, coordinator_a, org_a, editor, reviewers, django_assert_max_num_queries
):
    for number in range(3):
        publish(
            draft(org_a, coordinator_a, title=f"Practice number {number}"),
            author=coordinator_a,
            editor=editor,
            reviewers=reviewers,
        )
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("practices:catalogue") + "?q=welding&eqf=3")
    for number in range(3, 12):
        publish(
            draft(org_a, coordinator_a, title=f"Practice number {number}"),
            author=coordinator_a,
            editor=editor,
            reviewers=reviewers,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("practices:catalogue") + "?q=welding&eqf=3")


def test_the_practice_page_has_json_ld_and_open_graph(client, published):
    page = client.get(published.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["@type"] == "CreativeWork" and data["name"] == published.title
    assert '<meta property="og:title"' in page


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "</script><script>alert(1)</script>",
    '<p style="background:url(javascript:alert(1))">x</p>',
]


@pytest.mark.parametrize("payload", XSS)
def test_markdown_fields_and_json_ld_are_sanitised(
    client, coordinator_a, org_a, editor, reviewers, payload
):
    practice = publish(
        draft(
            org_a,
            coordinator_a,
            title=f"Safe {payload}",
            description=f"Intro\n\n{payload}",
            keywords=payload,
        ),
        author=coordinator_a,
        editor=editor,
        reviewers=reviewers,
    )
    page = client.get(practice.get_absolute_url()).content.decode()
    assert dangerous_markup(page) == []


class _Inspector(HTMLParser):
    """Collects every element or attribute that could run script."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") != "application/ld+json":
            self.found.append(f"<script {attrs}>")
        if tag in {"iframe", "svg", "object", "embed"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src"} and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag}[{name}={value}]")


def dangerous_markup(page: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(page)
    # JSON-LD must not be closable from inside.
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        json.loads(block)
    return inspector.found


def test_the_editor_keeps_bad_input_next_to_the_fields_and_saves_nothing(
    as_user, coordinator_a, a_draft
):
    client = as_user(coordinator_a)
    data = {
        **complete_content(),
        "version": a_draft.version,
        "eqf_levels": ["9"],
        "start_date": "2024-05-01",
        "end_date": "2023-01-01",
        "contact_email": "not-an-email",
        "links": "ftp://x\nnot a url",
    }
    data = {k: v for k, v in data.items() if v is not None}
    revisions = a_draft.revisions.count()
    response = client.post(reverse("practices:edit", args=[a_draft.slug]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"eqf_levels", "end_date", "contact_email", "links"} <= set(errors)
    assert "The end date is before the start date." in text(response)
    assert a_draft.revisions.count() == revisions


def test_a_concurrent_edit_is_refused_and_the_text_kept(as_user, coordinator_a, admin, a_draft):
    form = {k: v for k, v in complete_content().items() if v is not None}
    form["links"] = "\n".join(form["links"])
    first = {**form, "title": "Saved first", "version": a_draft.version}
    second = {**form, "title": "My parallel title", "version": a_draft.version}
    assert (
        as_user(admin).post(reverse("practices:edit", args=[a_draft.slug]), first).status_code
        == 302
    )
    response = as_user(coordinator_a).post(reverse("practices:edit", args=[a_draft.slug]), second)
    assert response.status_code == 200
    assert (
        "Someone else saved this page" in text(response)
        and 'value="My parallel title"' in response.content.decode()
    )
    assert Practice.objects.get(pk=a_draft.pk).latest_revision.content["title"] == "Saved first"


def test_saving_and_submitting_from_the_editor(as_user, coordinator_a, a_draft):
    form = {k: v for k, v in complete_content().items() if v is not None}
    form["links"] = "\n".join(form["links"])
    response = as_user(coordinator_a).post(
        reverse("practices:edit", args=[a_draft.slug]),
        {**form, "version": a_draft.version, "submit": "1"},
    )
    assert response.status_code == 302
    assert Practice.objects.get(pk=a_draft.pk).status == Status.SUBMITTED


def test_a_new_practice_is_created_for_ones_own_organisation_only(
    as_user, coordinator_a, org_a, org_b
):
    client = as_user(coordinator_a)
    response = client.post(
        reverse("practices:create"), {"host": org_b.pk, "title": "Not mine", "language": "en"}
    )
    assert response.status_code == 200 and "host" in response.context["form"].errors
    response = client.post(
        reverse("practices:create"), {"host": org_a.pk, "title": "Mine", "language": "en"}
    )
    assert response.status_code == 302 and Practice.objects.filter(host=org_a).count() == 1


def test_the_reviewer_scores_the_rubric_in_a_form(as_user, coordinator_a, org_a, editor, reviewers):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    review = services.review_assign(practice=practice, reviewer=reviewers[1], actor=editor)
    url = reverse("practices:review", args=[review.pk])
    assert as_user(coordinator_a).get(url).status_code == 403
    response = as_user(reviewers[1]).post(url, {"score_evidence": "7"})
    assert response.status_code == 200 and "score_relevance" in response.context["form"].errors
    data = {f"score_{code}": str(score) for code, score in HIGH.items()}
    assert as_user(reviewers[1]).post(url, {**data, "comments": "Clear."}).status_code == 302
    assert Review.objects.get(pk=review.pk).total == 32


def test_an_editor_assigns_a_reviewer_from_the_page(
    as_user, coordinator_a, org_a, editor, reviewers
):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    url = reverse("practices:review_manage", args=[practice.slug])
    response = as_user(editor).post(
        url, {"action": "assign", "assign-reviewer": "coord.a@example.org"}
    )
    assert "cannot review" in text(response)
    response = as_user(editor).post(
        url, {"action": "assign", "assign-reviewer": "nobody@example.org"}
    )
    assert "No account uses this e-mail address." in text(response)
    assert (
        as_user(editor)
        .post(url, {"action": "assign", "assign-reviewer": "reviewer.b@example.org"})
        .status_code
        == 302
    )
    assert Practice.objects.get(pk=practice.pk).status == Status.IN_REVIEW


def test_a_translation_is_shown_to_french_visitors_and_flagged_outdated(
    as_user, client, coordinator_a, org_a, org_b, editor, published
):
    url = reverse("practices:translate", args=[published.slug, "fr"])
    fields = [
        "context",
        "objectives",
        "description",
        "resources",
        "evaluation",
        "results",
        "transfer_conditions",
    ]
    data = {
        "title": "Soudage modulaire",
        "summary": "Des modules courts.",
        **dict.fromkeys(fields, "texte"),
    }
    assert as_user(coordinator_a).post(url, data).status_code == 302
    client.cookies["mobinnov_language"] = "fr"
    response = client.get(published.get_absolute_url())
    assert "Soudage modulaire" in text(response)
    assert (
        response.context["localized"].translation is not None
        and not response.context["localized"].outdated
    )
    # The original changes and is published again: the translation is now outdated.
    services.practice_save(
        practice=published,
        author=coordinator_a,
        content=complete_content(summary="A new summary."),
        expected_version=published.version,
    )
    publish(
        Practice.objects.get(pk=published.pk),
        author=coordinator_a,
        editor=editor,
        reviewers=[editor, reviewer_from(org_b, "second.reviewer@example.org")],
    )
    response = client.get(published.get_absolute_url())
    assert response.context["localized"].outdated
    assert "<strong>" in response.content.decode().split('class="notice"')[1].split("</p>")[0]
    # English visitors read the new original.
    client.cookies["mobinnov_language"] = "en"
    assert "A new summary." in text(client.get(published.get_absolute_url()))


def test_history_and_diff_show_what_changed(as_user, coordinator_a, coordinator_b, a_draft):
    services.practice_save(
        practice=a_draft,
        author=coordinator_a,
        content=complete_content(title="Secret draft of Alpha", results="Waste fell by 50 %."),
        expected_version=Practice.objects.get(pk=a_draft.pk).version,
    )
    last = Practice.objects.get(pk=a_draft.pk).latest_revision.number
    url = reverse("practices:compare", args=[a_draft.slug, last - 1, last])
    page = as_user(coordinator_a).get(url).content.decode()
    assert "<ins>" in page and "50" in page
    assert as_user(coordinator_b).get(url).status_code == 403
    assert (
        as_user(coordinator_a).get(reverse("practices:history", args=[a_draft.slug])).status_code
        == 200
    )


def test_an_editor_sends_a_practice_back_from_the_page(as_user, coordinator_a, org_a, editor):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    url = reverse("practices:review_manage", args=[practice.slug])
    response = as_user(editor).post(url, {"action": "request-changes", "changes-message": ""})
    assert response.status_code == 200 and "message" in response.context["message_form"].errors
    assert Practice.objects.get(pk=practice.pk).status == Status.SUBMITTED
    response = as_user(editor).post(
        url, {"action": "request-changes", "changes-message": "Add figures."}
    )
    assert response.status_code == 302
    assert Practice.objects.get(pk=practice.pk).status == Status.CHANGES_REQUESTED


def test_any_translation_can_be_read_with_lang(client, coordinator_a, published):
    fields = [
        "context",
        "objectives",
        "description",
        "resources",
        "evaluation",
        "results",
        "transfer_conditions",
    ]
    services.translation_save(
        practice=published,
        language="de",
        content={
            "title": "Modulares Schweißen",
            "summary": "Kurze Module.",
            **dict.fromkeys(fields, "Text"),
        },
        translator=coordinator_a,
        expected_version=None,
    )
    response = client.get(published.get_absolute_url() + "?lang=de")
    assert "Modulares Schweißen" in text(response)
    assert '?lang=de" lang="de" aria-current="page"' in response.content.decode()
    assert "Modulares Schweißen" not in text(client.get(published.get_absolute_url() + "?lang=xx"))


def test_an_unpublished_practice_cannot_be_translated(coordinator_a, a_draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="once it is published"):
        services.translation_save(
            practice=a_draft,
            language="fr",
            content={"title": "x"},
            translator=coordinator_a,
            expected_version=None,
        )
