"""The aggregations behind the impact dashboards: what counts, the threshold
of 5, the statistics (checked against mobinnov.impact.statistics on the
same pairs) and a bounded number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mobinnov.impact import codes, selectors, statistics
from mobinnov.impact.models import Answer, Invitation, Wave
from mobinnov.impact.selectors import Filters
from mobinnov.mobility.models import Mobility
from mobinnov.network.models import Membership, Organisation
from tests.impact import dashboard_data as data
from tests.mobility.test_records_web import make_org

D = dt.date
A, B = data.COMPETENCES


@pytest.fixture
def world(db: None) -> data.World:
    return data.build_world()


@pytest.fixture
def org_c(db: None) -> Organisation:
    return make_org("Instituto Gamma", "ES", "Valencia", 39.47, -0.38, "E10000003")


def rate(dash: selectors.Dashboard, wave: str) -> selectors.WaveRate:
    return next(r for r in dash.rates if r.wave == wave)


# --- invitations and flow ----------------------------------------------------------------


def test_response_rate_counts_sent_invitations_only(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    mobilities = data.cohort(world, 6, org_a, org_b, post={A: 4.0})
    # Extra T0 invitations in every other status.
    statuses = [
        Invitation.Status.SCHEDULED,
        Invitation.Status.CANCELLED,
        Invitation.Status.SENT,
        Invitation.Status.OPENED,
        Invitation.Status.DRAFT,
        Invitation.Status.BOUNCED,
    ]
    for on, status in zip(mobilities, statuses, strict=True):
        data.invite(world, on, Wave.T0, status)
    dash = selectors.dashboard(Filters())
    t1 = rate(dash, Wave.T1)
    assert (t1.sent, t1.opened, t1.submitted, t1.rate) == (6, 6, 6, 1.0)
    # T0: nothing submitted -> hidden.
    assert rate(dash, Wave.T0).hidden and rate(dash, Wave.T0).sent is None
    data.cohort(world, 5, org_a, org_b, pre={A: 2.0})
    dash = selectors.dashboard(Filters())
    t0 = rate(dash, Wave.T0)
    # 4 of the 6 extra ones were sent (not scheduled, not cancelled), plus 5 submitted.
    assert (t0.sent, t0.opened, t0.submitted) == (9, 7, 5)
    assert t0.rate == pytest.approx(5 / 9)


def test_the_flow_counts_participants_still_there(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    # 7 answer T0 and T1; 5 of them T2 too; 2 others T2 only; T3 by 3.
    both = data.cohort(world, 7, org_a, org_b, pre={A: 2.0}, post={A: 3.0})
    for on in both[:5]:
        data.respond(world, on, use="once")
    data.cohort(world, 2, org_a, org_b, use="never")
    for on in both[:3]:
        data.respond(world, on, adoption="class")
    flow = {step.wave: step for step in selectors.dashboard(Filters()).flow}
    assert (flow[Wave.T0].answered, flow[Wave.T0].retained) == (7, 7)
    assert (flow[Wave.T1].answered, flow[Wave.T1].retained) == (7, 7)
    assert (flow[Wave.T2].answered, flow[Wave.T2].retained) == (7, 5)
    assert (flow[Wave.T3].answered, flow[Wave.T3].retained) == (None, None)


def test_drafts_and_cancelled_mobilities_do_not_count(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    data.cohort(world, 5, org_a, org_b, reaction=(5, 5))
    drafts = data.cohort(world, 3, org_a, org_b)
    for on in drafts:
        data.respond(world, on, reaction=(1, 1), status=Invitation.Status.DRAFT)
    cancelled = data.cohort(world, 3, org_a, org_b, reaction=(1, 1))
    Mobility.objects.filter(pk__in=[m.pk for m in cancelled]).update(
        status=Mobility.Status.CANCELLED
    )
    row = selectors.dashboard(Filters()).section("reaction").likert[0]  # type: ignore[union-attr]
    assert row.code == codes.RELEVANCE
    assert (row.n, row.mean) == (5, 5.0)


# --- filters -------------------------------------------------------------------------------


def test_filters_select_mobilities(
    world: data.World, org_a: Organisation, org_b: Organisation, org_c: Organisation
) -> None:
    from mobinnov.excellence.models import FieldOfExcellence
    from mobinnov.practices.models import Practice

    data.cohort(world, 5, org_a, org_b, end=D(2024, 6, 1), reaction=(4, 4))
    teaching = data.cohort(
        world, 6, org_a, org_c, end=D(2025, 6, 1), activity="SM-TTA", reaction=(2, 2)
    )
    data.cohort(world, 7, org_b, org_c, end=D(2025, 3, 1), reaction=(3, 3))
    field = FieldOfExcellence.objects.order_by("pk").first()
    assert field is not None
    practice = Practice.objects.create(slug="grid", host=org_c, title="Grid")
    practice.fields.add(field)
    for on in teaching:
        on.practices.add(practice)

    def n(**kwargs: Any) -> int | None:
        dash = selectors.dashboard(Filters(**kwargs))
        return dash.section("reaction").likert[0].n  # type: ignore[union-attr]

    assert n() == 18
    assert n(year=2024) == 5
    assert n(year=2025) == 13
    assert n(activity_type="SM-TTA") == 6
    assert n(host_id=org_c.pk) == 13
    assert n(sending_ids=(org_a.pk,)) == 11
    assert n(sending_ids=(org_b.pk,)) == 7
    assert n(field_id=field.pk) == 6
    assert n(start=D(2025, 1, 1), end=D(2025, 3, 31)) == 7
    assert n(year=2024, host_id=org_c.pk) is None  # no one: hidden
    assert selectors.years(Filters(sending_ids=(org_a.pk,))) == [2025, 2024]


# --- the threshold -------------------------------------------------------------------------


def test_a_group_of_four_is_hidden_and_five_is_shown(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    data.cohort(world, 4, org_a, org_b, reaction=(4, 5), use="once", colleagues=3)
    dash = selectors.dashboard(Filters())
    reaction = dash.section("reaction").likert  # type: ignore[union-attr]
    assert all(row.hidden and row.n is None and row.mean is None for row in reaction)
    use = dash.section("application").distributions[0]  # type: ignore[union-attr]
    assert use.hidden and use.rows == []
    colleagues = dash.section("dissemination").numbers[0]  # type: ignore[union-attr]
    assert colleagues.hidden and colleagues.total is None
    assert rate(dash, Wave.T1).hidden
    data.cohort(world, 1, org_a, org_b, reaction=(2, 5), use="never", colleagues=7)
    dash = selectors.dashboard(Filters())
    relevance = dash.section("reaction").likert[0]  # type: ignore[union-attr]
    assert relevance.n == 5
    expected = statistics.likert_summary([4, 4, 4, 4, 2])
    assert relevance.mean == expected["mean"] and relevance.share_top2 == expected["share_top2"]
    assert [count for _point, _anchor, count in relevance.counts] == [0, 1, 0, 4, 0]
    assert relevance.counts[3][1] == "Agree"
    use = dash.section("application").distributions[0]  # type: ignore[union-attr]
    assert use.n == 5
    assert [(r.value, r.count) for r in use.rows] == [
        ("never", 1),
        ("once", 4),
        ("2-5", 0),
        ("regularly", 0),
    ]
    colleagues = dash.section("dissemination").numbers[0]  # type: ignore[union-attr]
    assert (colleagues.n, colleagues.total, colleagues.mean) == (5, 19.0, 3.8)


def test_several_choices_count_each_option_once_per_respondent(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    data.cohort(
        world,
        6,
        org_a,
        org_b,
        channels=lambda i: ["informal-talk", "team-meeting"] if i % 2 else ["informal-talk"],
    )
    channels = selectors.dashboard(Filters()).section("dissemination").distributions[0]  # type: ignore[union-attr]
    assert channels.multiple and channels.n == 6
    counts = {row.value: (row.count, row.share) for row in channels.rows}
    assert counts["informal-talk"] == (6, 1.0)
    assert counts["team-meeting"] == (3, 0.5)
    assert counts["written-report"] == (0, 0.0)


# --- competences ----------------------------------------------------------------------------


def test_competence_change_matches_the_statistics_module(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    answers = [data.full_answers(i) for i in range(12)]
    for values in answers:
        person = data.participant(org_a)
        on = data.mobility(person, org_a, org_b)
        data.respond(world, on, pre=values["pre"], post=values["post"], then=values["then"])
    # A competence only two people rated: counted overall, not listed.
    for _ in range(2):
        on = data.mobility(data.participant(org_a), org_a, org_b, competences=["Rare skill"])
        data.respond(world, on, pre={"Rare skill": 1.0}, post={"Rare skill": 5.0})
    competences = selectors.dashboard(Filters()).competences
    labels = [row.label for row in competences.rows]
    assert labels[0] == "All competences" and sorted(labels[1:]) == sorted([A, B])
    assert competences.hidden_labels == 1

    row_a = next(row for row in competences.rows if row.label == A)
    pre = [v["pre"][A] for v in answers]
    post = [v["post"][A] for v in answers]
    then = [v["then"][A] for v in answers]
    expected = statistics.paired_change(pre, post)
    got = row_a.pre_post
    assert got.n == 12 and not got.hidden
    assert got.mean_change == pytest.approx(expected["mean_change"])
    assert got.d_z == pytest.approx(expected["d_z"])
    assert got.hedges_g == pytest.approx(expected["hedges_g"])
    assert got.p_value == pytest.approx(expected["p_value"])
    assert got.improved == pytest.approx(100 * expected["improved"] / 12)
    diffs = [b - a for a, b in zip(pre, post, strict=True)]
    assert got.ci == pytest.approx(statistics.mean_ci(diffs))
    assert expected["d_z"] is not None
    assert got.d_z_ci == pytest.approx(statistics.d_z_ci(expected["d_z"], 12))
    shift = statistics.paired_change(pre, then)
    assert row_a.shift.mean_change == pytest.approx(shift["mean_change"])
    perceived = statistics.paired_change(then, post)
    assert row_a.then_post.mean_change == pytest.approx(perceived["mean_change"])

    # All competences: each participant once, averaged over their competences.
    overall = competences.rows[0]
    averaged_pre = [(v["pre"][A] + v["pre"][B]) / 2 for v in answers] + [1.0, 1.0]
    averaged_post = [(v["post"][A] + v["post"][B]) / 2 for v in answers] + [5.0, 5.0]
    expected_all = statistics.paired_change(averaged_pre, averaged_post)
    assert overall.pre_post.n == 14
    assert overall.pre_post.mean_change == pytest.approx(expected_all["mean_change"])
    assert overall.pre_post.p_value == pytest.approx(expected_all["p_value"])
    assert overall.then_post.n == 12  # the two others gave no "then" rating

    # Holm across the rows listed, comparison by comparison.
    raw = [row.pre_post.p_value for row in competences.rows]
    assert [row.pre_post.p_holm for row in competences.rows] == pytest.approx(statistics.holm(raw))


def test_competence_labels_are_paired_whatever_their_spacing_and_case(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    for index in range(5):
        on = data.mobility(data.participant(org_a), org_a, org_b, competences=[A])
        t0 = data.invite(world, on, Wave.T0)
        spelling = f"  {A.upper()} " if index < 2 else A.replace(" ", "  ")
        data.answer(world, t0, codes.COMPETENCE, number=2, competence=spelling)
        t1 = data.invite(world, on, Wave.T1)
        data.answer(world, t1, codes.COMPETENCE, number=3 + index % 2, competence=A)
    rows = selectors.dashboard(Filters()).competences.rows
    # Listed under its most frequent spelling (spaces normalised).
    assert [row.label for row in rows] == ["All competences", A]
    assert rows[1].pre_post.n == 5 and rows[1].pre_post.mean_change == pytest.approx(1.4)


def test_a_small_competence_group_is_hidden_and_not_computed(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    data.cohort(world, 4, org_a, org_b, pre={A: 2.0}, post={A: 4.0})
    competences = selectors.dashboard(Filters()).competences
    (overall,) = competences.rows
    assert overall.overall and overall.pre_post.hidden
    assert overall.pre_post.mean_change is None and overall.pre_post.p_value is None
    assert competences.hidden_labels == 1


def test_change_of_equal_differences_has_no_effect_size(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    data.cohort(world, 5, org_a, org_b, pre={A: 2.0}, post={A: 3.0})
    change = selectors.dashboard(Filters()).competences.rows[1].pre_post
    assert change.mean_change == 1.0 and change.ci == (1.0, 1.0)
    assert change.d_z is None and change.d_z_ci is None and change.improved == 100


# --- implementation records and EQAVET ----------------------------------------------------


def test_implementation_records_by_kind_and_stage(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    mobilities = data.cohort(world, 7, org_a, org_b)
    for on, stage in zip(
        mobilities,
        ["planned", "piloting", "implemented", "embedded", "embedded", "planned"],
        strict=False,
    ):
        data.implementation(on, stage=stage)
    data.implementation(mobilities[6], kind="tool")
    figures = selectors.dashboard(Filters()).implementations
    assert figures.total == 7
    assert figures.by_stage == [
        ("planned", "Planned", 2),
        ("piloting", "Piloting", 1),
        ("implemented", "Implemented", 2),
        ("embedded", "Embedded", 2),
    ]
    method = next(bar for bar in figures.bars if bar.kind == "method")
    assert method.counts == {"planned": 2, "piloting": 1, "implemented": 1, "embedded": 2}
    tool = next(bar for bar in figures.bars if bar.kind == "tool")
    assert tool.hidden and tool.counts is None
    assert figures.learners_reached == 70 and figures.colleagues_reached == 14
    assert selectors.dashboard(Filters(sending_ids=(org_b.pk,))).implementations.hidden


def test_eqavet_indicator_2(
    world: data.World, org_a: Organisation, org_b: Organisation, coordinator_a: Any
) -> None:
    mobilities = data.cohort(world, 6, org_a, org_b)
    # The same person twice counts once; a planned mobility does not count.
    data.mobility(mobilities[0].participant, org_a, org_b, end=D(2025, 9, 1))
    data.mobility(data.participant(org_a), org_a, org_b, status=Mobility.Status.PLANNED)
    staff = Membership.objects.filter(organisation=org_a).count()
    assert staff == 8  # 7 participants and the coordinator
    figure = selectors.dashboard(Filters(sending_ids=(org_a.pk,))).eqavet
    assert (figure.participants, figure.staff) == (6, 8)
    assert figure.value == pytest.approx(75.0)
    assert selectors.dashboard(Filters(sending_ids=(org_b.pk,))).eqavet.participants is None


# --- stories and the anonymised export ----------------------------------------------------


def test_export_rows_are_anonymised(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    mobilities = data.cohort(world, 2, org_a, org_b, **data.full_answers(0))
    story = Answer.objects.get(invitation__mobility=mobilities[0], item__code=codes.MSC)
    data.select_story(story)
    rows = list(selectors.export_rows(Filters()))
    assert {len(row) for row in rows} == {len(selectors.EXPORT_COLUMNS)}
    columns = {name: index for index, name in enumerate(selectors.EXPORT_COLUMNS)}
    people = {row[columns["respondent"]] for row in rows}
    assert len(people) == 2 and all(len(p) == 16 for p in people)
    first = selectors.pseudonym(mobilities[0].participant_id)
    assert {row[columns["wave"]] for row in rows if row[0] == first} == {"T0", "T1", "T2", "T3"}
    text = repr(rows)
    for on in mobilities:
        assert on.participant.email not in text and on.participant.full_name not in text
        assert on.reference not in text
    assert "Private plan" not in text  # free text
    values = [row[columns["value"]] for row in rows if row[columns["item"]] == codes.MSC]
    assert values == [story.text]  # only the selected story
    channels = [row for row in rows if row[columns["item"]] == codes.DISSEMINATION_CHANNELS]
    assert channels[0][columns["value"]] == "informal-talk"
    competence = [row for row in rows if row[columns["competence"]] == A]
    assert {(r[columns["wave"]], r[columns["variant"]]) for r in competence} == {
        ("T0", "now"),
        ("T1", "now"),
        ("T1", "then"),
    }
    assert rows[0][columns["year"]] == 2025
    assert rows[0][columns["sending_organisation"]] == org_a.name


def test_pseudonyms_are_stable_and_depend_on_the_key(settings: Any) -> None:
    first = selectors.pseudonym(42)
    assert first == selectors.pseudonym(42) != selectors.pseudonym(43)
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    assert selectors.pseudonym(42) != first


def test_selected_stories_carry_no_name(
    world: data.World, org_a: Organisation, org_b: Organisation, org_c: Organisation
) -> None:
    mine = data.cohort(world, 2, org_a, org_b, msc="We rebuilt the workshop.")
    theirs = data.cohort(world, 1, org_c, org_b, msc="Other school.")
    for on in [*mine, *theirs]:
        data.select_story(Answer.objects.get(invitation__mobility=on, item__code=codes.MSC))
    stories = selectors.selected_stories(Filters(sending_ids=(org_a.pk,)))
    assert [s.text for s in stories] == ["We rebuilt the workshop."] * 2
    assert stories[0].host == org_b.name and stories[0].year == 2025
    assert stories[0].activity_label == "Job shadowing"
    assert len(selectors.msc_answers(org_a.pk)) == 2


# --- queries --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 12])
def test_a_dashboard_makes_the_same_queries_whatever_the_data(
    size: int,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
    django_assert_num_queries: Any,
) -> None:
    mobilities = data.cohort(world, size, org_a, org_b, **data.full_answers(0))
    for on in mobilities:
        data.implementation(on)
    with django_assert_num_queries(8):
        dash = selectors.dashboard(Filters(year=2025))
    assert dash.competences.rows[0].pre_post.n == size
