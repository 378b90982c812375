"""How fast the needs-to-offers matcher is, and how much better than greedy.

Random planning rounds of 200 x 50, 1,000 x 200 and 2,000 x 500 (needs x
offers), each need with about 20 candidate offers of other organisations,
scores uniform in 0..10 (two decimals), offer capacities 1..6, about 40
organisations; seeded, so every run solves the same rounds. Each round is
solved without reciprocity and with it (weight 0.5 by default), and the
greedy baseline (highest score first) is scored with the same objective.

    .venv/bin/python benchmarks/matching.py [--weight 0.5] [--seed 4] [--time-limit 60]

Goal (issue 4): 2,000 x 500 with reciprocity proven optimal in under 10 s.
"""

from __future__ import annotations

import argparse
import random

from mobinnov.mobility.matching import (
    Candidate,
    MatchingProblem,
    Need,
    Offer,
    greedy,
    solve,
)

SIZES = ((200, 50), (1_000, 200), (2_000, 500))


def random_round(
    n_needs: int,
    n_offers: int,
    *,
    seed: int,
    candidates: int = 20,
    organisations: int = 40,
    weight: float = 0.0,
    time_limit_s: float | None = None,
) -> MatchingProblem:
    """A random round: needs and offers spread over ``organisations``, each
    need with ``candidates`` distinct offers of other organisations (fewer if
    there are not that many)."""
    rng = random.Random(seed)
    orgs = [f"org{i:02d}" for i in range(organisations)]
    offers = tuple(
        Offer(id=f"o{i}", organisation=rng.choice(orgs), capacity=rng.randint(1, 6))
        for i in range(n_offers)
    )
    needs = []
    for i in range(n_needs):
        org = rng.choice(orgs)
        others = [offer for offer in offers if offer.organisation != org]
        chosen = rng.sample(others, min(candidates, len(others)))
        needs.append(
            Need(
                id=f"n{i}",
                organisation=org,
                candidates=tuple(
                    Candidate(offer=offer.id, score=round(rng.uniform(0, 10), 2))
                    for offer in chosen
                ),
            )
        )
    return MatchingProblem(
        needs=tuple(needs),
        offers=offers,
        reciprocity_weight=weight,
        time_limit_s=time_limit_s,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weight", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()

    header = f"{'round':>11} {'weight':>6} {'time s':>7} {'objective':>11} {'optimal':>7} {'assigned':>8} {'greedy':>11} {'gain':>6}"
    print(header)
    print("-" * len(header))
    for n_needs, n_offers in SIZES:
        for weight in (0.0, args.weight):
            problem = random_round(
                n_needs, n_offers, seed=args.seed, weight=weight, time_limit_s=args.time_limit
            )
            solution = solve(problem)
            baseline = greedy(problem)
            gain = 100 * (solution.objective - baseline.objective) / abs(baseline.objective or 1)
            print(
                f"{n_needs:>5} x {n_offers:<3} {weight:>6.2f} {solution.solve_time_s:>7.2f} "
                f"{solution.objective:>11.2f} {solution.optimal!s:>7} "
                f"{len(solution.assignments):>8} {baseline.objective:>11.2f} {gain:>5.1f}%",
                flush=True,
            )
            if not solution.optimal:
                print(f"{'':>11} {solution.status}", flush=True)


if __name__ == "__main__":
    main()
