"""Definitions: per partner and for the network, versioned, shown side by side."""

import pytest
from django.urls import reverse

from mobinnov.excellence.models import Definition, DefinitionVersion


def _edit_url(owner: str, topic: str = "pedagogical_innovation") -> str:
    return reverse("excellence:definition_edit", args=[owner, topic])


def test_a_coordinator_writes_the_definition_and_each_change_is_a_version(
    as_user, coordinator_a, org_a
):
    client = as_user(coordinator_a)
    assert (
        client.post(
            _edit_url(org_a.slug), {"text": "Trying new things.", "language": "en", "version": 0}
        ).status_code
        == 302
    )
    assert (
        client.post(
            _edit_url(org_a.slug), {"text": "Essayer et évaluer.", "language": "fr", "version": 1}
        ).status_code
        == 302
    )
    definition = Definition.objects.get(organisation=org_a, topic="pedagogical_innovation")
    assert definition.text == "Essayer et évaluer." and definition.version == 2
    versions = list(DefinitionVersion.objects.filter(definition=definition).order_by("number"))
    assert [(v.number, v.text, v.author) for v in versions] == [
        (1, "Trying new things.", coordinator_a),
        (2, "Essayer et évaluer.", coordinator_a),
    ]
    history = as_user(None).get(
        reverse("excellence:definition_history", args=[org_a.slug, "pedagogical_innovation"])
    )
    assert (
        "Trying new things." in history.content.decode()
        and "Essayer et évaluer." in history.content.decode()
    )


def test_the_page_shows_sources_network_and_partners_side_by_side(
    as_user, coordinator_a, editor, org_a
):
    as_user(coordinator_a).post(
        _edit_url(org_a.slug),
        {"text": "Alpha's view of innovation.", "language": "en", "version": 0},
    )
    as_user(editor).post(
        _edit_url("network"), {"text": "The network's agreed view.", "language": "en", "version": 0}
    )
    html = as_user(None).get(reverse("excellence:definitions")).content.decode()
    assert "Alpha&#x27;s view of innovation." in html
    assert "The network&#x27;s agreed view." in html
    assert "Oslo Manual" in html and "UNESCO-UNEVOC" in html


@pytest.mark.parametrize(
    ("persona", "owner", "allowed"),
    [
        ("staff_a", "a", False),
        ("coordinator_b", "a", False),
        ("coordinator_a", "a", True),
        ("admin", "a", True),
        ("editor", "a", False),
        ("coordinator_a", "network", False),
        ("editor", "network", True),
    ],
)
def test_who_may_write_which_definition(request, as_user, org_a, persona, owner, allowed):
    user = request.getfixturevalue(persona)
    slug = org_a.slug if owner == "a" else "network"
    response = as_user(user).post(
        _edit_url(slug), {"text": "Ours.", "language": "en", "version": 0}
    )
    assert response.status_code == (302 if allowed else 403)
    assert Definition.objects.filter(text="Ours.").exists() is allowed


def test_anonymous_visitors_are_sent_to_sign_in(client, org_a):
    response = client.get(_edit_url(org_a.slug))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_stale_save_is_refused_and_the_text_kept(as_user, coordinator_a, admin, org_a):
    as_user(coordinator_a).post(
        _edit_url(org_a.slug), {"text": "First.", "language": "en", "version": 0}
    )
    as_user(admin).post(
        _edit_url(org_a.slug), {"text": "Admin's change.", "language": "en", "version": 1}
    )
    response = as_user(coordinator_a).post(
        _edit_url(org_a.slug), {"text": "My stale change.", "language": "en", "version": 1}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Someone else saved this page" in html
        and "My stale change." in html
        and "Admin&#x27;s change." in html
    )
    assert Definition.objects.get(organisation=org_a).text == "Admin's change."


def test_an_empty_definition_is_refused(as_user, coordinator_a, org_a):
    response = as_user(coordinator_a).post(
        _edit_url(org_a.slug), {"text": "   ", "language": "en", "version": 0}
    )
    assert response.status_code == 200 and "text" in response.context["form"].errors
    assert not Definition.objects.exists()


def test_an_unknown_topic_is_not_found(as_user, coordinator_a, org_a):
    assert as_user(coordinator_a).get(_edit_url(org_a.slug, "nonsense")).status_code == 404
