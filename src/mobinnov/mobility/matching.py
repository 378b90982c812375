"""Exact matching of learning needs to host offers, with a reciprocity goal.

Pure module (no Django): the planning rounds and the ``match_file`` command
build a :class:`MatchingProblem`, call :func:`solve` and read the
:class:`MatchingSolution`.

The objective, to maximise, is

    sum of the scores of the assigned need-offer pairs
    - reciprocity_weight * sum over unordered organisation pairs {A, B} of
      |assigned A->B - assigned B->A + ledger(A, B)|

where a need's organisation sends to its offer's organisation. Each need gets
at most one offer among its candidates, no offer takes more needs than its
capacity, and a need is never sent to an offer of its own organisation (such
candidates are dropped). ``ledger`` carries the net flows of earlier rounds
(see :class:`MatchingProblem`); it is empty for the solver contract of
``mobinnov match_file``.

The empty assignment is always feasible, so a round is never infeasible: an
empty round, needs without candidates or offers without capacity simply leave
needs unassigned.

Model (mixed-integer, solved by HiGHS through :func:`scipy.optimize.milp`):
one binary ``x[e]`` per usable candidate pair ``e``; one row per need
(``sum x <= 1``) and per offer (``sum x <= capacity``); with reciprocity, per
organisation pair {A, B} (A < B) that some usable candidate links, one row
``sum x[A->B] - sum x[B->A] - pos + neg = -L`` with ``pos, neg >= 0`` each
costing the weight, so that at the optimum ``pos + neg = |g + L|`` (the
absolute value linearised with one pair of variables and one row per pair
that occurs). Without reciprocity the model is a transportation problem
whose LP relaxation is integral, and HiGHS solves it at the root.

With reciprocity HiGHS's own heuristics are slow to find good assignments on
large rounds, so :func:`solve` first finds one from the LP relaxation
(interior point) and gives its objective to HiGHS as a cutoff; see
``docs/performance.md`` ("Matching") for what that buys and where the limits
are.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, linprog, milp
from scipy.sparse import csr_array

__all__ = [
    "Candidate",
    "MatchingProblem",
    "MatchingSolution",
    "Need",
    "Offer",
    "greedy",
    "objective_of",
    "solve",
    "validate",
]

# Relative tolerance of the internal check that the objective recomputed from
# the assignment agrees with the solver's.
OBJECTIVE_CHECK_TOLERANCE = 1e-6
# Rounds with reciprocity and at least this many needs get a starting
# assignment (and so a cutoff) before the exact solve; smaller ones do not need it.
START_MIN_NEEDS = 100
# Wall time given to finding the starting assignment, at most.
START_TIME_S = 2.0
# The cutoff lets through assignments this much (relatively) below the
# starting one, so that rounding never hides it from HiGHS.
CUTOFF_SLACK = 1e-9

# Largest score or weight accepted.
MAX_MAGNITUDE = 1e9

OrganisationPair = tuple[str, str]


@dataclass(frozen=True)
class Candidate:
    """An offer a need may be sent to, with the fit score of the pair."""

    offer: str
    score: float


@dataclass(frozen=True)
class Need:
    """A learning need of a staff member of ``organisation``."""

    id: str
    organisation: str
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Offer:
    """A host offer of ``organisation`` that can take ``capacity`` needs."""

    id: str
    organisation: str
    capacity: int


@dataclass(frozen=True)
class MatchingProblem:
    """One planning round.

    ``reciprocity_weight`` (>= 0) is what one unit of imbalance between two
    organisations costs, in score units. ``time_limit_s`` (> 0, or None for
    none) bounds the solver's search; the model is built outside it.

    ``ledger`` maps an ordered organisation pair ``(A, B)`` to the number of
    staff A has sent to B in earlier rounds, net of what B sent to A (so
    ``{("A", "B"): 2}`` and ``{("B", "A"): -2}`` say the same thing; when both
    orders are given their values are combined as ``ledger[A, B] -
    ledger[B, A]``). It is added to this round's difference for the pair, so
    the solver tends to send the other way. A ledger pair that no candidate of
    this round can change still counts in the objective, as a constant.
    """

    needs: tuple[Need, ...] = ()
    offers: tuple[Offer, ...] = ()
    reciprocity_weight: float = 0.0
    time_limit_s: float | None = None
    ledger: Mapping[OrganisationPair, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MatchingSolution:
    """The assignment need id -> offer id and what is known about it.

    ``optimal`` is True only when the solver proved that no better assignment
    exists (within its absolute gap of 1e-6). ``status`` says in words how the
    solve ended; ``solve_time_s`` is the wall time of :func:`solve`, model
    building included.
    """

    assignments: dict[str, str]
    objective: float
    optimal: bool
    unassigned: tuple[str, ...]
    status: str
    solve_time_s: float


def _check_number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, not {value!r}.")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, not {value!r}.")
    # HiGHS reads costs of 1e20 and more as infinite; scores are far smaller.
    if abs(number) > MAX_MAGNITUDE:
        raise ValueError(f"{what} is too large (more than {MAX_MAGNITUDE:g} in size).")
    return number


def validate(problem: MatchingProblem) -> None:
    """Raise ValueError naming the first problem found in ``problem``: duplicate
    need or offer ids, a candidate naming an unknown offer or the same offer
    twice, a negative or non-integer capacity, a non-finite or huge score, a negative,
    non-finite or huge reciprocity weight, a non-positive time limit or a bad
    ledger entry."""
    offers: dict[str, Offer] = {}
    for offer in problem.offers:
        if offer.id in offers:
            raise ValueError(f"Duplicate offer id {offer.id!r}.")
        offers[offer.id] = offer
        if isinstance(offer.capacity, bool) or not isinstance(offer.capacity, int):
            raise ValueError(f"Offer {offer.id!r}: capacity must be an integer.")
        if offer.capacity < 0:
            raise ValueError(f"Offer {offer.id!r}: capacity must not be negative.")
    need_ids: set[str] = set()
    for need in problem.needs:
        if need.id in need_ids:
            raise ValueError(f"Duplicate need id {need.id!r}.")
        need_ids.add(need.id)
        seen: set[str] = set()
        for candidate in need.candidates:
            if candidate.offer not in offers:
                raise ValueError(f"Need {need.id!r}: unknown offer {candidate.offer!r}.")
            if candidate.offer in seen:
                raise ValueError(f"Need {need.id!r}: offer {candidate.offer!r} listed twice.")
            seen.add(candidate.offer)
            _check_number(candidate.score, f"Need {need.id!r}, offer {candidate.offer!r}: score")
    weight = _check_number(problem.reciprocity_weight, "reciprocity_weight")
    if weight < 0:
        raise ValueError("reciprocity_weight must not be negative.")
    if problem.time_limit_s is not None:
        limit = _check_number(problem.time_limit_s, "time_limit_s")
        if limit <= 0:
            raise ValueError("time_limit_s must be positive.")
    for pair, net in problem.ledger.items():
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ValueError(f"Ledger key {pair!r} must be a pair of two organisations.")
        if isinstance(net, bool) or not isinstance(net, int):
            raise ValueError(f"Ledger {pair!r}: the net flow must be an integer.")


def _usable_pairs(problem: MatchingProblem) -> list[tuple[Need, Offer, float]]:
    """Candidate pairs the solver may use: own-organisation offers dropped."""
    offers = {offer.id: offer for offer in problem.offers}
    pairs = []
    for need in problem.needs:
        for candidate in need.candidates:
            offer = offers[candidate.offer]
            if offer.organisation != need.organisation and offer.capacity > 0:
                pairs.append((need, offer, float(candidate.score)))
    return pairs


def _net_ledger(ledger: Mapping[OrganisationPair, int]) -> dict[OrganisationPair, int]:
    """Ledger as net flow from the smaller to the larger organisation name."""
    net: dict[OrganisationPair, int] = {}
    for (a, b), value in ledger.items():
        if a < b:
            net[a, b] = net.get((a, b), 0) + value
        else:
            net[b, a] = net.get((b, a), 0) - value
    return net


def objective_of(problem: MatchingProblem, assignments: Mapping[str, str]) -> float:
    """The objective of ``assignments`` (need id -> offer id), computed from
    the definition alone. Raises ValueError if the assignment is infeasible:
    an unknown need or offer, an offer that is not among the need's
    candidates or belongs to its own organisation, or an exceeded capacity."""
    needs = {need.id: need for need in problem.needs}
    offers = {offer.id: offer for offer in problem.offers}
    load: dict[str, int] = {}
    scores: list[float] = []
    imbalance = _net_ledger(problem.ledger)
    for need_id, offer_id in assignments.items():
        if need_id not in needs:
            raise ValueError(f"Unknown need {need_id!r}.")
        need = needs[need_id]
        candidates = {candidate.offer: candidate.score for candidate in need.candidates}
        if offer_id not in candidates:
            raise ValueError(f"Offer {offer_id!r} is not a candidate of need {need_id!r}.")
        offer = offers[offer_id]
        if offer.organisation == need.organisation:
            raise ValueError(f"Need {need_id!r} sent to its own organisation.")
        load[offer_id] = load.get(offer_id, 0) + 1
        if load[offer_id] > offer.capacity:
            raise ValueError(f"Offer {offer_id!r} is over its capacity.")
        scores.append(float(candidates[offer_id]))
        a, b = need.organisation, offer.organisation
        if a < b:
            imbalance[a, b] = imbalance.get((a, b), 0) + 1
        else:
            imbalance[b, a] = imbalance.get((b, a), 0) - 1
    penalty = sum(abs(value) for value in imbalance.values())
    # fsum: the same assignment gives the same objective whatever its order.
    return math.fsum(scores) - float(problem.reciprocity_weight) * penalty


def _solution(
    problem: MatchingProblem,
    assignments: dict[str, str],
    *,
    optimal: bool,
    status: str,
    started: float,
) -> MatchingSolution:
    unassigned = tuple(sorted(need.id for need in problem.needs if need.id not in assignments))
    return MatchingSolution(
        assignments=dict(sorted(assignments.items())),
        objective=objective_of(problem, assignments),
        optimal=optimal,
        unassigned=unassigned,
        status=status,
        solve_time_s=time.perf_counter() - started,
    )


def greedy(problem: MatchingProblem) -> MatchingSolution:
    """Baseline: take the usable pairs by decreasing score (positive scores
    only), keeping each one whose need is still free and whose offer still has
    room. Ignores reciprocity when choosing; the objective counts it."""
    started = time.perf_counter()
    validate(problem)
    remaining = {offer.id: offer.capacity for offer in problem.offers}
    assignments: dict[str, str] = {}
    pairs = sorted(_usable_pairs(problem), key=lambda p: (-p[2], p[0].id, p[1].id))
    for need, offer, score in pairs:
        if score <= 0:
            break
        if need.id not in assignments and remaining[offer.id] > 0:
            assignments[need.id] = offer.id
            remaining[offer.id] -= 1
    return _solution(problem, assignments, optimal=False, status="greedy baseline", started=started)


@dataclass(frozen=True)
class _Model:
    """The mixed-integer model of a round, for HiGHS (which minimises)."""

    needs: list[str]  # need id of each pair variable
    offers: list[str]  # offer id of each pair variable
    cost: np.ndarray
    integrality: np.ndarray
    bounds: Bounds
    matrix: csr_array
    row_lower: np.ndarray
    row_upper: np.ndarray
    constant: float  # objective = -(cost @ x) - constant

    @property
    def n_pairs(self) -> int:
        return len(self.needs)

    def assignments(self, x: np.ndarray) -> dict[str, str]:
        chosen = np.flatnonzero(x[: self.n_pairs] > 0.5)
        return {self.needs[e]: self.offers[e] for e in chosen}


def _build(problem: MatchingProblem, pairs: list[tuple[Need, Offer, float]]) -> _Model:
    """Rows: one per need (at most one offer), one per offer (capacity), and,
    with reciprocity, one per organisation pair {A, B} (A < B) that some usable
    candidate links: ``sum(x[A->B]) - sum(x[B->A]) - pos + neg = -ledger``,
    with ``pos, neg >= 0`` costing the weight each, so that at the optimum
    ``pos + neg`` is the pair's imbalance."""
    n_x = len(pairs)
    need_row = {need.id: i for i, need in enumerate(problem.needs)}
    offer_row = {offer.id: len(need_row) + i for i, offer in enumerate(problem.offers)}
    n_rows = len(need_row) + len(offer_row)
    rows = [need_row[need.id] for need, _offer, _score in pairs]
    rows += [offer_row[offer.id] for _need, offer, _score in pairs]
    cols = list(range(n_x)) * 2
    vals = [1.0] * (2 * n_x)
    row_upper = [1.0] * len(need_row)
    # A capacity above the number of needs is no constraint; capping it keeps
    # the numbers small whatever the input says.
    row_upper += [float(min(offer.capacity, len(need_row))) for offer in problem.offers]
    row_lower = [-np.inf] * n_rows
    cost = [-score for _need, _offer, score in pairs]
    integrality = [1] * n_x
    upper = [1.0] * n_x

    weight = float(problem.reciprocity_weight)
    ledger = _net_ledger(problem.ledger)
    constant = 0.0
    if weight > 0:
        pair_row: dict[OrganisationPair, int] = {}
        for e, (need, offer, _score) in enumerate(pairs):
            a, b = need.organisation, offer.organisation
            key, sign = ((a, b), 1.0) if a < b else ((b, a), -1.0)
            rows.append(n_rows + pair_row.setdefault(key, len(pair_row)))
            cols.append(e)
            vals.append(sign)
        n_org_pairs = len(pair_row)
        for key, p in pair_row.items():
            net = float(ledger.get(key, 0))
            rows += (n_rows + p, n_rows + p)
            cols += (n_x + 2 * p, n_x + 2 * p + 1)
            vals += (-1.0, 1.0)
            row_lower.append(-net)
            row_upper.append(-net)
        n_rows += n_org_pairs
        cost += [weight] * (2 * n_org_pairs)
        integrality += [0] * (2 * n_org_pairs)
        upper += [np.inf] * (2 * n_org_pairs)
        # Ledger pairs that no candidate of this round links: a constant.
        constant = weight * sum(abs(v) for key, v in ledger.items() if key not in pair_row)
    n_vars = len(cost)
    matrix = csr_array(
        (np.asarray(vals), (np.asarray(rows), np.asarray(cols))), shape=(n_rows, n_vars)
    )
    return _Model(
        needs=[need.id for need, _offer, _score in pairs],
        offers=[offer.id for _need, offer, _score in pairs],
        cost=np.asarray(cost, dtype=float),
        integrality=np.asarray(integrality),
        bounds=Bounds(np.zeros(n_vars), np.asarray(upper)),
        matrix=matrix,
        row_lower=np.asarray(row_lower),
        row_upper=np.asarray(row_upper),
        constant=constant,
    )


def _milp(
    model: _Model,
    *,
    time_limit: float | None,
    bounds: Bounds | None = None,
    cutoff: float | None = None,
) -> OptimizeResult:
    options: dict[str, object] = {"mip_rel_gap": 0.0}
    if time_limit is not None:
        options["time_limit"] = max(time_limit, 1e-3)
    if cutoff is not None:
        # Not one of milp's documented options: passed to HiGHS as is (with a
        # warning, silenced here). HiGHS prunes every node that cannot beat it.
        options["objective_bound"] = cutoff
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return milp(
            model.cost,
            integrality=model.integrality,
            bounds=model.bounds if bounds is None else bounds,
            constraints=LinearConstraint(model.matrix, model.row_lower, model.row_upper),
            options=options,
        )


def _lp_relaxation(model: _Model, *, time_limit: float | None) -> np.ndarray | None:
    """The LP relaxation's solution by the interior point method (with
    crossover), much faster than the dual simplex on these degenerate LPs."""
    equal = model.row_lower == model.row_upper
    options: dict[str, object] = {}
    if time_limit is not None:
        options["time_limit"] = max(time_limit, 1e-3)
    result = linprog(
        model.cost,
        A_ub=model.matrix[~equal],
        b_ub=model.row_upper[~equal],
        A_eq=model.matrix[equal] if equal.any() else None,
        b_eq=model.row_lower[equal] if equal.any() else None,
        bounds=np.column_stack([model.bounds.lb, model.bounds.ub]),
        method="highs-ipm",
        options=options,
    )
    return result.x if result.status == 0 else None


def _remaining(started: float, limit: float | None) -> float | None:
    return None if limit is None else limit - (time.perf_counter() - started)


def _incumbent(
    problem: MatchingProblem, model: _Model, started: float, share: float
) -> tuple[dict[str, str] | None, float]:
    """A good assignment to start from, and the LP relaxation's bound on the
    objective (infinite if the LP was not solved in time): solve the LP
    relaxation, keep the pair variables it sets to 0 or 1, and solve the small
    MIP over the fractional ones (HiGHS's own heuristics are slow to find a
    good assignment on large rounds)."""
    limit = _remaining(started, problem.time_limit_s)
    lp_x = _lp_relaxation(model, time_limit=limit)
    if lp_x is None:
        return None, math.inf
    lp_bound = -float(model.cost @ lp_x) - model.constant
    x = lp_x[: model.n_pairs]
    settled = (x < 1e-6) | (x > 1 - 1e-6)
    lower, upper = model.bounds.lb.copy(), model.bounds.ub.copy()
    lower[: model.n_pairs][settled] = upper[: model.n_pairs][settled] = np.round(x[settled])
    limit = _remaining(started, problem.time_limit_s)
    budget = share if limit is None else min(share, limit / 3)
    result = _milp(model, time_limit=budget, bounds=Bounds(lower, upper))
    return (None if result.x is None else model.assignments(result.x)), lp_bound


def solve(problem: MatchingProblem) -> MatchingSolution:
    """Best assignment of needs to offers (see the module docstring for the
    objective), solved exactly by HiGHS.

    With reciprocity, a starting assignment is found first from the LP
    relaxation (see ``_incumbent``) and its objective is given to HiGHS as a
    cutoff, which lets it discard most of the search at once.

    Raises ValueError for invalid input (see :func:`validate`). Never fails
    otherwise: when the time limit stops the search, the best assignment at
    hand is returned with ``optimal=False``: HiGHS's, the starting one or the
    greedy baseline's, whichever scores best (the greedy baseline always
    exists, so when HiGHS found nothing in time the answer is the baseline,
    possibly empty, and the status says so). The time limit covers the whole
    search; only validation and building the model (well under a second for
    thousands of needs) come before it.
    """
    started = time.perf_counter()
    validate(problem)
    pairs = _usable_pairs(problem)
    if not pairs:
        return _solution(
            problem,
            {},
            optimal=True,
            status="nothing to assign: no usable candidate pair",
            started=started,
        )
    model = _build(problem, pairs)
    start: dict[str, str] | None = None
    cutoff = None
    bound = math.inf
    if problem.reciprocity_weight > 0 and len(problem.needs) >= START_MIN_NEEDS:
        start, bound = _incumbent(problem, model, started, share=START_TIME_S)
        if start is not None:
            value = objective_of(problem, start)
            cutoff = -(value + model.constant) + CUTOFF_SLACK * max(1.0, abs(value))
    limit = _remaining(started, problem.time_limit_s)
    result = _milp(model, time_limit=limit, cutoff=cutoff)

    found = None if result.x is None else model.assignments(result.x)
    if found is not None and result.status == 0:
        recomputed = objective_of(problem, found)
        solver_objective = -float(result.fun) - model.constant
        tolerance = OBJECTIVE_CHECK_TOLERANCE * max(1.0, abs(recomputed))
        assert abs(recomputed - solver_objective) <= tolerance, (
            f"objective check failed: solver {solver_objective}, recomputed {recomputed}"
        )
        return _solution(problem, found, optimal=True, status="optimal", started=started)

    # Stopped early (or, numerically, found nothing beyond the cutoff): return
    # the best assignment at hand, not proven optimal.
    candidates = [("greedy baseline", greedy(problem).assignments)]
    if start is not None:
        candidates.append(("starting assignment", start))
    if found is not None:
        candidates.append(("solver", found))
    source, best = max(candidates, key=lambda item: objective_of(problem, item[1]))
    status = f"not proven optimal: {result.message}"
    if found is None:
        status += "; HiGHS found no assignment in time"
    status += f"; best assignment from the {source}"
    if result.get("mip_dual_bound") is not None:
        bound = min(bound, -result.mip_dual_bound - model.constant)
    if math.isfinite(bound):
        status += f"; no assignment can score more than {bound:.2f}"
    return _solution(problem, best, optimal=False, status=status, started=started)
