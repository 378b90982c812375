"""Review arithmetic, free of the database: consensus scores and the label.

The criteria and the label rules are data (RubricCriterion, LabelRule, loaded
from practices/data/rubric.json); this module only applies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MIN_SCORE, MAX_SCORE = 0, 4


@dataclass(frozen=True)
class Rule:
    label: str
    min_total: int = 0
    min_scores: Mapping[str, int] | None = None
    max_scores: Mapping[str, int] | None = None

    def matches(self, scores: Mapping[str, int]) -> bool:
        if sum(scores.values()) < self.min_total:
            return False
        if any(scores.get(code, 0) < low for code, low in (self.min_scores or {}).items()):
            return False
        return all(scores.get(code, 0) <= high for code, high in (self.max_scores or {}).items())


def consensus(reviews: Sequence[Mapping[str, int]], criteria: Iterable[str]) -> dict[str, int]:
    """Per criterion, the mean of the reviewers' scores rounded half up
    (2 and 3 give 3): the reviewers' consensus unless an editor overrides it."""
    if not reviews:
        return {}
    result = {}
    for code in criteria:
        values = [int(review[code]) for review in reviews if code in review]
        if values:
            mean = Decimal(sum(values)) / Decimal(len(values))
            result[code] = int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return result


def label_for(scores: Mapping[str, int], rules: Sequence[Rule], default: str = "experience") -> str:
    """The label of the first rule (in order) that the scores satisfy."""
    for rule in rules:
        if rule.matches(scores):
            return rule.label
    return default
