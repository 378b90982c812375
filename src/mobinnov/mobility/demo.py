"""Demo staff mobility: host offers for most demo practices, learning needs, a
completed planning round whose matches were accepted, an open round with
proposals waiting for decisions, and mobilities over several years in every
status with their agreements and budgets.

Everything goes through :mod:`mobinnov.mobility.services`, as the web pages
do, so the demo obeys the same rules (no overlaps, capacities, duration
limits, approvals). Dates are placed around the day the demo is loaded, so the
statuses make sense (past mobilities completed, one under way, next year's
planned). Running it again creates nothing new."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from mobinnov.mobility import services
from mobinnov.mobility.models import (
    Format,
    HostOffer,
    LearningNeed,
    Mobility,
    OfferPeriod,
    PlanningRound,
    ProgrammeDay,
)
from mobinnov.network.demo import DEMO_PASSWORD, PARTNERS, DemoDataError, Writer
from mobinnov.network.models import Membership, Organisation
from mobinnov.practices.models import Practice

SEED = 2021
# Two more teachers per partner's country (first name, last name).
TEACHERS = {
    "DE": (("Katrin", "Vogel"), ("Jonas", "Krüger"), ("Sabine", "Roth"), ("Felix", "Braun")),
    "SE": (("Maja", "Lindqvist"), ("Oskar", "Berg")),
    "ES": (("Lucía", "Moreno"), ("Pablo", "Ruiz")),
    "PL": (("Zofia", "Nowak"), ("Marek", "Wiśniewski")),
    "FR": (("Claire", "Dubois"), ("Julien", "Moreau"), ("Léa", "Girard"), ("Hugo", "Lefèvre")),
    "PT": (("Marta", "Sousa"), ("Rui", "Ferreira")),
    "IS": (("Sigrún", "Jónsdóttir"), ("Einar", "Gunnarsson")),
    "BE": (("Lotte", "Peeters"), ("Thomas", "Lambert")),
    "IT": (("Giulia", "Ricci"), ("Luca", "Romano")),
    "NL": (("Sanne", "de Vries"), ("Bram", "Jansen")),
    "IE": (("Aoife", "Byrne"), ("Ciarán", "Walsh")),
    "AT": (("Anna", "Huber"), ("Lukas", "Steiner")),
    "FI": (("Aino", "Korhonen"), ("Ville", "Mäkinen")),
    "SI": (("Nina", "Kovač"), ("Matej", "Horvat")),
    "EN": (("Sam", "Taylor"), ("Alex", "Morgan")),
}
NETWORK_ROUND = "Network round, spring {year}"
NEXT_ROUND = "Network round, {year}"
ADMIN_EMAIL = "admin@example.org"
# Manual bookings per past year (one of them cancelled).
HISTORY_PER_YEAR = 24

OFFER_FORMATS = (
    [Format.JOB_SHADOWING],
    [Format.JOB_SHADOWING, Format.STUDY_VISIT],
    [Format.TEACHING],
    [Format.JOB_SHADOWING, Format.TEACHING],
    [Format.COURSE],
    [Format.JOB_SHADOWING, Format.BLENDED],
)
GOALS = (
    "See how apprentices are assessed at the workplace and bring back an assessment grid.",
    "Learn to run project-based weeks with local companies.",
    "Observe how digital tools are used in the workshop, and which ones learners keep using.",
    "Understand how the host guides learners at risk of dropping out.",
    "Learn how teachers and company tutors plan the alternation together.",
    "Discover green-skills modules and how they are certified.",
    "Improve my teaching in English for international groups.",
    "See how the school welcomes newly arrived learners with little of the language.",
)
OBJECTIVES = (
    "Observe the host's practice in real classes and workshops, and discuss it with the trainers.",
    "Co-teach two sessions and compare how learners respond.",
)
RECOGNITION = "Europass Mobility document signed by both organisations; hours counted in the staff training plan."
PROGRAMME = (
    (
        "Welcome, tour of the workshops, presentation of the practice",
        "Host coordinator",
        "Main building",
    ),
    ("Observation in the workshop", "Workshop trainers", "Workshop"),
    ("Co-teaching session", "Trainer and class", "Classroom"),
    ("Visit of a partner company", "Company tutor", "Company site"),
    ("Debrief and plan of what to try back home", "Host coordinator", "Meeting room"),
)


class _Demo:
    def __init__(self, stdout: Writer | None) -> None:
        self.stdout = stdout
        self.random = random.Random(SEED)
        self.today = timezone.localdate()
        # The last spring that is over, and the next one.
        self.base_year = self.today.year if self.today.month >= 8 else self.today.year - 1
        slugs = [partner.slug for partner in PARTNERS]
        self.organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
        if len(self.organisations) != len(slugs):
            raise DemoDataError("Load the demo network before its mobilities.")
        self.order = [self.organisations[slug] for slug in slugs]
        self.add_teachers()
        self.members: dict[int, list[Any]] = {}
        self.coordinator: dict[int, Any] = {}
        for membership in (
            Membership.objects.filter(organisation__in=self.order)
            .select_related("user")
            .order_by("organisation_id", "role", "user__email")
        ):
            self.members.setdefault(membership.organisation_id, []).append(membership.user)
            if membership.role == Membership.Role.COORDINATOR:
                self.coordinator.setdefault(membership.organisation_id, membership.user)
        from mobinnov.accounts.models import User

        self.admin = User.objects.get(email=ADMIN_EMAIL)
        self.busy: dict[int, list[tuple[dt.date, dt.date]]] = {}
        self.counts = {"offers": 0, "needs": 0, "rounds": 0, "mobilities": 0}

    def add_teachers(self) -> None:
        """Two more teachers per partner, so that the demo's mobilities and
        evaluations involve as many people as a real network's year."""
        from mobinnov.accounts.models import User

        seen: dict[str, int] = {}
        for partner in PARTNERS:
            organisation = self.organisations[partner.slug]
            names = TEACHERS.get(partner.country, TEACHERS["EN"])
            turn = seen.get(partner.country, 0)
            seen[partner.country] = turn + 1
            for first, last in names[2 * turn : 2 * turn + 2] or names[:2]:
                email = f"{slugify(first)}.{slugify(last)}.{partner.slug}@example.org"
                user = User.objects.filter(email=email).first()
                if user is None:
                    user = User.objects.create_user(
                        email=email,
                        password=DEMO_PASSWORD,
                        full_name=f"{first} {last}",
                        job_role="Teacher",
                        languages_spoken=sorted({partner.preferred_language, "en"}),
                        preferred_language="fr" if partner.preferred_language == "fr" else "en",
                    )
                Membership.objects.get_or_create(
                    user=user, organisation=organisation, defaults={"role": Membership.Role.STAFF}
                )

    def say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text + "\n")

    # --- offers --------------------------------------------------------------

    def offers(self) -> list[HostOffer]:
        practices = list(
            Practice.objects.filter(is_public=True, host__in=self.order).order_by("pk")
        )
        spring = (dt.date(self.base_year, 3, 1), dt.date(self.base_year, 6, 30))
        following = (dt.date(self.base_year + 1, 2, 1), dt.date(self.base_year + 1, 6, 30))
        autumn = (dt.date(self.base_year + 1, 9, 15), dt.date(self.base_year + 1, 11, 30))
        created = []
        for index, practice in enumerate(practices):
            if index % 6 == 5:
                continue  # most practices, not all, have an offer
            formats = OFFER_FORMATS[index % len(OFFER_FORMATS)]
            language = practice.source_language or "en"
            status = HostOffer.Status.OPEN
            if index % 13 == 7:
                status = HostOffer.Status.DRAFT
            elif index % 17 == 11:
                status = HostOffer.Status.CLOSED
            offer = HostOffer.objects.create(
                organisation_id=practice.host_id,
                title=f"{Format(formats[0]).label}: {practice.title}"[:200],
                capacity=1 + index % 3,
                languages=sorted({"en", language}),
                formats=[str(code) for code in formats],
                min_days=3 if Format.COURSE not in formats else 5,
                max_days=10,
                programme=(
                    "Visitors follow the trainers who run this practice, take part in the "
                    "sessions, meet learners and company tutors, and leave with the materials "
                    "and a plan to try it at home."
                ),
                practical_information=(
                    "Accommodation lists on request. The workshops are step-free; tell us "
                    "about any access needs when you apply."
                ),
                status=status,
                created_by=self.coordinator.get(practice.host_id),
            )
            offer.practices.set([practice])
            periods = [spring, following] + ([autumn] if index % 4 == 0 else [])
            OfferPeriod.objects.bulk_create(
                OfferPeriod(offer=offer, start=start, end=end) for start, end in periods
            )
            created.append(offer)
        self.counts["offers"] = len(created)
        self.say(f"Offers: {len(created)}")
        return created

    # --- needs ---------------------------------------------------------------

    def need(
        self,
        person: Any,
        organisation: Organisation,
        window: tuple[dt.date, dt.date],
        index: int,
        *,
        endorse: bool = True,
        submit: bool = False,
    ) -> LearningNeed:
        interests = list(
            Practice.objects.filter(is_public=True, host_offers__status=HostOffer.Status.OPEN)
            .exclude(host=organisation)
            .distinct()
            .order_by("pk")
        )
        chosen = self.random.sample(interests, k=min(2, len(interests)))
        need = LearningNeed.objects.create(
            person=person,
            organisation=organisation,
            goals=GOALS[index % len(GOALS)],
            earliest_start=window[0],
            latest_end=window[1],
            min_days=3 + index % 2,
            max_days=5 + 2 * (index % 3),
            languages=list(person.languages_spoken or ["en"]),
            formats=[str(OFFER_FORMATS[index % len(OFFER_FORMATS)][0])],
            accessibility_needs="Step-free access, please." if index % 9 == 4 else "",
            created_by=person,
        )
        need.practices.set(chosen)
        need.fields.set({field for practice in chosen for field in practice.fields.all()})
        coordinator = self.coordinator[organisation.pk]
        if submit or endorse:
            services.submit_need(need, person)
        if endorse:
            services.endorse_need(need, coordinator)
        self.counts["needs"] += 1
        return need

    def people(self) -> list[tuple[Any, Organisation]]:
        """Everyone of the demo partners, spread over the partners."""
        rows = []
        depth = max(len(users) for users in self.members.values())
        for level in range(depth):
            for organisation in self.order:
                users = self.members.get(organisation.pk, [])
                if level < len(users):
                    rows.append((users[level], organisation))
        return rows

    # --- mobilities ------------------------------------------------------------

    def free(self, person: Any, start: dt.date, end: dt.date) -> bool:
        return all(end < s or start > e for s, e in self.busy.get(person.pk, []))

    def book(self, mobility: Mobility) -> None:
        self.busy.setdefault(mobility.participant_id, []).append(
            (mobility.start_date, mobility.end_date)
        )
        self.counts["mobilities"] += 1

    def write_agreement(self, mobility: Mobility, index: int) -> None:
        agreement = mobility.agreement
        practice = mobility.practices.first()
        services.update_agreement(
            agreement,
            {
                "language": agreement.language or "en",
                "objectives": OBJECTIVES[index % 2],
                "added_value": (
                    "The sending school gains a tested method; the host gets an outside view "
                    "of its practice and a partner for the next project."
                ),
                "activities": "See the day-by-day programme.",
                "expected_outcomes": (
                    f"Try '{practice.title}' with one class within three months and share it "
                    "with the department."
                    if practice
                    else "Try one new method with a class within three months."
                ),
                "competences": [
                    "Planning work-based learning",
                    "Assessing practical skills",
                    "Using digital tools in the workshop",
                ][: 2 + index % 2],
                "recognition": RECOGNITION,
            },
            mobility.participant,
            agreement.version,
        )
        days = [mobility.start_date + dt.timedelta(days=n) for n in range(mobility.days)]
        ProgrammeDay.objects.bulk_create(
            ProgrammeDay(
                mobility=mobility,
                date=day,
                activity=PROGRAMME[n % len(PROGRAMME)][0],
                with_whom=PROGRAMME[n % len(PROGRAMME)][1],
                place=PROGRAMME[n % len(PROGRAMME)][2],
            )
            for n, day in enumerate(days)
        )

    def approve(self, mobility: Mobility, parties: int = 3) -> None:
        agreement = mobility.agreement
        signers = [
            (mobility.participant, "participant"),
            (self.coordinator[mobility.sending_organisation_id], "sending"),
            (self.coordinator[mobility.receiving_organisation_id], "receiving"),
        ]
        for user, party in signers[:parties]:
            services.approve_agreement(agreement, user, party)

    def take_place(self, mobility: Mobility, index: int, *, evaluated: bool = False) -> None:
        coordinator = self.coordinator[mobility.sending_organisation_id]
        services.set_status(mobility, Mobility.Status.UNDER_WAY, coordinator)
        if mobility.end_date < self.today:
            services.set_status(mobility, Mobility.Status.COMPLETED, coordinator)
            mobility.refresh_from_db()
            as_planned = index % 5 != 3
            services.record_complement(
                mobility.agreement,
                mobility.participant,
                as_planned=as_planned,
                text=""
                if as_planned
                else "The company visit was replaced by a second day in the workshop.",
            )
            if evaluated:
                # The impact evaluation marks mobilities evaluated; the demo
                # anticipates it for the oldest ones.
                Mobility.objects.filter(pk=mobility.pk).update(status=Mobility.Status.EVALUATED)

    def history(self, people: list[tuple[Any, Organisation]]) -> None:
        """Manual bookings of the three previous years, completed (the oldest
        evaluated), one cancelled per year."""
        index = 0
        for year in range(self.base_year - 3, self.base_year):
            for slot in range(HISTORY_PER_YEAR):
                person, sending = people[(index * 7) % len(people)]
                offset = 1 + (3 + slot) % (len(self.order) - 1)
                receiving = self.order[(self.order.index(sending) + offset) % len(self.order)]
                start = dt.date(year, 1 + slot % 11, 3 + (slot * 2) % 20)
                end = start + dt.timedelta(days=4 + slot % 3)
                index += 1
                if not self.free(person, start, end):
                    continue
                practice = Practice.objects.filter(host=receiving, is_public=True).first()
                mobility = services.create_mobility(
                    self.coordinator[sending.pk],
                    participant=person,
                    sending_organisation=sending,
                    receiving_organisation=receiving,
                    activity_type=str(Format.TEACHING if slot % 7 == 2 else Format.JOB_SHADOWING),
                    start_date=start,
                    end_date=end,
                    green_travel=slot == 4,
                    travel_days=3 if slot == 4 else 2,
                    transport=Mobility.Transport.TRAIN if slot == 4 else Mobility.Transport.PLANE,
                    practices=[practice] if practice else [],
                )
                self.book(mobility)
                if slot == 5:
                    services.set_status(
                        mobility,
                        Mobility.Status.CANCELLED,
                        self.coordinator[sending.pk],
                        "The participant fell ill the week before departure.",
                    )
                    continue
                self.write_agreement(mobility, index)
                self.approve(mobility)
                mobility.refresh_from_db()
                self.take_place(mobility, index, evaluated=year < self.base_year - 1)

    def current(self, people: list[tuple[Any, Organisation]]) -> None:
        """One mobility under way today and one starting soon, agreed."""
        for offset, (person, sending) in enumerate(people[-2:]):
            receiving = self.order[(self.order.index(sending) + 5) % len(self.order)]
            start = self.today - dt.timedelta(days=2) + dt.timedelta(days=14 * offset)
            end = start + dt.timedelta(days=6)
            if not self.free(person, start, end):
                continue
            mobility = services.create_mobility(
                self.coordinator[sending.pk],
                participant=person,
                sending_organisation=sending,
                receiving_organisation=receiving,
                activity_type=str(Format.JOB_SHADOWING),
                start_date=start,
                end_date=end,
            )
            self.book(mobility)
            self.write_agreement(mobility, offset)
            self.approve(mobility)
            if offset == 0:
                mobility.refresh_from_db()
                services.set_status(
                    mobility, Mobility.Status.UNDER_WAY, self.coordinator[sending.pk]
                )

    def rounds(self, people: list[tuple[Any, Organisation]]) -> None:
        spring = (dt.date(self.base_year, 3, 1), dt.date(self.base_year, 6, 30))
        following = (dt.date(self.base_year + 1, 2, 1), dt.date(self.base_year + 1, 6, 30))
        half = len(people) // 2
        # Past round: every proposal accepted by both sides, then it took place.
        for index, (person, organisation) in enumerate(people[:20]):
            if self.free(person, *spring):
                self.need(person, organisation, spring, index)
        past = PlanningRound.objects.create(
            name=NETWORK_ROUND.format(year=self.base_year),
            period_start=spring[0],
            period_end=spring[1],
            reciprocity_weight=10,
            created_by=self.admin,
        )
        services.solve_round(past, self.admin)
        for number, proposal in enumerate(past.proposals.select_related("need", "offer")):
            services.decide(
                proposal, self.coordinator[proposal.need.organisation_id], "sending", True
            )
            mobility = services.decide(
                proposal, self.coordinator[proposal.offer.organisation_id], "host", True
            )
            assert mobility is not None
            self.book(mobility)
            self.write_agreement(mobility, number)
            self.approve(mobility)
            mobility.refresh_from_db()
            self.take_place(mobility, number)
        past.status = PlanningRound.Status.CLOSED
        past.save(update_fields=["status"])
        # Next round: proposals in every state of decision.
        for index, (person, organisation) in enumerate(people[half - 2 : half + 16]):
            self.need(person, organisation, following, index + 3)
        upcoming = PlanningRound.objects.create(
            name=NEXT_ROUND.format(year=self.base_year + 1),
            period_start=following[0],
            period_end=following[1],
            reciprocity_weight=10,
            created_by=self.admin,
        )
        services.solve_round(upcoming, self.admin)
        proposals = list(upcoming.proposals.select_related("need", "offer").order_by("pk"))
        for number, proposal in enumerate(proposals):
            sending = self.coordinator[proposal.need.organisation_id]
            host = self.coordinator[proposal.offer.organisation_id]
            kind = number % 6
            if kind == 5:
                services.decide(proposal, host, "host", False, "No trainer is free in those weeks.")
                continue
            if kind in (3, 4):
                if kind == 3:
                    services.decide(proposal, sending, "sending", True)
                continue  # waiting for one or both decisions
            services.decide(proposal, sending, "sending", True)
            mobility = services.decide(proposal, host, "host", True)
            assert mobility is not None
            self.book(mobility)
            # Agreements in every state: empty, written, partly approved,
            # reset after a change, frozen.
            if kind == 0:
                continue
            self.write_agreement(mobility, number)
            if kind == 1:
                self.approve(mobility, parties=1)
                agreement = mobility.agreement
                agreement.refresh_from_db()
                services.update_agreement(
                    agreement,
                    {"objectives": OBJECTIVES[0] + " Also meet the learners' union."},
                    self.coordinator[proposal.offer.organisation_id],
                    agreement.version,
                )
            else:
                self.approve(mobility, parties=3 if number % 12 == 8 else 2)
        self.counts["rounds"] = 2
        # A few needs still on their way.
        tail = people[half + 16 :] + people[:3]
        for index, (person, organisation) in enumerate(tail[:5]):
            self.need(person, organisation, following, index, endorse=False, submit=index < 3)


def load_demo_mobility(*, stdout: Writer | None = None) -> dict[str, int]:
    """Create the demo mobility data unless it exists; returns what there is."""
    # The workflow e-mails coordinators (needs to endorse): not in the demo.
    quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    with quiet, transaction.atomic():
        demo = _Demo(stdout)
        marker = NETWORK_ROUND.format(year=demo.base_year)
        created = not PlanningRound.objects.filter(name=marker).exists()
        if created:
            demo.offers()
            people = demo.people()
            demo.history(people)
            demo.rounds(people)
            demo.current(people)
    return {
        "created": int(created),
        "offers": HostOffer.objects.count(),
        "needs": LearningNeed.objects.count(),
        "rounds": PlanningRound.objects.count(),
        "mobilities": Mobility.objects.count(),
        "statuses": len(set(Mobility.objects.values_list("status", flat=True))),
    }
