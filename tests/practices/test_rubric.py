"""Consensus and label: pure arithmetic on the rules stored as data."""

from mobinnov.practices.models import LabelRule, RubricCriterion
from mobinnov.practices.rubric import Rule, consensus, label_for

CODES = [
    "relevance",
    "evidence",
    "maturity",
    "innovation",
    "transferability",
    "sustainability",
    "stakeholders",
    "efficiency",
]


def _rules():
    return [
        Rule("good_practice", 24, {"evidence": 3, "transferability": 3}, {}),
        Rule("promising_practice", 0, {"innovation": 3}, {"evidence": 2}),
        Rule("experience"),
    ]


def test_consensus_is_the_mean_rounded_half_up():
    assert consensus([{"evidence": 2}, {"evidence": 3}], ["evidence"]) == {"evidence": 3}
    assert consensus([{"evidence": 1}, {"evidence": 2}, {"evidence": 2}], ["evidence"]) == {
        "evidence": 2
    }
    assert consensus([], ["evidence"]) == {}


def test_the_template_rule_gives_the_three_labels():
    good = dict.fromkeys(CODES, 3)
    assert label_for(good, _rules()) == "good_practice"  # 24 with evidence and transferability 3
    assert (
        label_for({**good, "evidence": 2}, _rules()) == "promising_practice"
    )  # innovation 3, evidence 2
    promising = {**dict.fromkeys(CODES, 1), "innovation": 4, "evidence": 2}
    assert label_for(promising, _rules()) == "promising_practice"
    assert label_for({**promising, "innovation": 2}, _rules()) == "experience"
    # 24 points but transferability 2 and evidence 3: neither good nor promising.
    assert label_for({**good, "transferability": 2, "relevance": 4}, _rules()) == "experience"


def test_the_rubric_and_rules_are_loaded_as_data(db):
    assert list(RubricCriterion.objects.values_list("code", flat=True)) == CODES
    assert (
        RubricCriterion.objects.get(code="evidence").translated("name", "fr")
        == "Preuves d'efficacité"
    )
    assert list(LabelRule.objects.values_list("label", flat=True)) == [
        "good_practice",
        "promising_practice",
        "experience",
    ]
