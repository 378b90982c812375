"""What an uploaded file really is, judged by its content, never by its name.

Accepted: images (JPEG, PNG, WebP, GIF, verified by Pillow), PDF, Office Open
XML (docx, xlsx, pptx), OpenDocument (odt, ods, odp). Everything else — SVG,
HTML, scripts, executables, archives — is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
OOXML = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
# Pillow refuses larger images ("decompression bombs").
Image.MAX_IMAGE_PIXELS = 50_000_000


@dataclass(frozen=True)
class Sniffed:
    kind: str  # "image" or "document"
    mime: str
    extension: str


class UnsupportedFile(ValueError):
    """The content is not one of the accepted types."""


def _zip_type(data: IO[bytes]) -> Sniffed | None:
    try:
        with zipfile.ZipFile(data) as archive:
            names = archive.namelist()
            if names and names[0] == "mimetype":
                mime = archive.read("mimetype").decode("ascii", "replace").strip()
                if mime in ODF:
                    return Sniffed("document", mime, ODF[mime])
            if "[Content_Types].xml" in names:
                for prefix, (extension, mime) in OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return Sniffed("document", mime, extension)
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def sniff(upload: IO[bytes]) -> Sniffed:
    """Identify ``upload`` by its bytes; raises UnsupportedFile otherwise."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return Sniffed("document", "application/pdf", "pdf")
    if head.startswith(b"PK\x03\x04"):
        found = _zip_type(upload)
        upload.seek(0)
        if found:
            return found
        raise UnsupportedFile("archive")
    try:
        with Image.open(upload) as image:
            image.verify()
            image_format = image.format or ""
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise UnsupportedFile("unknown") from exc
    finally:
        upload.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise UnsupportedFile(image_format)
    extension = {"JPEG": "jpg"}.get(image_format, image_format.lower())
    return Sniffed("image", IMAGE_FORMATS[image_format], extension)


def display_image(upload: IO[bytes], *, max_side: int = 1200) -> tuple[bytes, str]:
    """A copy for web pages: turned upright, at most ``max_side`` pixels, without
    metadata (EXIF can hold GPS positions). Returns (bytes, extension)."""
    upload.seek(0)
    with Image.open(upload) as source:
        image = ImageOps.exif_transpose(source)
        image.thumbnail((max_side, max_side))
        output = io.BytesIO()
        if image.mode in {"RGBA", "LA", "P"}:
            image.convert("RGBA").save(output, format="PNG", optimize=True)
            extension = "png"
        else:
            image.convert("RGB").save(output, format="JPEG", quality=85, optimize=True)
            extension = "jpg"
    upload.seek(0)
    return output.getvalue(), extension
