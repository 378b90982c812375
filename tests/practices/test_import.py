"""Importing fact sheets from a spreadsheet: the XLSX template, the checks of
every row (the web form's rules plus completeness), all-or-nothing writes,
idempotent re-imports, the upload page and the ``import_practices`` command."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl.utils import get_column_letter

from mobinnov.network.models import Organisation
from mobinnov.practices import importer
from mobinnov.practices.choices import Status
from mobinnov.practices.models import Practice, PracticeRevision
from mobinnov.practices.template import FIELDS
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

IMPORT_URL = "/practices/import/"
TEMPLATE_URL = "/practices/import/template.xlsx"


def practice_row(**overrides: Any) -> dict[str, Any]:
    """A complete, valid fact sheet for organisation A."""
    row: dict[str, Any] = {
        "import_key": "ALPHA-1",
        "host_erasmus_oid": "E10000001",
        "host_slug": "",
        "language": "en",
        "title": "Peer tutoring in the workshops",
        "summary": "Second-year learners coach first-year learners in the workshops.",
        "other_organisations": "",
        "city": "",
        "sectors": "071; 101",
        "eqf_levels": "3;4",
        "vet_type": "ivet",
        "fields": "T1, C2",
        "keywords": "tutoring, peers, workshops",
        "stage": "implemented",
        "start_date": datetime.datetime(2021, 9, 1),  # an Excel date
        "end_date": "",
        "context": "Many first-year learners drop out in the first term.",
        "objectives": "Halve the drop-out of first-year learners.",
        "target_groups": "ivet_learners;apprentices",
        "people_reached": 120,
        "description": "Weekly sessions in the workshops, led by trained tutors.",
        "resources": "Two hours a week of a trainer's time.",
        "stakeholders": "",
        "evaluation": "Drop-out rates compared over three years.",
        "results": "Drop-out fell from 18% to 9%.",
        "evaluation_level": 3,
        "transfer_conditions": "Works in any school with workshops.",
        "lessons_learned": "",
        "visitor_activities": "",
        "visitor_outcomes": "",
        "can_host": True,
        "visit_languages": "fr, en",
        "contact_name": "Camille Martin",
        "contact_email": "camille.martin@alpha.example",
        "links": "https://alpha.example/peer; https://alpha.example/video",
        "licence": "CC-BY-4.0",
    }
    row.update(overrides)
    return row


def second_row(**overrides: Any) -> dict[str, Any]:
    """A second valid practice, without an import key (matched by host + title)."""
    values: dict[str, Any] = {
        "import_key": "",
        "host_erasmus_oid": "",
        "host_slug": "",
        "title": "Company days for teachers",
        "start_date": "2022-01-15",  # ISO text
    }
    return practice_row(**{**values, **overrides})


def workbook_bytes(rows: list[dict[str, Any]], *, header: list[str] | None = None) -> bytes:
    header = header or list(importer.COLUMNS)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Practices"
    sheet.append(header)
    sheet.append(["# explanations"] + [""] * (len(header) - 1))
    for row in rows:
        sheet.append([row.get(name) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell(column: str, row: int) -> str:
    return f"{get_column_letter(importer.COLUMNS.index(column) + 1)}{row}"


@pytest.fixture
def valid_file(org_a: Organisation) -> bytes:
    return workbook_bytes([practice_row(), second_row(host_slug=org_a.slug)])


def test_a_valid_file_creates_complete_drafts(coordinator_a, org_a, valid_file):
    report = importer.import_workbook(valid_file, user=coordinator_a)

    assert report.ok, [str(e) for e in report.errors]
    assert report.applied
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert Practice.objects.count() == 2
    practice = Practice.objects.get(pk=report.rows[0].practice.pk)
    assert practice.host == org_a
    assert practice.status == Status.DRAFT
    assert practice.source_language == "en"
    assert list(practice.authors.all()) == [coordinator_a]
    assert practice.revisions.count() == 1
    content = practice.latest_revision.content
    assert content["title"] == "Peer tutoring in the workshops"
    assert content["sectors"] == ["071", "101"]
    assert content["eqf_levels"] == ["3", "4"]
    assert content["fields"] == ["T1", "C2"]
    assert content["target_groups"] == ["ivet_learners", "apprentices"]
    assert content["visit_languages"] == ["fr", "en"]
    assert content["start_date"] == "2021-09-01"
    assert content["end_date"] is None
    assert content["people_reached"] == 120
    assert content["evaluation_level"] == "3"
    assert content["can_host"] == "yes"
    assert content["links"] == ["https://alpha.example/peer", "https://alpha.example/video"]
    assert content["licence"] == "CC-BY-4.0"
    assert content["import_key"] == "ALPHA-1"
    other = Practice.objects.exclude(pk=practice.pk).get()
    assert other.latest_revision.content["start_date"] == "2022-01-15"
    assert "import_key" not in other.latest_revision.content


def test_one_bad_row_imports_nothing_and_every_error_has_its_cell(coordinator_a, org_a, org_b):
    rows = [
        practice_row(),  # row 3: valid
        practice_row(import_key="R4", summary=""),  # missing required field
        practice_row(import_key="R5", eqf_levels="4; 9"),
        practice_row(import_key="R6", fields="T1; Z9"),
        practice_row(import_key="R7", start_date="2023-05-01", end_date="2022-05-01"),
        practice_row(import_key="R8", contact_email="not-an-address"),
        practice_row(import_key="R9", host_erasmus_oid="E99999999"),
        practice_row(import_key="R10", host_erasmus_oid="", host_slug=org_b.slug),
    ]

    report = importer.import_workbook(workbook_bytes(rows), user=coordinator_a)

    assert not report.ok
    assert not report.applied
    assert Practice.objects.count() == 0
    assert PracticeRevision.objects.count() == 0
    found = {(e.cell, e.column) for e in report.errors}
    assert found == {
        (cell("summary", 4), "summary"),
        (cell("eqf_levels", 5), "eqf_levels"),
        (cell("fields", 6), "fields"),
        (cell("end_date", 7), "end_date"),
        (cell("contact_email", 8), "contact_email"),
        (cell("host_erasmus_oid", 9), "host_erasmus_oid"),
        (cell("host_slug", 10), "host_slug"),
    }
    messages = {e.cell: e.message for e in report.errors}
    assert "complete" in messages[cell("summary", 4)]
    assert messages[cell("eqf_levels", 5)] == "EQF level 9 is not between 1 and 8."
    assert "Z9" in messages[cell("fields", 6)]
    assert "before the start date" in messages[cell("end_date", 7)]
    assert (
        "e-mail" in messages[cell("contact_email", 8)]
        or "email" in messages[cell("contact_email", 8)]
    )
    assert "E99999999" in messages[cell("host_erasmus_oid", 9)]
    assert "not a member" in messages[cell("host_slug", 10)]
    assert str(report.errors[1]).startswith(f"{cell('eqf_levels', 5)} (eqf_levels): EQF level 9")
    assert report.rows[0].errors == []


def test_every_error_of_one_row_is_reported(coordinator_a, org_a):
    row = practice_row(eqf_levels="0", stage="", contact_email="x@", people_reached=-5)
    report = importer.parse_workbook(workbook_bytes([row]), user=coordinator_a)
    assert {e.column for e in report.errors} == {
        "eqf_levels",
        "stage",
        "contact_email",
        "people_reached",
    }


def test_importing_the_same_file_twice_changes_nothing(coordinator_a, valid_file):
    importer.import_workbook(valid_file, user=coordinator_a)
    counts = (Practice.objects.count(), PracticeRevision.objects.count())

    again = importer.import_workbook(valid_file, user=coordinator_a)

    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert (Practice.objects.count(), PracticeRevision.objects.count()) == counts == (2, 2)


def test_a_changed_row_updates_its_practice_with_one_new_revision(coordinator_a, org_a):
    importer.import_workbook(
        workbook_bytes([practice_row(), second_row(host_slug=org_a.slug)]), user=coordinator_a
    )
    changed = workbook_bytes(
        [
            practice_row(summary="Learners coach learners.", eqf_levels=4),
            second_row(host_slug=org_a.slug),
        ]
    )

    report = importer.import_workbook(changed, user=coordinator_a)

    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert Practice.objects.count() == 2
    practice = Practice.objects.get(pk=report.rows[0].practice.pk)
    assert practice.revisions.count() == 2
    assert practice.version == 2
    latest = practice.latest_revision
    assert latest.content["summary"] == "Learners coach learners."
    assert latest.content["eqf_levels"] == ["4"]
    assert latest.content["import_key"] == "ALPHA-1"
    assert latest.author == coordinator_a
    assert latest.note


def test_a_renamed_practice_is_found_by_its_import_key(coordinator_a):
    importer.import_workbook(workbook_bytes([practice_row()]), user=coordinator_a)
    report = importer.import_workbook(
        workbook_bytes([practice_row(title="Peer tutoring, second edition")]), user=coordinator_a
    )
    assert report.updated == 1
    assert Practice.objects.count() == 1


def test_dry_run_reports_and_writes_nothing(coordinator_a, valid_file):
    report = importer.import_workbook(valid_file, user=coordinator_a, dry_run=True)
    assert report.ok
    assert report.created == 2
    assert not report.applied
    assert Practice.objects.count() == 0


def test_the_same_practice_twice_in_a_file_is_an_error(coordinator_a):
    report = importer.parse_workbook(
        workbook_bytes([practice_row(), practice_row(summary="Other")]), user=coordinator_a
    )
    assert [e.row for e in report.errors] == [4]


def test_a_member_who_may_not_edit_a_practice_cannot_update_it(coordinator_a, staff_a):
    importer.import_workbook(workbook_bytes([practice_row()]), user=coordinator_a)

    same = importer.import_workbook(workbook_bytes([practice_row()]), user=staff_a)
    assert same.ok
    assert same.unchanged == 1

    changed = importer.import_workbook(
        workbook_bytes([practice_row(summary="Changed.")]), user=staff_a
    )
    assert not changed.ok
    assert "may not edit" in changed.errors[0].message
    assert PracticeRevision.objects.count() == 1


def test_a_practice_in_review_is_not_updated(coordinator_a):
    importer.import_workbook(workbook_bytes([practice_row()]), user=coordinator_a)
    Practice.objects.update(status=Status.SUBMITTED)
    report = importer.import_workbook(
        workbook_bytes([practice_row(summary="Changed.")]), user=coordinator_a
    )
    assert not report.ok
    assert "in review" in report.errors[0].message
    assert PracticeRevision.objects.count() == 1


def test_a_column_left_out_keeps_the_practice_value(coordinator_a):
    importer.import_workbook(
        workbook_bytes([practice_row(city="Villeurbanne")]), user=coordinator_a
    )
    header = [name for name in importer.COLUMNS if name != "city"]
    report = importer.import_workbook(
        workbook_bytes([practice_row(results="Drop-out halved.")], header=header),
        user=coordinator_a,
    )
    assert report.updated == 1
    content = Practice.objects.get().latest_revision.content
    assert content["city"] == "Villeurbanne"
    assert content["results"] == "Drop-out halved."


def test_data_may_start_right_under_the_header(coordinator_a):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(importer.COLUMNS))
    row = practice_row()
    sheet.append([row.get(name) for name in importer.COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = importer.parse_workbook(buffer.getvalue(), user=coordinator_a)
    assert report.ok
    assert [r.number for r in report.rows] == [2]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"title;summary\nPeer tutoring;Learners coach learners\n", "not an Excel workbook"),
        (b"PK\x03\x04 not really a zip", "not an Excel workbook"),
    ],
)
def test_files_that_are_not_workbooks_get_a_clear_error(coordinator_a, content, expected):
    report = importer.import_workbook(content, user=coordinator_a)
    assert not report.ok
    assert expected in report.errors[0].message


def test_a_workbook_without_the_header_row_is_refused(coordinator_a):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Peer tutoring", "Learners coach learners"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = importer.parse_workbook(buffer.getvalue(), user=coordinator_a)
    assert len(report.errors) == 1
    assert "column names" in report.errors[0].message


def test_a_missing_required_column_is_reported(coordinator_a):
    header = [name for name in importer.COLUMNS if name != "results"]
    report = importer.parse_workbook(
        workbook_bytes([practice_row()], header=header), user=coordinator_a
    )
    assert [e.message for e in report.errors] == ["The column “results” is missing from row 1."]


def test_an_unknown_column_is_reported_with_its_cell(coordinator_a):
    header = [*importer.COLUMNS, "eqf_level"]
    report = importer.parse_workbook(
        workbook_bytes([practice_row()], header=header), user=coordinator_a
    )
    assert [e.cell for e in report.errors] == [f"{get_column_letter(len(header))}1"]


# -- the template -------------------------------------------------------------


def test_the_template_is_a_workbook_covering_every_field(coordinator_a, as_user):
    response = as_user(coordinator_a).get(TEMPLATE_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == importer.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Practices", "Instructions", "Values"]
    header = [c.value for c in workbook["Practices"][1]]
    assert set(header) >= {spec.name for spec in FIELDS}
    assert set(header) >= {"import_key", "host_erasmus_oid", "host_slug", "language"}
    notes = {name: c.value for name, c in zip(header, workbook["Practices"][2], strict=True)}
    assert "required" in notes["title"]
    assert "optional" in notes["city"]
    assert "1-8" in notes["eqf_levels"]
    assert "T1" in notes["fields"]
    codes = {row[1] for row in workbook["Values"].iter_rows(min_row=2, values_only=True)}
    assert {"071", "T1", "ivet_learners", "implemented", "fr", "CC-BY-4.0"} <= codes
    assert "lycee-professionnel-alpha" in codes or Organisation.objects.get().slug in codes


def test_a_filled_in_template_imports(coordinator_a, tmp_path: Path):
    workbook = openpyxl.load_workbook(io.BytesIO(importer.template_workbook(user=coordinator_a)))
    sheet = workbook["Practices"]
    header = [c.value for c in sheet[1]]
    row = practice_row()
    sheet.append([row.get(name) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = importer.import_workbook(buffer.getvalue(), user=coordinator_a)

    assert report.ok, [str(e) for e in report.errors]
    assert [r.number for r in report.rows] == [3]
    assert report.created == 1


# -- the upload page ------------------------------------------------------------


def upload(content: bytes, name: str = "practices.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=importer.XLSX_CONTENT_TYPE)


def test_members_upload_a_file_and_see_the_report(coordinator_a, as_user, valid_file):
    client = as_user(coordinator_a)
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    assert 'accept=".xlsx' in page.content.decode()

    response = client.post(IMPORT_URL, {"file": upload(valid_file)})

    assert response.status_code == 200
    assert Practice.objects.count() == 2
    text = response.content.decode()
    assert "Imported: 2 new drafts, 0 updated, 0 unchanged." in text
    assert "Peer tutoring in the workshops" in text


def test_the_page_lists_every_error_with_its_cell(coordinator_a, as_user):
    bad = workbook_bytes([practice_row(eqf_levels="9"), practice_row(import_key="B", fields="Z9")])
    response = as_user(coordinator_a).post(IMPORT_URL, {"file": upload(bad)})
    text = response.content.decode()
    assert "2 errors: nothing was imported" in text
    assert cell("eqf_levels", 3) in text
    assert cell("fields", 4) in text
    assert "EQF level 9 is not between 1 and 8." in text
    assert Practice.objects.count() == 0


def test_a_dry_run_from_the_page_writes_nothing(coordinator_a, as_user, valid_file):
    response = as_user(coordinator_a).post(
        IMPORT_URL, {"file": upload(valid_file), "dry_run": "on"}
    )
    assert "nothing was imported yet" in response.content.decode()
    assert Practice.objects.count() == 0


def test_a_file_that_is_not_xlsx_gets_a_clear_message(staff_a, as_user):
    csv = b"title,summary\nPeer tutoring,Learners coach learners\n"
    response = as_user(staff_a).post(IMPORT_URL, {"file": upload(csv, "practices.xlsx")})
    assert response.status_code == 200
    assert "is not an Excel workbook (.xlsx)" in response.content.decode()
    assert Practice.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(coordinator_a, as_user, valid_file, monkeypatch):
    monkeypatch.setattr(importer, "MAX_BYTES", 1000)
    response = as_user(coordinator_a).post(IMPORT_URL, {"file": upload(valid_file)})
    assert "larger than 5 MB" in response.content.decode()
    assert Practice.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (IMPORT_URL, TEMPLATE_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_people_without_an_organisation_are_refused(editor, as_user, org_b):
    outsider = make_user("outsider@example.org")
    for user in (editor, outsider):
        client = as_user(user)
        assert client.get(IMPORT_URL).status_code == 403
        assert client.get(TEMPLATE_URL).status_code == 403
        assert client.post(IMPORT_URL, {}).status_code == 403


def test_my_practices_links_to_the_import(coordinator_a, as_user):
    response = as_user(coordinator_a).get(reverse("practices:mine"))
    assert reverse("practices:import") in response.content.decode()
    assert "Import from a spreadsheet" in response.content.decode()


# -- the command ------------------------------------------------------------------


def test_the_command_imports_a_file(coordinator_a, valid_file, tmp_path: Path):
    path = tmp_path / "practices.xlsx"
    path.write_bytes(valid_file)
    out = io.StringIO()

    call_command("import_practices", str(path), user="COORD.A@example.org", stdout=out)

    assert Practice.objects.count() == 2
    assert "2 created, 0 updated, 0 unchanged" in out.getvalue()
    assert "row 3: Peer tutoring in the workshops" in out.getvalue()

    dry = io.StringIO()
    call_command("import_practices", str(path), user=coordinator_a.email, dry_run=True, stdout=dry)
    assert "Dry run" in dry.getvalue()
    assert "0 created, 0 updated, 2 unchanged" in dry.getvalue()


def test_the_command_fails_on_a_bad_file(coordinator_a, tmp_path: Path):
    path = tmp_path / "practices.xlsx"
    path.write_bytes(workbook_bytes([practice_row(eqf_levels="9")]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_practices", str(path), user=coordinator_a.email, stdout=out)
    assert f"{cell('eqf_levels', 3)} (eqf_levels): EQF level 9" in out.getvalue()
    assert Practice.objects.count() == 0

    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError):
        call_command(
            "import_practices",
            str(path),
            user=coordinator_a.email,
            stdout=out,
            stderr=io.StringIO(),
        )


def test_the_command_needs_a_known_user(tmp_path: Path, valid_file):
    path = tmp_path / "practices.xlsx"
    path.write_bytes(valid_file)
    with pytest.raises(CommandError, match="No active account"):
        call_command("import_practices", str(path), user="nobody@example.org")
