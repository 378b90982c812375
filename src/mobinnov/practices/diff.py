"""A readable field-by-field difference between two revisions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from mobinnov.practices.template import FIELDS


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    words: list[tuple[str, str]]  # (op, text): op is "same", "removed" or "added"


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def revision_diff(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ, with a word-level diff of each."""
    changes = []
    for spec in FIELDS:
        old, new = _as_text(before.get(spec.name)), _as_text(after.get(spec.name))
        if old == new:
            continue
        old_words, new_words = old.split(" "), new.split(" ")
        words: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                words.append(("same", " ".join(old_words[a1:a2])))
            if op in {"delete", "replace"}:
                words.append(("removed", " ".join(old_words[a1:a2])))
            if op in {"insert", "replace"}:
                words.append(("added", " ".join(new_words[b1:b2])))
        changes.append(FieldChange(str(spec.label), old, new, words))
    return changes
