"""Images and documents: checked by content, resized, served only to those who
may see the practice."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mobinnov.practices.models import PracticeAttachment
from tests.practices.factories import draft, publish, reviewer_from


def png(width: int = 2400, height: int = 1600) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


@pytest.fixture
def a_draft(org_a, coordinator_a):
    return draft(org_a, coordinator_a, title="Practice with files")


def upload(client, practice, name, data, title="A file"):
    return client.post(
        reverse("practices:attachments", args=[practice.slug]),
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.parametrize(
    ("name", "data", "kind", "mime"),
    [
        ("photo.png", png(), "image", "image/png"),
        ("report.pdf", b"%PDF-1.7\n%...\n", "document", "application/pdf"),
        (
            "plan.docx",
            docx(),
            "document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("plan.odt", odt(), "document", "application/vnd.oasis.opendocument.text"),
        ("misnamed.txt", png(10, 10), "image", "image/png"),
    ],
)
def test_accepted_files_are_identified_by_their_content(
    as_user, coordinator_a, a_draft, name, data, kind, mime
):
    response = upload(as_user(coordinator_a), a_draft, name, data)
    assert response.status_code == 302
    item = PracticeAttachment.objects.get(practice=a_draft)
    assert (item.kind, item.mime) == (kind, mime)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("fake.pdf", b"<html>not a pdf</html>"),
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 40),
        ("empty.png", b""),
    ],
)
def test_other_files_are_refused_with_a_message(as_user, coordinator_a, a_draft, name, data):
    response = upload(as_user(coordinator_a), a_draft, name, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not PracticeAttachment.objects.exists()


def test_a_too_large_file_is_refused(as_user, coordinator_a, a_draft, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    response = upload(as_user(coordinator_a), a_draft, "photo.png", png())
    assert "the limit is" in response.content.decode()
    assert not PracticeAttachment.objects.exists()


def test_images_get_a_smaller_display_copy(as_user, coordinator_a, a_draft):
    upload(as_user(coordinator_a), a_draft, "photo.png", png(2400, 1600))
    item = PracticeAttachment.objects.get()
    with Image.open(item.display.open("rb")) as shown:
        assert max(shown.size) == 1200


def test_only_the_practices_editors_upload(as_user, coordinator_b, staff_a, a_draft):
    assert upload(as_user(coordinator_b), a_draft, "photo.png", png(10, 10)).status_code == 403
    assert (
        as_user(None).get(reverse("practices:attachments", args=[a_draft.slug])).status_code == 302
    )
    assert not PracticeAttachment.objects.exists()


def test_files_of_a_draft_are_private_and_public_once_published(
    as_user, client, coordinator_a, coordinator_b, org_a, org_b, editor, a_draft
):
    upload(as_user(coordinator_a), a_draft, "report.pdf", b"%PDF-1.7\n")
    item = PracticeAttachment.objects.get()
    url = reverse("practices:attachment", args=[a_draft.slug, item.pk])
    assert client.get(url).status_code == 404
    assert as_user(coordinator_b).get(url).status_code == 403
    response = as_user(coordinator_a).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    publish(
        a_draft,
        author=coordinator_a,
        editor=editor,
        reviewers=[editor, reviewer_from(org_b, "r@example.org")],
    )
    assert client.get(url).status_code == 200
    assert url in client.get(a_draft.get_absolute_url()).content.decode()


def test_removing_an_attachment(as_user, coordinator_a, a_draft):
    client = as_user(coordinator_a)
    upload(client, a_draft, "photo.png", png(10, 10))
    item = PracticeAttachment.objects.get()
    client.post(reverse("practices:attachments", args=[a_draft.slug]), {"delete": item.pk})
    assert not PracticeAttachment.objects.exists()
