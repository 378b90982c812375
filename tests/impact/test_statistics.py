"""The impact-evaluation statistics (shared/domain/impact-evaluation.md, "Analysis").

The expected values of the small examples are worked out by hand in the
comments, then checked against scipy where scipy has the same statistic.
"""

from __future__ import annotations

import itertools
import math
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mobinnov.impact.statistics import (
    MIN_GROUP,
    d_z_ci,
    holm,
    likert_summary,
    mean_ci,
    paired_change,
    response_shift,
    too_small,
)

NAN = float("nan")
KEYS = {
    "n",
    "mean_change",
    "median_change",
    "sd_change",
    "d_z",
    "hedges_g",
    "wilcoxon_statistic",
    "p_value",
    "rank_biserial",
    "improved",
    "same",
    "worse",
}


def assert_plain(result: Any) -> None:
    """Plain Python numbers only: no numpy scalar leaks into templates or JSON."""
    for key, value in result.items():
        assert type(value) in (int, float, type(None)), (key, type(value))


# --- paired_change: hand-worked examples ------------------------------------


def test_paired_change_hand_example() -> None:
    pre = [2, 3, 3, 4, 2, 1]
    post = [4, 3, 5, 4, 3, 2]
    # D = post - pre = [2, 0, 2, 0, 1, 1], n = 6
    # mean = (2 + 0 + 2 + 0 + 1 + 1) / 6 = 6 / 6 = 1
    # median: sorted [0, 0, 1, 1, 2, 2] -> (1 + 1) / 2 = 1
    # sd: deviations [1, -1, 1, -1, 0, 0], sum of squares 4, 4 / (6 - 1) = 0.8,
    #     sd = sqrt(0.8) = 0.894427191
    # d_z = 1 / sqrt(0.8) = sqrt(1.25) = 1.118033989
    # J = 1 - 3 / (4 * 5 - 1) = 1 - 3 / 19 = 16 / 19 = 0.842105263
    # g = sqrt(1.25) * 16 / 19 = 0.941502307
    # Wilcoxon ("wilcox" drops the two zeros): non-zero D = [2, 2, 1, 1]
    #   |D| = [2, 2, 1, 1]; the two 1s share ranks 1 and 2 -> 1.5 each,
    #   the two 2s share ranks 3 and 4 -> 3.5 each
    #   T+ = 3.5 + 3.5 + 1.5 + 1.5 = 10, T- = 0; statistic = min(T+, T-) = 0
    #   exact p: of the 2^4 = 16 equally likely sign patterns only "all plus"
    #   gives T- <= 0, so p = 2 * 1/16 = 0.125
    # rank-biserial = (10 - 0) / (10 + 0) = 1
    # improved 4 (D > 0), same 2, worse 0
    result = paired_change(pre, post)
    assert set(result) == KEYS
    assert_plain(result)
    assert result == pytest.approx(
        {
            "n": 6,
            "mean_change": 1.0,
            "median_change": 1.0,
            "sd_change": 0.894427191,
            "d_z": 1.118033989,
            "hedges_g": 0.941502307,
            "wilcoxon_statistic": 0.0,
            "p_value": 0.125,
            "rank_biserial": 1.0,
            "improved": 4,
            "same": 2,
            "worse": 0,
        }
    )
    scipy_result = stats.wilcoxon(np.array(post) - np.array(pre), zero_method="wilcox")
    assert result["wilcoxon_statistic"] == pytest.approx(float(scipy_result.statistic))
    assert result["p_value"] == pytest.approx(float(scipy_result.pvalue))
    # d_z is the paired t statistic divided by sqrt(n).
    t = stats.ttest_rel(post, pre).statistic
    assert result["d_z"] == pytest.approx(float(t) / math.sqrt(6))


# Ties, zeros and changes in both directions.
PRE_B = [3, 2, 4, 3, 5, 2, 3]
POST_B = [4, 4, 3, 3, 5, 5, 2]
# D = [1, 2, -1, 0, 0, 3, -1], n = 7
# mean = (1 + 2 - 1 + 0 + 0 + 3 - 1) / 7 = 4/7 = 0.571428571
# median: sorted [-1, -1, 0, 0, 1, 2, 3] -> 0
# sum of D^2 = 1 + 4 + 1 + 0 + 0 + 9 + 1 = 16; sum of squares about the mean
#   = 16 - 7 * (4/7)^2 = 16 - 16/7 = 96/7; variance = (96/7) / 6 = 16/7,
#   sd = 4 / sqrt(7) = 1.511857892
# d_z = (4/7) / (4/sqrt(7)) = 1/sqrt(7) = 0.377964473
# J = 1 - 3 / (4 * 6 - 1) = 1 - 3/23 = 20/23; g = 20 / (23 sqrt(7)) = 0.328664759
# Wilcoxon drops the two zeros: non-zero D = [1, 2, -1, 3, -1]
#   |D| = [1, 2, 1, 3, 1]: the three 1s share ranks 1, 2, 3 -> 2 each,
#   2 -> rank 4, 3 -> rank 5
#   T+ = 2 (the +1) + 4 + 5 = 11, T- = 2 + 2 = 4; statistic = min = 4
#   exact p over the 2^5 = 32 sign patterns of the ranks [2, 2, 2, 4, 5]:
#   T- = 0 (1 pattern), T- = 2 (3: one of the 2s), T- = 4 (1: the 4; 3: two of
#   the 2s) -> P(T- <= 4) = 8/32, two-sided p = 16/32 = 0.5
# rank-biserial = (11 - 4) / (11 + 4) = 7/15 = 0.466666667
# improved 3, same 2, worse 2
EXPECTED_B = {
    "n": 7,
    "mean_change": 4 / 7,
    "median_change": 0.0,
    "sd_change": 1.511857892,
    "d_z": 0.377964473,
    "hedges_g": 0.328664759,
    "wilcoxon_statistic": 4.0,
    "p_value": 0.5,
    "rank_biserial": 7 / 15,
    "improved": 3,
    "same": 2,
    "worse": 2,
}


def test_paired_change_ties_and_zeros() -> None:
    result = paired_change(PRE_B, POST_B)
    assert_plain(result)
    assert result == pytest.approx(EXPECTED_B)
    scipy_result = stats.wilcoxon(
        np.array(POST_B, dtype=float) - np.array(PRE_B, dtype=float), zero_method="wilcox"
    )
    assert result["wilcoxon_statistic"] == float(scipy_result.statistic)
    assert result["p_value"] == float(scipy_result.pvalue)


def test_paired_change_negative_change() -> None:
    # The same people, before and after swapped: D = [-1, -2, 1, 0, 0, -3, 1].
    # The mean, median, d_z, g and rank-biserial change sign; the sd, the
    # Wilcoxon statistic (min(T+, T-) = min(4, 11) = 4) and p stay.
    result = paired_change(POST_B, PRE_B)
    assert result == pytest.approx(
        EXPECTED_B
        | {
            "mean_change": -4 / 7,
            "d_z": -0.377964473,
            "hedges_g": -0.328664759,
            "rank_biserial": -7 / 15,
            "improved": 2,
            "worse": 3,
        }
    )


def test_wilcoxon_exact_p_by_hand() -> None:
    # No ties, no zeros: D = [1, -2, 3, 4, 5], ranks 1..5, T- = 2, T+ = 13.
    # Sign patterns (out of 32) with T- <= 2: none negative, only 1, only 2
    # -> 3/32; two-sided p = 6/32 = 0.1875. r = (13 - 2) / 15 = 11/15.
    result = paired_change([0, 2, 0, 0, 0], [1, 0, 3, 4, 5])
    assert result["wilcoxon_statistic"] == 2.0
    assert result["p_value"] == pytest.approx(0.1875)
    assert result["rank_biserial"] == pytest.approx(11 / 15)


def test_paired_change_all_zero_differences() -> None:
    # D = [0, 0, 0]: mean, median and sd 0; d_z undefined (sd = 0); no test
    # and no rank-biserial (no non-zero difference).
    result = paired_change([3, 4, 2], [3, 4, 2])
    assert result == {
        "n": 3,
        "mean_change": 0.0,
        "median_change": 0.0,
        "sd_change": 0.0,
        "d_z": None,
        "hedges_g": None,
        "wilcoxon_statistic": None,
        "p_value": None,
        "rank_biserial": None,
        "improved": 0,
        "same": 3,
        "worse": 0,
    }


def test_paired_change_constant_nonzero_change() -> None:
    # D = [1, 1, 1]: sd 0 so no d_z, but the test and r exist.
    # Ranks 2, 2, 2; T+ = 6, T- = 0; exact p = 2 * 1/8 = 0.25.
    result = paired_change([1, 2, 3], [2, 3, 4])
    assert result["sd_change"] == 0.0
    assert result["d_z"] is None
    assert result["hedges_g"] is None
    assert result["wilcoxon_statistic"] == 0.0
    assert result["p_value"] == pytest.approx(0.25)
    assert result["rank_biserial"] == 1.0


def test_paired_change_no_pair() -> None:
    for pre, post in (([], []), ([None, 2], [3, None]), ([NAN], [NAN])):
        assert paired_change(pre, post) == {
            "n": 0,
            "mean_change": None,
            "median_change": None,
            "sd_change": None,
            "d_z": None,
            "hedges_g": None,
            "wilcoxon_statistic": None,
            "p_value": None,
            "rank_biserial": None,
            "improved": 0,
            "same": 0,
            "worse": 0,
        }


def test_paired_change_one_pair() -> None:
    # D = [2]: mean and median 2; no sd, no d_z, no test (n < 2); the one
    # change is an increase, so r = (1 - 0) / 1 = 1.
    result = paired_change([1], [3])
    assert result == {
        "n": 1,
        "mean_change": 2.0,
        "median_change": 2.0,
        "sd_change": None,
        "d_z": None,
        "hedges_g": None,
        "wilcoxon_statistic": None,
        "p_value": None,
        "rank_biserial": 1.0,
        "improved": 1,
        "same": 0,
        "worse": 0,
    }


def test_paired_change_two_pairs() -> None:
    # D = [1, 2]: mean = median = 1.5; sd = sqrt((0.25 + 0.25) / 1) = 0.707106781
    # d_z = 1.5 / 0.707106781 = 2.121320344
    # J = 1 - 3 / (4 * 1 - 1) = 1 - 3/3 = 0, so g = 0 (the formula as it stands)
    # Wilcoxon: ranks 1, 2, T- = 0, exact p = 2 * 1/4 = 0.5
    result = paired_change([1, 2], [2, 4])
    assert result == pytest.approx(
        {
            "n": 2,
            "mean_change": 1.5,
            "median_change": 1.5,
            "sd_change": 0.707106781,
            "d_z": 2.121320344,
            "hedges_g": 0.0,
            "wilcoxon_statistic": 0.0,
            "p_value": 0.5,
            "rank_biserial": 1.0,
            "improved": 2,
            "same": 0,
            "worse": 0,
        }
    )


def test_paired_change_two_pairs_one_zero() -> None:
    # D = [0, 3]: n = 2, so the test runs on the one non-zero difference, as
    # scipy does: statistic 0, p = 1.
    result = paired_change([2, 1], [2, 4])
    scipy_result = stats.wilcoxon([0.0, 3.0], zero_method="wilcox")
    assert result["wilcoxon_statistic"] == float(scipy_result.statistic) == 0.0
    assert result["p_value"] == float(scipy_result.pvalue) == 1.0
    assert (result["improved"], result["same"], result["worse"]) == (1, 1, 0)


def test_paired_change_drops_incomplete_pairs() -> None:
    pre: list[float | None] = [2, None, 3, NAN, 4, 1, 5]
    post: list[float | None] = [3, 5, None, 4, 4, NAN, None]
    # Complete pairs: (2, 3) and (4, 4) -> D = [1, 0]
    result = paired_change(pre, post)
    assert result == paired_change([2, 4], [3, 4])
    assert result["n"] == 2
    assert result["mean_change"] == 0.5
    assert (result["improved"], result["same"], result["worse"]) == (1, 1, 0)


def test_paired_change_accepts_floats() -> None:
    result = paired_change([1.5, 2.0, 3.25], [2.0, 2.0, 3.0])
    # D = [0.5, 0, -0.25]
    assert result["mean_change"] == pytest.approx(0.25 / 3)
    assert (result["improved"], result["same"], result["worse"]) == (1, 1, 1)


def test_paired_change_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        paired_change([1, 2], [1])


def test_paired_change_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paired_change(PRE_B, POST_B)
        paired_change([1, 2], [1, 2])
        paired_change([1], [5])
        paired_change([], [])


# --- Holm -------------------------------------------------------------------


def test_holm_hand_example() -> None:
    # m = 4; sorted p: 0.005, 0.01, 0.03, 0.04
    #   0.005 * 4 = 0.02
    #   0.01 * 3 = 0.03 (>= 0.02)
    #   0.03 * 2 = 0.06
    #   0.04 * 1 = 0.04 -> raised to 0.06 (monotone)
    # in input order: [0.03, 0.06, 0.06, 0.02]
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_holm_with_missing_values() -> None:
    # The None entries do not count: m is still 4.
    assert holm([0.01, None, 0.04, 0.03, NAN, 0.005]) == pytest.approx(
        [0.03, None, 0.06, 0.06, None, 0.02]
    )
    assert holm([None, None]) == [None, None]
    assert holm([]) == []


def test_holm_caps_at_one() -> None:
    # 0.4 * 3 = 1.2 -> 1; 0.5 * 2 = 1.0; 0.9 * 1 -> raised to 1
    assert holm([0.5, 0.4, 0.9]) == [1.0, 1.0, 1.0]
    # One p-value: unchanged.
    assert holm([0.03]) == [0.03]


def test_holm_ties() -> None:
    # 0.02 * 3 = 0.06 for both tied values (the second raised to 0.06 from
    # 0.02 * 2 = 0.04), 0.5 * 1 -> 0.5
    assert holm([0.02, 0.5, 0.02]) == pytest.approx([0.06, 0.5, 0.06])


def test_holm_rejects_impossible_p() -> None:
    with pytest.raises(ValueError):
        holm([0.5, 1.5])
    with pytest.raises(ValueError):
        holm([-0.1])


# --- Confidence intervals ---------------------------------------------------


def test_mean_ci_hand_example() -> None:
    values = [2, 4, 4, 5, 7, 8]
    # mean 5; deviations [-3, -1, -1, 0, 2, 3], sum of squares 24,
    # variance 24 / 5 = 4.8, standard error sqrt(4.8 / 6) = sqrt(0.8) = 0.894427191
    # t(0.975, 5 df) = 2.570581836 -> half-width 2.299198290
    # -> (2.700801710, 7.299198290)
    low, high = mean_ci(values) or (NAN, NAN)
    assert (low, high) == pytest.approx((2.700801710, 7.299198290))
    expected = stats.t.interval(0.95, 5, loc=5, scale=math.sqrt(0.8))
    assert (low, high) == pytest.approx(tuple(float(x) for x in expected))
    expected90 = stats.t.interval(0.90, 5, loc=5, scale=math.sqrt(0.8))
    assert mean_ci(values, 0.90) == pytest.approx(tuple(float(x) for x in expected90))


def test_mean_ci_edge_cases() -> None:
    assert mean_ci([]) is None
    assert mean_ci([3]) is None
    assert mean_ci([3, None, NAN]) is None
    assert mean_ci([3, 3, 3]) == (3.0, 3.0)
    assert mean_ci([2, None, 4, NAN]) == pytest.approx(
        tuple(float(x) for x in stats.t.interval(0.95, 1, loc=3, scale=1))
    )
    with pytest.raises(ValueError):
        mean_ci([1, 2], confidence=1.0)


def test_d_z_ci_hand_example() -> None:
    # d_z = 0.5, n = 20: SE = sqrt(1/20 + 0.25/40) = sqrt(0.05625) = 0.237170825
    # z(0.975) = 1.959963985 -> half-width 0.464846282 -> (0.035153718, 0.964846282)
    assert d_z_ci(0.5, 20) == pytest.approx((0.035153718, 0.964846282))
    # d_z = 0: SE = sqrt(1/n); symmetric around 0.
    low, high = d_z_ci(0.0, 25) or (NAN, NAN)
    assert (low, high) == pytest.approx((-1.959963985 / 5, 1.959963985 / 5))
    assert d_z_ci(1.0, 1) is None
    assert d_z_ci(1.0, 0) is None


# --- Response shift ---------------------------------------------------------


def test_response_shift() -> None:
    pre = [2, 3, None, 2, 3, 1, 4]
    then = [1, 2, 3, 2, 2, 1, None]
    post = [4, 4, 4, 3, 3, None, 5]
    # Participants with all three ratings: 1, 2, 4, 5 (n = 4)
    #   pre [2, 3, 2, 3], then [1, 2, 2, 2], post [4, 4, 3, 3]
    # response shift = then - pre = [-1, -1, 0, -1] -> mean -0.75
    # perceived change = post - then = [3, 2, 1, 1] -> mean 1.75
    # conventional change = post - pre = [2, 1, 1, 0] -> mean 1.0
    result = response_shift(pre, then, post)
    assert result["n"] == 4
    assert result["response_shift"] == paired_change([2, 3, 2, 3], [1, 2, 2, 2])
    assert result["perceived_change"] == paired_change([1, 2, 2, 2], [4, 4, 3, 3])
    assert result["conventional_change"] == paired_change([2, 3, 2, 3], [4, 4, 3, 3])
    assert result["response_shift"]["mean_change"] == -0.75
    assert result["perceived_change"]["mean_change"] == 1.75
    assert result["conventional_change"]["mean_change"] == 1.0
    # Participant 7 has pre and post but no then-test: left out of all three,
    # although the plain pre/post change would count 5 pairs.
    assert paired_change(pre, post)["n"] == 5
    assert result["conventional_change"]["n"] == 4


def test_response_shift_lengths_must_match() -> None:
    with pytest.raises(ValueError):
        response_shift([1, 2], [1, 2], [1])


# --- Likert -----------------------------------------------------------------


def test_likert_summary() -> None:
    # Answers 5, 4, 4, 2, 5, 3 (one missing): n 6, mean 23/6 = 3.833333333,
    # median of [2, 3, 4, 4, 5, 5] = 4, top two points (4 and 5): 4/6
    result = likert_summary([5, 4, 4, None, 2, 5, 3])
    assert result["n"] == 6
    assert result["mean"] == pytest.approx(23 / 6)
    assert result["median"] == 4.0
    assert result["counts"] == {1: 0, 2: 1, 3: 1, 4: 2, 5: 2}
    assert result["share_top2"] == pytest.approx(4 / 6)
    assert list(result["counts"]) == [1, 2, 3, 4, 5]


def test_likert_summary_other_scale_and_empty() -> None:
    result = likert_summary([0, 3, 3, 1], scale=(0, 1, 2, 3))
    assert result["counts"] == {0: 1, 1: 1, 2: 0, 3: 2}
    assert result["share_top2"] == 0.5
    assert likert_summary([None, None]) == {
        "n": 0,
        "mean": None,
        "median": None,
        "counts": {1: 0, 2: 0, 3: 0, 4: 0, 5: 0},
        "share_top2": None,
    }
    with pytest.raises(ValueError):
        likert_summary([1, 6])


# --- Small groups -----------------------------------------------------------


def test_too_small() -> None:
    assert MIN_GROUP == 5
    assert too_small(0)
    assert too_small(1)
    assert too_small(4)
    assert not too_small(5)
    assert not too_small(120)
    with pytest.raises(ValueError):
        too_small(-1)


# --- Properties -------------------------------------------------------------

likert = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
pairs = st.lists(st.tuples(likert, likert), max_size=30)


def split(data: list[tuple[int | None, int | None]]) -> tuple[list[int | None], list[int | None]]:
    return [a for a, _ in data], [b for _, b in data]


@settings(max_examples=200, deadline=None)
@given(pairs)
def test_counts_add_up(data: list[tuple[int | None, int | None]]) -> None:
    pre, post = split(data)
    result = paired_change(pre, post)
    assert result["improved"] + result["same"] + result["worse"] == result["n"]
    assert result["n"] == sum(1 for a, b in data if a is not None and b is not None)
    assert_plain(result)


@settings(max_examples=200, deadline=None)
@given(pairs)
def test_rank_biserial_bounded(data: list[tuple[int | None, int | None]]) -> None:
    result = paired_change(*split(data))
    r = result["rank_biserial"]
    if result["improved"] + result["worse"] == 0:
        assert r is None
    else:
        assert r is not None
        assert -1 <= r <= 1
        assert (r == 1) == (result["worse"] == 0)
        assert (r == -1) == (result["improved"] == 0)


@settings(max_examples=200, deadline=None)
@given(pairs)
def test_swapping_negates(data: list[tuple[int | None, int | None]]) -> None:
    pre, post = split(data)
    forward: dict[str, Any] = dict(paired_change(pre, post))
    backward: dict[str, Any] = dict(paired_change(post, pre))
    for key in ("mean_change", "median_change", "d_z", "hedges_g", "rank_biserial"):
        if forward[key] is None:
            assert backward[key] is None
        else:
            assert backward[key] == pytest.approx(-forward[key])
    for key in ("n", "same", "sd_change", "wilcoxon_statistic", "p_value"):
        assert backward[key] == pytest.approx(forward[key])
    assert (backward["improved"], backward["worse"]) == (forward["worse"], forward["improved"])


@settings(max_examples=150, deadline=None)
@given(pairs)
def test_matches_scipy(data: list[tuple[int | None, int | None]]) -> None:
    complete = [(a, b) for a, b in data if a is not None and b is not None]
    result = paired_change(*split(data))
    diffs = np.array([b - a for a, b in complete], dtype=float)
    if len(complete) < 2 or not np.any(diffs):
        assert result["wilcoxon_statistic"] is None
        assert result["p_value"] is None
    else:
        expected = stats.wilcoxon(diffs, zero_method="wilcox")
        assert result["wilcoxon_statistic"] == float(expected.statistic)
        assert result["p_value"] == float(expected.pvalue)
    if result["d_z"] is not None:
        t = stats.ttest_rel([b for _, b in complete], [a for a, _ in complete]).statistic
        assert result["d_z"] == pytest.approx(float(t) / math.sqrt(len(complete)))
        assert abs(result["hedges_g"] or 0) <= abs(result["d_z"])


p_values = st.lists(
    st.one_of(st.none(), st.floats(min_value=0, max_value=1, allow_nan=False)), max_size=20
)


@settings(max_examples=80, deadline=None)
@given(p_values)
def test_holm_properties(raw: list[float | None]) -> None:
    adjusted = holm(raw)
    assert len(adjusted) == len(raw)
    present = [(p, a) for p, a in zip(raw, adjusted, strict=True) if p is not None]
    assert all(a is None for p, a in zip(raw, adjusted, strict=True) if p is None)
    m = len(present)
    for p, a in present:
        assert a is not None
        assert p <= a <= 1
        assert a <= min(1.0, m * p) + 1e-12  # never worse than Bonferroni
    # Monotone in the order of the raw p-values.
    ordered = sorted(present, key=lambda pair: pair[0])
    for (p1, a1), (p2, a2) in itertools.pairwise(ordered):
        assert a1 is not None and a2 is not None
        assert a1 <= a2
        if p1 == p2:
            assert a1 == a2


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=-100, max_value=100, allow_nan=False), min_size=2, max_size=30),
    st.floats(min_value=0.5, max_value=0.99),
)
def test_mean_ci_contains_mean(values: list[float], confidence: float) -> None:
    interval = mean_ci(values, confidence)
    assert interval is not None
    low, high = interval
    mean = float(np.mean(values))
    assert low <= mean + 1e-9
    assert mean - 1e-9 <= high
    # A higher confidence gives a wider interval.
    wider = mean_ci(values, min(0.999, confidence + 0.005))
    assert wider is not None
    assert wider[0] <= low + 1e-9
    assert high - 1e-9 <= wider[1]


# Small lists: with ties and at most 13 pairs scipy's default Wilcoxon p-value
# is an exhaustive permutation test (up to 2^13 sign patterns), which is slow.
@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=5),
            st.integers(min_value=1, max_value=5),
            st.integers(min_value=1, max_value=5),
        ),
        max_size=8,
    )
)
def test_response_shift_adds_up(data: list[tuple[int, int, int]]) -> None:
    pre = [a for a, _, _ in data]
    then = [b for _, b, _ in data]
    post = [c for _, _, c in data]
    result = response_shift(pre, then, post)
    assert result["n"] == len(data)
    shift = result["response_shift"]["mean_change"]
    perceived = result["perceived_change"]["mean_change"]
    conventional = result["conventional_change"]["mean_change"]
    if not data:
        assert shift is None and perceived is None and conventional is None
    else:
        assert shift is not None and perceived is not None
        assert shift + perceived == pytest.approx(conventional)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(min_value=-3, max_value=3), min_size=2, max_size=11).filter(
        lambda d: any(d)
    )
)
def test_the_counted_exact_test_is_scipys_permutation_test(differences: list[int]) -> None:
    """Tied and zero differences of small samples: the same statistic and
    p-value as SciPy's exhaustive permutation test, without enumerating."""
    pre = [3.0] * len(differences)
    post = [3.0 + d for d in differences]
    expected = stats.wilcoxon(np.array(differences, dtype=float), zero_method="wilcox")
    got = paired_change(pre, post)
    assert got["wilcoxon_statistic"] == pytest.approx(float(expected.statistic))
    assert got["p_value"] == pytest.approx(float(expected.pvalue), rel=1e-9, abs=1e-12)
