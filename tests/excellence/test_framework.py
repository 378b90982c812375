"""The framework ships as data; editors curate it; fields in use are retired, not deleted."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from mobinnov.excellence.models import Cluster, FieldOfExcellence


def test_the_data_migration_loads_three_clusters_and_their_fields(db):
    assert list(Cluster.objects.values_list("code", flat=True)) == ["T", "C", "G"]
    assert FieldOfExcellence.objects.count() == 24
    t4 = FieldOfExcellence.objects.get(code="T4")
    assert t4.name == "Digital teaching and learning"
    assert t4.localized_name("fr") == "Enseignement et apprentissage numériques"
    assert "doi:10.2767/583401" in t4.source


def test_the_public_page_shows_the_clusters_in_french(client, db):
    client.cookies["mobinnov_language"] = "fr"
    html = client.get(reverse("excellence:framework")).content.decode()
    assert "Gouvernance et financement" in html
    assert "Pédagogies innovantes" in html


@pytest.mark.parametrize(
    ("persona", "expected"),
    [(None, 302), ("staff_a", 403), ("coordinator_a", 403), ("editor", 200), ("admin", 200)],
)
def test_only_editors_and_admins_may_edit_fields(request, as_user, persona, expected, org_a):
    user = request.getfixturevalue(persona) if persona else None
    client = as_user(user)
    assert client.get(reverse("excellence:field_edit", args=["T4"])).status_code == expected
    response = client.post(reverse("excellence:field_status", args=["T4"]), {"action": "retire"})
    assert FieldOfExcellence.objects.get(code="T4").is_retired is (expected == 200)
    if expected != 200:
        assert response.status_code == expected


def test_an_editor_edits_a_field_and_its_translation(as_user, editor):
    field = FieldOfExcellence.objects.get(code="T3")
    response = as_user(editor).post(
        reverse("excellence:field_edit", args=["T3"]),
        {
            "cluster": field.cluster_id,
            "code": "T3",
            "position": 3,
            "name": "Learner-centred pedagogies",
            "definition": "New text.",
            "source": field.source,
            "name_fr": "Pédagogies centrées sur l'apprenant",
            "definition_fr": "",
            "version": field.version,
        },
    )
    assert response.status_code == 302
    field.refresh_from_db()
    assert field.name == "Learner-centred pedagogies"
    assert field.translations["fr"] == {
        "name": "Pédagogies centrées sur l'apprenant",
        "definition": "",
    }
    assert LogEntry.objects.get_for_object(field).filter(actor=editor).exists()


def test_a_stale_edit_is_refused_and_the_text_kept(as_user, editor):
    field = FieldOfExcellence.objects.get(code="T3")
    data = {
        "cluster": field.cluster_id,
        "code": "T3",
        "position": 3,
        "source": "",
        "version": field.version,
    }
    client = as_user(editor)
    assert (
        client.post(
            reverse("excellence:field_edit", args=["T3"]), {**data, "name": "First"}
        ).status_code
        == 302
    )
    response = client.post(
        reverse("excellence:field_edit", args=["T3"]), {**data, "name": "Second save"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this page" in html and 'value="Second save"' in html
    assert FieldOfExcellence.objects.get(code="T3").name == "First"


def test_an_editor_adds_a_field_of_innovation_and_bad_input_is_refused(as_user, editor):
    client = as_user(editor)
    cluster = Cluster.objects.get(code="T")
    response = client.post(
        reverse("excellence:field_create"),
        {"cluster": cluster.pk, "code": "t4", "position": 1, "name": "Duplicate"},
    )
    assert response.status_code == 200 and "code" in response.context["form"].errors
    response = client.post(
        reverse("excellence:field_create"),
        {"cluster": cluster.pk, "code": "", "position": 1, "name": ""},
    )
    assert set(response.context["form"].errors) >= {"code", "name"}
    assert FieldOfExcellence.objects.count() == 24
    response = client.post(
        reverse("excellence:field_create"),
        {
            "cluster": cluster.pk,
            "code": "t13",
            "position": 13,
            "name": "Artificial intelligence in training",
            "source": "Network decision 2026",
        },
    )
    assert response.status_code == 302
    assert FieldOfExcellence.objects.get(code="T13").name == "Artificial intelligence in training"


def test_a_field_not_in_use_can_be_deleted_and_a_retired_one_restored(as_user, editor):
    client = as_user(editor)
    client.post(reverse("excellence:field_status", args=["G5"]), {"action": "retire"})
    assert FieldOfExcellence.objects.get(code="G5").is_retired
    # Visitors no longer see a retired field; editors still do.
    assert (
        "G5"
        not in as_user(None)
        .get(reverse("excellence:framework"))
        .content.decode()
        .split("field-G4")[1]
    )
    client.post(reverse("excellence:field_status", args=["G5"]), {"action": "restore"})
    assert not FieldOfExcellence.objects.get(code="G5").is_retired
    client.post(reverse("excellence:field_status", args=["G5"]), {"action": "delete"})
    assert not FieldOfExcellence.objects.filter(code="G5").exists()


def test_a_field_in_use_cannot_be_deleted(as_user, editor, monkeypatch):
    from mobinnov.excellence import services

    monkeypatch.setattr(services, "field_is_in_use", lambda field: True)
    response = as_user(editor).post(
        reverse("excellence:field_status", args=["G5"]), {"action": "delete"}, follow=True
    )
    assert FieldOfExcellence.objects.filter(code="G5").exists()
    assert "retire it instead" in response.content.decode()
