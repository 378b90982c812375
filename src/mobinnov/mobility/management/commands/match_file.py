"""``mobinnov match_file IN.json``: the matching solver contract (issue 4).

Reads a round as JSON from a file (or standard input with ``-``)::

    {"needs": [{"id": str, "organisation": str,
                "candidates": [{"offer": str, "score": number}]}],
     "offers": [{"id": str, "organisation": str, "capacity": int}],
     "reciprocity_weight": number,
     "time_limit_s": number}            (optional)

and prints the solution as JSON on standard output::

    {"assignments": [{"need": str, "offer": str}], "objective": number,
     "optimal": bool, "unassigned": [need ids]}

sorted by need id, so that the same input always prints the same text.
"""

from __future__ import annotations

import json
import math
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from mobinnov.mobility.matching import (
    Candidate,
    MatchingProblem,
    MatchingSolution,
    Need,
    Offer,
    solve,
)

# JSON numbers: floats or integers (but not booleans, which Python counts as integers).
NUMBER = (float, int)


def _field(obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """``obj[key]``, checked to be an object holding ``key`` of type ``kind``."""
    if not isinstance(obj, dict):
        raise CommandError(f"{where} must be a JSON object.")
    if key not in obj:
        raise CommandError(f'{where} has no "{key}".')
    value = obj[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int in Python but not a number in this contract.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        expected = {str: "a string", int: "an integer", list: "a list"}.get(kinds[0], "a number")
        raise CommandError(f'{where}: "{key}" must be {expected}, not {json.dumps(value)}.')
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an integer too large for a float
            finite = False
        if not finite:
            raise CommandError(f'{where}: "{key}" must be a finite number.')
    return value


def problem_from_json(data: Any) -> MatchingProblem:
    """Build a :class:`MatchingProblem` from the decoded JSON of the contract,
    raising CommandError with a message that names what is wrong."""
    if not isinstance(data, dict):
        raise CommandError("The input must be a JSON object with needs and offers.")
    offers = tuple(
        Offer(
            id=_field(item, "id", str, f"offers[{i}]"),
            organisation=_field(item, "organisation", str, f"offers[{i}]"),
            capacity=_field(item, "capacity", int, f"offers[{i}]"),
        )
        for i, item in enumerate(_field(data, "offers", list, "The input"))
    )
    needs = []
    for i, item in enumerate(_field(data, "needs", list, "The input")):
        where = f"needs[{i}]"
        need_id = _field(item, "id", str, where)
        organisation = _field(item, "organisation", str, where)
        candidates = tuple(
            Candidate(
                offer=_field(c, "offer", str, f"{where}.candidates[{j}]"),
                score=float(_field(c, "score", NUMBER, f"{where}.candidates[{j}]")),
            )
            for j, c in enumerate(_field(item, "candidates", list, where))
        )
        needs.append(Need(id=need_id, organisation=organisation, candidates=candidates))
    weight = _field(data, "reciprocity_weight", NUMBER, "The input")
    time_limit = None
    if data.get("time_limit_s") is not None:
        time_limit = _field(data, "time_limit_s", NUMBER, "The input")
    return MatchingProblem(
        needs=tuple(needs),
        offers=offers,
        reciprocity_weight=float(weight),
        time_limit_s=None if time_limit is None else float(time_limit),
    )


def solution_to_json(solution: MatchingSolution) -> dict[str, Any]:
    """The contract's output object, sorted by need id."""
    return {
        "assignments": [
            {"need": need, "offer": offer} for need, offer in sorted(solution.assignments.items())
        ],
        "objective": solution.objective,
        "optimal": solution.optimal,
        "unassigned": sorted(solution.unassigned),
    }


class Command(BaseCommand):
    help = (
        "Solve a matching round given as JSON (needs with candidate offers and scores, offers "
        "with capacities, reciprocity_weight, optional time_limit_s) and print the assignment, "
        "its objective and whether it is proven optimal, as JSON."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", help="The JSON file to read, or - for standard input.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["input"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text.") from error
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"Invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}."
            ) from error
        problem = problem_from_json(data)
        try:
            solution = solve(problem)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(solution_to_json(solution), indent=2))
