"""The needs-to-offers matcher (issue 4, capability 4): exact against brute force
on tiny rounds, the hand-made cases the contract names, the time limit, and
the ``match_file`` command."""

from __future__ import annotations

import io
import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from mobinnov.mobility import matching
from mobinnov.mobility.matching import (
    Candidate,
    MatchingProblem,
    Need,
    Offer,
    greedy,
    objective_of,
    solve,
)

TOLERANCE = 1e-5


def brute_force(problem: MatchingProblem) -> float:
    """Best objective over every feasible assignment, computed without the
    module's helpers."""
    offers = {offer.id: offer for offer in problem.offers}
    choices = [[None, *(c for c in need.candidates)] for need in problem.needs]
    best = -float("inf")
    for picked in itertools.product(*choices):
        load: dict[str, int] = {}
        flow: dict[tuple[str, str], int] = {}
        total = 0.0
        feasible = True
        for need, candidate in zip(problem.needs, picked, strict=True):
            if candidate is None:
                continue
            offer = offers[candidate.offer]
            if offer.organisation == need.organisation:
                feasible = False
                break
            load[offer.id] = load.get(offer.id, 0) + 1
            if load[offer.id] > offer.capacity:
                feasible = False
                break
            total += candidate.score
            key = (need.organisation, offer.organisation)
            flow[key] = flow.get(key, 0) + 1
        if not feasible:
            continue
        for (a, b), net in problem.ledger.items():
            flow[a, b] = flow.get((a, b), 0) + net
        organisations = {org for pair in flow for org in pair}
        imbalance = sum(
            abs(flow.get((a, b), 0) - flow.get((b, a), 0))
            for a, b in itertools.combinations(sorted(organisations), 2)
        )
        best = max(best, total - problem.reciprocity_weight * imbalance)
    return best


def assert_feasible(problem: MatchingProblem, assignments: dict[str, str]) -> None:
    needs = {need.id: need for need in problem.needs}
    offers = {offer.id: offer for offer in problem.offers}
    load: dict[str, int] = {}
    for need_id, offer_id in assignments.items():
        need = needs[need_id]
        assert offer_id in {c.offer for c in need.candidates}
        assert offers[offer_id].organisation != need.organisation
        load[offer_id] = load.get(offer_id, 0) + 1
    for offer_id, count in load.items():
        assert count <= offers[offer_id].capacity


@st.composite
def tiny_rounds(draw: Any) -> MatchingProblem:
    organisations = draw(st.lists(st.sampled_from("ABC"), min_size=1, max_size=3, unique=True))
    offers = tuple(
        Offer(id=f"o{i}", organisation=draw(st.sampled_from(organisations)), capacity=capacity)
        for i, capacity in enumerate(draw(st.lists(st.integers(0, 2), max_size=3)))
    )
    scores = st.floats(min_value=-5, max_value=10, allow_nan=False, allow_infinity=False)
    needs = []
    for i in range(draw(st.integers(0, 5))):
        chosen = draw(st.lists(st.sampled_from(offers), unique=True)) if offers else []
        needs.append(
            Need(
                id=f"n{i}",
                organisation=draw(st.sampled_from(organisations)),
                candidates=tuple(Candidate(offer.id, draw(scores)) for offer in chosen),
            )
        )
    weight = draw(st.floats(min_value=0, max_value=3, allow_nan=False))
    # Earlier rounds' net flows, sometimes: the hook the planning rounds use.
    ledger = draw(
        st.dictionaries(
            st.tuples(st.sampled_from("ABC"), st.sampled_from("ABC")).filter(
                lambda pair: pair[0] != pair[1]
            ),
            st.integers(-2, 2),
            max_size=2,
        )
    )
    return MatchingProblem(
        needs=tuple(needs), offers=offers, reciprocity_weight=weight, ledger=ledger
    )


@settings(max_examples=150, deadline=None)
@given(tiny_rounds())
def test_it_finds_the_brute_force_optimum(problem: MatchingProblem) -> None:
    solution = solve(problem)
    assert solution.optimal
    assert solution.objective == pytest.approx(brute_force(problem), abs=TOLERANCE)
    assert_feasible(problem, solution.assignments)
    assert solution.objective == pytest.approx(
        objective_of(problem, solution.assignments), abs=1e-9
    )
    assert sorted(solution.unassigned) == sorted(
        need.id for need in problem.needs if need.id not in solution.assignments
    )


@settings(max_examples=150, deadline=None)
@given(tiny_rounds())
def test_the_cutoff_from_a_starting_assignment_keeps_the_optimum(
    problem: MatchingProblem,
) -> None:
    # Large rounds first look for a starting assignment and give its objective
    # to HiGHS as a cutoff; force that path on tiny rounds too.
    with mock.patch.object(matching, "START_MIN_NEEDS", 0):
        solution = solve(problem)
    assert solution.optimal
    assert solution.objective == pytest.approx(brute_force(problem), abs=TOLERANCE)
    assert_feasible(problem, solution.assignments)


@settings(max_examples=150, deadline=None)
@given(tiny_rounds())
def test_greedy_is_feasible_and_never_better(problem: MatchingProblem) -> None:
    baseline = greedy(problem)
    assert_feasible(problem, baseline.assignments)
    assert baseline.objective <= solve(problem).objective + TOLERANCE


def round_of(
    needs: list[tuple[str, str, list[tuple[str, float]]]],
    offers: list[tuple[str, str, int]],
    weight: float = 0.0,
    **kwargs: Any,
) -> MatchingProblem:
    return MatchingProblem(
        needs=tuple(
            Need(id, org, tuple(Candidate(offer, score) for offer, score in candidates))
            for id, org, candidates in needs
        ),
        offers=tuple(Offer(id, org, capacity) for id, org, capacity in offers),
        reciprocity_weight=weight,
        **kwargs,
    )


def test_reciprocity_prefers_a_balanced_exchange() -> None:
    # a1 fits oC1 best (6.5), but that leaves A->C and B->A one-way (cost 2);
    # a1 -> oB1 (6.0) makes an exchange with b1 -> oA1 instead.
    problem = round_of(
        needs=[("a1", "A", [("oB1", 6.0), ("oC1", 6.5)]), ("b1", "B", [("oA1", 4.0)])],
        offers=[("oB1", "B", 1), ("oC1", "C", 1), ("oA1", "A", 1)],
        weight=1.0,
    )
    solution = solve(problem)
    assert solution.optimal
    assert solution.assignments == {"a1": "oB1", "b1": "oA1"}
    assert solution.objective == pytest.approx(10.0)
    without = solve(
        MatchingProblem(needs=problem.needs, offers=problem.offers, reciprocity_weight=0)
    )
    assert without.assignments == {"a1": "oC1", "b1": "oA1"}
    assert without.objective == pytest.approx(10.5)


def test_an_imbalance_is_accepted_when_the_scores_are_worth_it() -> None:
    problem = round_of(
        needs=[
            ("a1", "A", [("oB1", 6.0)]),
            ("a2", "A", [("oB1", 5.0)]),
            ("b1", "B", [("oA1", 4.5)]),
        ],
        offers=[("oB1", "B", 2), ("oA1", "A", 1)],
        weight=1.0,
    )
    solution = solve(problem)
    # 6 + 5 + 4.5 - |2 - 1| = 14.5 beats the balanced 6 + 4.5 = 10.5.
    assert solution.assignments == {"a1": "oB1", "a2": "oB1", "b1": "oA1"}
    assert solution.objective == pytest.approx(14.5)


def test_it_never_sends_a_need_to_its_own_organisation() -> None:
    problem = round_of(
        needs=[("a1", "A", [("oA1", 10.0), ("oB1", 1.0)]), ("a2", "A", [("oA1", 9.0)])],
        offers=[("oA1", "A", 5), ("oB1", "B", 5)],
    )
    solution = solve(problem)
    assert solution.assignments == {"a1": "oB1"}
    assert solution.unassigned == ("a2",)
    assert greedy(problem).assignments == {"a1": "oB1"}
    with pytest.raises(ValueError, match="own organisation"):
        objective_of(problem, {"a1": "oA1"})


def test_it_respects_capacities() -> None:
    problem = round_of(
        needs=[
            (f"a{i}", "A", [("oB", 10.0 - i), ("oC", 1.0 + i / 10), ("oD", 50.0)]) for i in range(5)
        ],
        offers=[("oB", "B", 2), ("oC", "C", 1), ("oD", "D", 0)],
    )
    solution = solve(problem)
    assert solution.assignments == {"a0": "oB", "a1": "oB", "a4": "oC"}
    assert solution.unassigned == ("a2", "a3")
    with pytest.raises(ValueError, match="capacity"):
        objective_of(problem, {"a0": "oC", "a1": "oC"})


def test_an_empty_round_gives_an_empty_optimal_answer() -> None:
    solution = solve(MatchingProblem())
    assert solution.assignments == {}
    assert solution.optimal
    assert solution.objective == 0
    assert solution.unassigned == ()


def test_rounds_where_nothing_can_be_assigned_are_answered_not_refused() -> None:
    problem = round_of(
        needs=[
            ("a1", "A", []),  # no candidate
            ("a2", "A", [("oA", 3.0)]),  # only its own organisation
            ("a3", "A", [("oB", 3.0)]),  # an offer without capacity
            ("a4", "A", [("oC", -2.0)]),  # a pair that lowers the total
        ],
        offers=[("oA", "A", 1), ("oB", "B", 0), ("oC", "C", 1)],
        weight=0.5,
    )
    solution = solve(problem)
    assert solution.optimal
    assert solution.assignments == {}
    assert solution.unassigned == ("a1", "a2", "a3", "a4")
    assert solution.objective == 0


def test_a_negative_score_is_taken_when_reciprocity_pays_for_it() -> None:
    # b1 -> oA costs 0.5 in score but removes one unit of imbalance (worth 2).
    problem = round_of(
        needs=[("a1", "A", [("oB", 5.0)]), ("b1", "B", [("oA", -0.5)])],
        offers=[("oA", "A", 1), ("oB", "B", 1)],
        weight=2.0,
    )
    solution = solve(problem)
    assert solution.assignments == {"a1": "oB", "b1": "oA"}
    assert solution.objective == pytest.approx(4.5)


def test_the_ledger_of_earlier_rounds_counts() -> None:
    # A already sent 1 more to B than it received: the only exchange this round,
    # b1 -> oA, now balances the pair instead of unbalancing it.
    needs = [("a1", "A", [("oB", 3.0)]), ("b1", "B", [("oA", 0.5)])]
    offers = [("oA", "A", 1), ("oB", "B", 1)]
    plain = solve(round_of(needs=needs[1:], offers=offers, weight=1.0))
    assert plain.assignments == {}
    with_ledger = solve(
        round_of(needs=needs[1:], offers=offers, weight=1.0, ledger={("A", "B"): 1})
    )
    assert with_ledger.assignments == {"b1": "oA"}
    assert with_ledger.objective == pytest.approx(0.5)
    # The same history told from B's side.
    reversed_ledger = solve(
        round_of(needs=needs[1:], offers=offers, weight=1.0, ledger={("B", "A"): -1})
    )
    assert reversed_ledger.assignments == {"b1": "oA"}
    # A ledger pair this round cannot change is a constant in the objective.
    untouched = solve(round_of(needs=needs, offers=offers, weight=1.0, ledger={("C", "D"): 3}))
    assert untouched.objective == pytest.approx(3.5 - 3.0)


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (round_of(needs=[("a", "A", []), ("a", "B", [])], offers=[]), "Duplicate need id"),
        (round_of(needs=[], offers=[("o", "A", 1), ("o", "B", 1)]), "Duplicate offer id"),
        (round_of(needs=[("a", "A", [("x", 1.0)])], offers=[]), "unknown offer 'x'"),
        (
            round_of(needs=[("a", "A", [("o", 1.0), ("o", 2.0)])], offers=[("o", "B", 1)]),
            "listed twice",
        ),
        (round_of(needs=[], offers=[("o", "A", -1)]), "must not be negative"),
        (
            round_of(needs=[("a", "A", [("o", float("nan"))])], offers=[("o", "B", 1)]),
            "finite",
        ),
        (round_of(needs=[], offers=[], weight=float("inf")), "finite"),
        (
            round_of(needs=[("a", "A", [("o", 1e300)])], offers=[("o", "B", 1)]),
            "too large",
        ),
        (round_of(needs=[], offers=[], weight=-1), "must not be negative"),
        (round_of(needs=[], offers=[], time_limit_s=0), "positive"),
        (round_of(needs=[], offers=[], ledger={("A", "A"): 1}), "two organisations"),
    ],
)
def test_it_refuses_invalid_input(problem: MatchingProblem, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        solve(problem)


def random_round(n_needs: int, n_offers: int, *, seed: int, weight: float) -> MatchingProblem:
    rng = random.Random(seed)
    orgs = [f"org{i}" for i in range(40)]
    offers = tuple(Offer(f"o{i}", rng.choice(orgs), rng.randint(1, 6)) for i in range(n_offers))
    needs = []
    for i in range(n_needs):
        org = rng.choice(orgs)
        others = [offer for offer in offers if offer.organisation != org]
        needs.append(
            Need(
                f"n{i}",
                org,
                tuple(
                    Candidate(offer.id, round(rng.uniform(0, 10), 2))
                    for offer in rng.sample(others, 20)
                ),
            )
        )
    return MatchingProblem(needs=tuple(needs), offers=offers, reciprocity_weight=weight)


def test_a_tiny_time_limit_returns_a_feasible_answer_marked_not_optimal() -> None:
    big = random_round(1_000, 200, seed=1, weight=0.5)
    limited = MatchingProblem(
        needs=big.needs, offers=big.offers, reciprocity_weight=0.5, time_limit_s=0.001
    )
    solution = solve(limited)
    assert not solution.optimal
    assert solution.status
    assert_feasible(limited, solution.assignments)
    assert solution.objective == pytest.approx(objective_of(limited, solution.assignments))
    assert len(solution.assignments) + len(solution.unassigned) == 1_000


def test_a_medium_round_is_solved_to_proven_optimality() -> None:
    problem = random_round(200, 50, seed=2, weight=0.5)
    solution = solve(problem)
    assert solution.optimal
    assert solution.objective >= greedy(problem).objective


# The command ----------------------------------------------------------------

ROUND = {
    "needs": [
        {"id": "b1", "organisation": "B", "candidates": [{"offer": "oA", "score": 4.5}]},
        {
            "id": "a1",
            "organisation": "A",
            "candidates": [{"offer": "oB", "score": 6}, {"offer": "oA", "score": 9}],
        },
        {"id": "a2", "organisation": "A", "candidates": []},
    ],
    "offers": [
        {"id": "oA", "organisation": "A", "capacity": 1},
        {"id": "oB", "organisation": "B", "capacity": 2},
    ],
    "reciprocity_weight": 1,
    "time_limit_s": 10,
}
EXPECTED = {
    "assignments": [{"need": "a1", "offer": "oB"}, {"need": "b1", "offer": "oA"}],
    "objective": 10.5,
    "optimal": True,
    "unassigned": ["a2"],
}


def run_command(*args: str, stdin: str | None = None) -> Any:
    out = io.StringIO()
    if stdin is None:
        call_command("match_file", *args, stdout=out)
    else:
        saved = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            call_command("match_file", *args, stdout=out)
        finally:
            sys.stdin = saved
    return json.loads(out.getvalue())


def test_the_command_solves_a_file(tmp_path: Path) -> None:
    path = tmp_path / "round.json"
    path.write_text(json.dumps(ROUND), encoding="utf-8")
    assert run_command(str(path)) == EXPECTED


def test_the_command_reads_standard_input() -> None:
    assert run_command("-", stdin=json.dumps(ROUND)) == EXPECTED
    without_limit = {key: value for key, value in ROUND.items() if key != "time_limit_s"}
    assert run_command("-", stdin=json.dumps(without_limit)) == EXPECTED


def test_the_command_answers_an_empty_round() -> None:
    empty = {"needs": [], "offers": [], "reciprocity_weight": 0}
    assert run_command("-", stdin=json.dumps(empty)) == {
        "assignments": [],
        "objective": 0.0,
        "optimal": True,
        "unassigned": [],
    }


def with_change(path: list[str | int], value: Any) -> str:
    data = json.loads(json.dumps(ROUND))
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "Invalid JSON at line 1"),
        ("[]", "must be a JSON object"),
        (with_change(["needs"], KeyError), 'has no "needs"'),
        (with_change(["offers"], {}), '"offers" must be a list'),
        (with_change(["reciprocity_weight"], KeyError), 'has no "reciprocity_weight"'),
        (with_change(["reciprocity_weight"], "1"), '"reciprocity_weight" must be'),
        (with_change(["reciprocity_weight"], -1), "must not be negative"),
        (with_change(["needs", 0, "id"], 7), 'needs\\[0\\]: "id" must be a string'),
        (with_change(["needs", 1, "candidates", 0, "score"], "high"), r"candidates\[0\]"),
        (with_change(["needs", 1, "candidates", 0, "score"], True), '"score" must be a number'),
        (with_change(["needs", 1, "candidates", 0, "offer"], "oZ"), "unknown offer 'oZ'"),
        (with_change(["offers", 0, "capacity"], 1.5), '"capacity" must be an integer'),
        (with_change(["offers", 0, "capacity"], -2), "must not be negative"),
        (with_change(["offers", 1, "id"], "oA"), "Duplicate offer id 'oA'"),
        (with_change(["time_limit_s"], 0), "time_limit_s must be positive"),
        (with_change(["needs", 0], "b1"), r"needs\[0\] must be a JSON object"),
        ('{"needs": [], "offers": [], "reciprocity_weight": NaN}', "finite"),
    ],
)
def test_the_command_explains_bad_input(text: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run_command("-", stdin=text)


def test_the_command_explains_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        run_command(str(tmp_path / "missing.json"))


def test_the_command_line_exits_1_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"needs": []}', encoding="utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mobinnov.config.test_settings"}
    result = subprocess.run(
        [sys.executable, "-m", "mobinnov.config.manage", "match_file", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert 'has no "offers"' in result.stderr
    assert "Traceback" not in result.stderr
