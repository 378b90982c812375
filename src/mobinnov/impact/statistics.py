"""Statistics for the impact evaluation (shared/domain/impact-evaluation.md, "Analysis").

Pure functions: no Django, no database, only the standard library, numpy and
scipy. Every function takes plain sequences (one value per participant, in the
same participant order across sequences) and returns plain Python numbers, so
that the results can go straight into a template, a CSV file or JSON.

Missing answers are written ``None`` (a float ``NaN`` counts as missing too).
Nothing is imputed: a participant without a value is left out of the
statistic that would need it (we never carry the last observation forward).

The docstrings are written to be quoted in the method notes of a report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypedDict, TypeGuard

import numpy as np
from scipy import stats

__all__ = [
    "MIN_GROUP",
    "LikertSummary",
    "PairedChange",
    "ResponseShift",
    "d_z_ci",
    "holm",
    "likert_summary",
    "mean_ci",
    "paired_change",
    "response_shift",
    "too_small",
]

#: Smallest group for which any figure is shown (the domain rule: "hide any
#: figure for a group under 5 respondents").
MIN_GROUP = 5


class PairedChange(TypedDict):
    """The result of :func:`paired_change` (a plain ``dict`` at run time)."""

    n: int
    mean_change: float | None
    median_change: float | None
    sd_change: float | None
    d_z: float | None
    hedges_g: float | None
    wilcoxon_statistic: float | None
    p_value: float | None
    rank_biserial: float | None
    improved: int
    same: int
    worse: int


class ResponseShift(TypedDict):
    """The result of :func:`response_shift` (a plain ``dict`` at run time)."""

    n: int
    response_shift: PairedChange
    perceived_change: PairedChange
    conventional_change: PairedChange


class LikertSummary(TypedDict):
    """The result of :func:`likert_summary` (a plain ``dict`` at run time)."""

    n: int
    mean: float | None
    median: float | None
    counts: dict[int, int]
    share_top2: float | None


def _present(value: float | None) -> TypeGuard[float]:
    """False for a missing answer: ``None`` or a float ``NaN``."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence!r}")


# Up to this many differences (zeros included) SciPy computes the p-value of
# tied or zero differences by enumerating every sign pattern; so does
# :func:`_exact_tied`, the same distribution counted instead of enumerated.
PERMUTATION_MAX_N = 13


def _exact_tied(nonzero: np.ndarray) -> tuple[float, float]:
    """Two-sided exact signed-rank test with average ranks for ties: the null
    distribution of T+ over all 2^m sign patterns of the m non-zero
    differences, counted by dynamic programming on doubled (integer) ranks.
    It gives the p-value of SciPy's exhaustive permutation test
    (``scipy.stats.wilcoxon`` with ties or zeros and n <= 13) in a fraction
    of a millisecond instead of up to a second."""
    doubled = np.rint(2 * stats.rankdata(np.abs(nonzero), method="average")).astype(np.int64)
    total = int(doubled.sum())
    counts = np.zeros(total + 1, dtype=np.float64)
    counts[0] = 1.0
    for rank in doubled:
        shifted = np.zeros_like(counts)
        shifted[rank:] = counts[: total + 1 - rank]
        counts = counts + shifted
    observed = int(doubled[nonzero > 0].sum())
    patterns = counts.sum()
    low = counts[: observed + 1].sum() / patterns
    high = counts[observed:].sum() / patterns
    t_plus = observed / 2
    t_minus = (total - observed) / 2
    return float(min(t_plus, t_minus)), float(min(1.0, 2 * min(low, high)))


def _wilcoxon(diffs: np.ndarray, nonzero: np.ndarray) -> tuple[float, float]:
    """Statistic and p-value as ``scipy.stats.wilcoxon(diffs,
    zero_method="wilcox")`` (method "auto") gives them."""
    tied = nonzero.size != np.unique(np.abs(nonzero)).size
    if (tied or nonzero.size < diffs.size) and diffs.size <= PERMUTATION_MAX_N:
        return _exact_tied(nonzero)
    result = stats.wilcoxon(diffs, zero_method="wilcox")
    return float(result.statistic), float(result.pvalue)


def paired_change(pre: Sequence[float | None], post: Sequence[float | None]) -> PairedChange:
    """Describe and test the change between two measurements of the same people.

    ``pre[i]`` and ``post[i]`` are the answers of participant *i* before and
    after (for instance at T1 and T2). A participant with a missing answer on
    either side is left out; ``n`` is the number of complete pairs. For every
    remaining participant the change is D = post - pre (positive = higher
    after).

    - ``mean_change`` and ``median_change``: the average and the middle value
      of D (None when there is no pair).
    - ``sd_change``: the standard deviation of D, the sample version that
      divides by n - 1 (None when n < 2).
    - ``improved``, ``same``, ``worse``: how many participants have D > 0,
      D = 0 and D < 0.
    - ``d_z`` (Cohen's d for paired data): the mean change divided by the
      standard deviation of the changes, i.e. how large the average change is
      compared with how much the changes vary between people. It equals the
      paired t statistic divided by the square root of n. None when n < 2 or
      when every participant changed by exactly the same amount (sd = 0).
    - ``hedges_g`` (Hedges' g_z): d_z multiplied by the small-sample
      correction J = 1 - 3 / (4(n - 1) - 1), which shrinks d_z because d_z
      overestimates the effect in small groups. The formula is applied as it
      stands: for n = 2, 4(n - 1) - 1 = 3 so J = 0 and g_z = 0, a reminder
      that two pairs say nothing about the size of an effect. None when d_z
      is None.
    - ``wilcoxon_statistic`` and ``p_value``: the Wilcoxon signed-rank test of
      the hypothesis that changes up and down are equally likely and equally
      large, exactly as ``scipy.stats.wilcoxon(post - pre,
      zero_method="wilcox")`` gives it: participants with D = 0 are left out
      of the test ("wilcox" method), the test is two-sided, scipy chooses the
      exact or the normal-approximation p-value (its default), and the
      statistic is the smaller of the two rank sums T+ and T- (see below).
      None when n < 2 or when every difference is zero.
    - ``rank_biserial`` (matched-pairs rank-biserial correlation): the effect
      size that goes with the Wilcoxon test. The non-zero |D| are ranked from
      smallest (rank 1) to largest, equal values sharing the average of their
      ranks; T+ is the sum of the ranks of the increases, T- that of the
      decreases, and r = (T+ - T-) / (T+ + T-). It runs from -1 (everybody who
      changed went down) to +1 (everybody who changed went up). None when no
      difference is non-zero.

    The differences are compared with zero exactly: answers on a scale
    (integers) are meant, not computed decimals.
    """
    if len(pre) != len(post):
        raise ValueError(f"pre and post differ in length ({len(pre)} and {len(post)})")
    diffs = np.array(
        [
            float(after) - float(before)
            for before, after in zip(pre, post, strict=True)
            if _present(before) and _present(after)
        ],
        dtype=float,
    )
    n = int(diffs.size)
    improved = int(np.count_nonzero(diffs > 0))
    same = int(np.count_nonzero(diffs == 0))
    worse = int(np.count_nonzero(diffs < 0))

    mean_change = float(np.mean(diffs)) if n else None
    median_change = float(np.median(diffs)) if n else None
    sd_change = float(np.std(diffs, ddof=1)) if n >= 2 else None

    d_z: float | None = None
    hedges_g: float | None = None
    if mean_change is not None and sd_change is not None and sd_change > 0:
        d_z = mean_change / sd_change
        correction = 1 - 3 / (4 * (n - 1) - 1)
        hedges_g = d_z * correction

    nonzero = diffs[diffs != 0]
    wilcoxon_statistic: float | None = None
    p_value: float | None = None
    if n >= 2 and nonzero.size:
        wilcoxon_statistic, p_value = _wilcoxon(diffs, nonzero)

    rank_biserial: float | None = None
    if nonzero.size:
        ranks = stats.rankdata(np.abs(nonzero), method="average")
        t_plus = float(np.sum(ranks[nonzero > 0]))
        t_minus = float(np.sum(ranks[nonzero < 0]))
        rank_biserial = (t_plus - t_minus) / (t_plus + t_minus)

    return {
        "n": n,
        "mean_change": mean_change,
        "median_change": median_change,
        "sd_change": sd_change,
        "d_z": d_z,
        "hedges_g": hedges_g,
        "wilcoxon_statistic": wilcoxon_statistic,
        "p_value": p_value,
        "rank_biserial": rank_biserial,
        "improved": improved,
        "same": same,
        "worse": worse,
    }


def holm(p_values: Sequence[float | None]) -> list[float | None]:
    """Adjust p-values for testing several items at once (Holm-Bonferroni).

    When many items are tested, some will look "significant" by chance alone.
    Holm's method protects against that: the m p-values are sorted from
    smallest to largest, the k-th smallest is multiplied by (m - k + 1), each
    adjusted value is raised to at least the one before it (so that the
    adjusted values keep the order of the raw ones) and capped at 1. An item
    is significant at level alpha when its adjusted p-value is at most alpha.
    It is never less powerful than the plain Bonferroni correction (multiply
    everything by m).

    The adjusted values are returned in the input order. A missing p-value
    (None, or NaN: an item that could not be tested) stays None and does not
    count in m.
    """
    present: list[tuple[int, float]] = []
    for index, p in enumerate(p_values):
        if not _present(p):
            continue
        value = float(p)
        if not 0 <= value <= 1:
            raise ValueError(f"p-value out of [0, 1]: {p!r}")
        present.append((index, value))

    adjusted: list[float | None] = [None] * len(p_values)
    m = len(present)
    running = 0.0
    for rank, (index, value) in enumerate(sorted(present, key=lambda item: item[1])):
        running = max(running, min(1.0, (m - rank) * value))
        adjusted[index] = running
    return adjusted


def mean_ci(values: Sequence[float | None], confidence: float = 0.95) -> tuple[float, float] | None:
    """Confidence interval of a mean, from Student's t distribution.

    mean +/- t * sd / sqrt(n), where sd is the sample standard deviation
    (divided by n - 1) and t the two-sided quantile of the t distribution with
    n - 1 degrees of freedom (2.571 for 95 % and n = 6). Missing values are
    left out. The interval assumes roughly normal values or a large enough
    group; with a 95 % level, intervals built this way contain the true mean
    95 times out of 100. None with fewer than 2 values; when all values are
    equal the interval has zero width (the mean itself, twice).
    """
    _check_confidence(confidence)
    data = np.array([float(v) for v in values if _present(v)], dtype=float)
    n = int(data.size)
    if n < 2:
        return None
    mean = float(np.mean(data))
    sd = float(np.std(data, ddof=1))
    if sd == 0:
        return (mean, mean)
    half_width = float(stats.t.ppf((1 + confidence) / 2, n - 1)) * sd / math.sqrt(n)
    return (mean - half_width, mean + half_width)


def d_z_ci(d_z: float, n: int, confidence: float = 0.95) -> tuple[float, float] | None:
    """Approximate confidence interval of the paired effect size d_z.

    d_z +/- z * SE, with the large-sample standard error
    SE = sqrt(1/n + d_z^2 / (2n)) and z the two-sided quantile of the standard
    normal distribution (1.960 for 95 %). This is an approximation: the exact
    interval comes from the noncentral t distribution, and with few pairs the
    approximate one is only a rough guide (it is symmetric, while the exact
    one is not). None when n < 2.
    """
    _check_confidence(confidence)
    if n < 2:
        return None
    se = math.sqrt(1 / n + d_z**2 / (2 * n))
    z = float(stats.norm.ppf((1 + confidence) / 2))
    return (d_z - z * se, d_z + z * se)


def response_shift(
    pre: Sequence[float | None],
    then: Sequence[float | None],
    post: Sequence[float | None],
) -> ResponseShift:
    """Separate a change in the yardstick from a change in the person.

    ``pre`` is the self-rating before the mobility (T0), ``then`` the
    retrospective "then-test" (after the mobility, "how would you rate
    yourself back then?") and ``post`` the self-rating after the mobility.

    - ``response_shift`` = then - pre: how much the participant's view of
      their starting point moved (they may discover they knew less than they
      thought);
    - ``perceived_change`` = post - then: the change measured with the new
      yardstick;
    - ``conventional_change`` = post - pre: the ordinary pre/post change, the
      primary result when T0 exists.

    Each is the full :func:`paired_change` result. All three are computed on
    the same participants, those who gave all three ratings (``n``), so that
    response shift + perceived change = conventional change holds for every
    participant and the three can be compared; participants with one missing
    rating are left out of all three (the conventional change over every
    pre/post pair can still be had from :func:`paired_change` directly).
    """
    if not len(pre) == len(then) == len(post):
        raise ValueError(
            f"pre, then and post differ in length ({len(pre)}, {len(then)}, {len(post)})"
        )
    complete = [
        (a, b, c)
        for a, b, c in zip(pre, then, post, strict=True)
        if _present(a) and _present(b) and _present(c)
    ]
    pre_c = [a for a, _, _ in complete]
    then_c = [b for _, b, _ in complete]
    post_c = [c for _, _, c in complete]
    return {
        "n": len(complete),
        "response_shift": paired_change(pre_c, then_c),
        "perceived_change": paired_change(then_c, post_c),
        "conventional_change": paired_change(pre_c, post_c),
    }


def likert_summary(
    values: Sequence[int | None], scale: Sequence[int] = (1, 2, 3, 4, 5)
) -> LikertSummary:
    """Summarise the answers to one Likert item.

    ``n`` is the number of answers (missing ones left out); ``mean`` and
    ``median`` their average and middle value (None without answers);
    ``counts`` the number of answers for every point of the scale, in scale
    order, points nobody chose included (count 0); ``share_top2`` the share
    (between 0 and 1) of the answers on the two highest points of the scale,
    e.g. "agree" and "strongly agree" (None without answers). An answer
    outside the scale is an error (ValueError), not silently ignored.
    """
    points = sorted(set(scale))
    if not points:
        raise ValueError("the scale has no point")
    present = [v for v in values if _present(v)]
    outside = sorted({v for v in present if v not in points})
    if outside:
        raise ValueError(f"answers outside the scale {points}: {outside}")
    answers = [int(v) for v in present]
    counts = {point: 0 for point in points}
    for answer in answers:
        counts[answer] += 1
    n = len(answers)
    if not n:
        return {"n": 0, "mean": None, "median": None, "counts": counts, "share_top2": None}
    top2 = sum(counts[point] for point in points[-2:])
    return {
        "n": n,
        "mean": float(np.mean(answers)),
        "median": float(np.median(answers)),
        "counts": counts,
        "share_top2": top2 / n,
    }


def too_small(n: int) -> bool:
    """True when a group's figures must be hidden.

    The rule is "hide any figure for a group under 5 respondents"
    (``MIN_GROUP``): a group of 1 to 4 respondents is hidden so that nobody can
    be recognised from their answers, and a group of 0 is hidden as well,
    since it has no answers to show (the report says "no answers" rather than
    printing empty figures).
    """
    if n < 0:
        raise ValueError(f"a group cannot have {n} respondents")
    return n < MIN_GROUP
