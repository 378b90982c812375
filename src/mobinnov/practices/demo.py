"""Demo fact sheets: innovative practices of the demo partners.

Everything here is DATA (:data:`FACT_SHEETS`) plus :func:`load_demo_practices`,
which puts each missing fact sheet through the real workflow of
``practices.services``: the host's coordinator drafts and submits it, the demo
editor assigns two reviewers (the editor and a coordinator of another
partner), both score it on the rubric, and the editor publishes it with the
label the consensus scores give. Some published practices are then
translated, one of them is updated and republished afterwards (so its German
translation is outdated), and a few are left as drafts, submitted or in review.

A fact sheet is identified by its host and its title: running the loader
again creates nothing new. The demo network (``network.demo.load_demo``) must
be loaded first. All practices, figures and people are invented.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings
from django.utils.text import slugify

from mobinnov.accounts.models import User
from mobinnov.network.demo import EDITOR, PARTNERS, DemoDataError, Partner, Writer
from mobinnov.network.models import Organisation
from mobinnov.practices import services
from mobinnov.practices.choices import Status
from mobinnov.practices.forms import (
    PracticeForm,
    TranslationForm,
    content_from_cleaned,
    initial_from_content,
)
from mobinnov.practices.models import Practice, PracticeTranslation, RubricCriterion
from mobinnov.practices.template import TRANSLATABLE, completeness

# Where the loader leaves a fact sheet.
PUBLISHED, DRAFT, SUBMITTED, IN_REVIEW = "published", "draft", "submitted", "in_review"
STATES = (PUBLISHED, DRAFT, SUBMITTED, IN_REVIEW)
# Reviews submitted for a fact sheet in each state: (partner coordinator, editor).
REVIEWS_BY_STATE = {PUBLISHED: 2, DRAFT: 0, SUBMITTED: 0, IN_REVIEW: 1}

# The rubric criteria in the order of the score strings ("34343433": relevance
# 3, evidence 4, ...). Must match practices/data/rubric.json.
CRITERIA = (
    "relevance",
    "evidence",
    "maturity",
    "innovation",
    "transferability",
    "sustainability",
    "stakeholders",
    "efficiency",
)
PRAISE = {
    "relevance": "the practice answers a clearly analysed local need",
    "evidence": "the results are backed by solid before/after figures",
    "maturity": "it has run long enough to be stable",
    "innovation": "the approach is genuinely new in its region",
    "transferability": "the steps and resources are documented well enough to copy",
    "sustainability": "it is part of the regular budget and strategy",
    "stakeholders": "employers and learners are involved from design to review",
    "efficiency": "the cost per participant is reported",
}
ADVICE = {
    "relevance": "Explain which needs analysis or network priority the practice answers.",
    "evidence": "Back the results with before/after figures or an external evaluation.",
    "maturity": "Say how long it has been running and whether it is used elsewhere.",
    "innovation": "Explain what is new compared with usual practice in your region.",
    "transferability": "Document the steps and resources so that another provider can adapt it.",
    "sustainability": "Explain how it will be funded once the project grant ends.",
    "stakeholders": "Describe how employers, learners and social partners take part.",
    "efficiency": "Report the cost per participant or per outcome.",
}
LICENCE = "CC-BY-4.0"


@dataclass(frozen=True)
class Update:
    """A change saved and republished after the translations were made."""

    note: str
    changes: dict[str, Any]


@dataclass(frozen=True)
class FactSheet:
    """One demo practice: its host (partner slug), the template content, the
    language it is written in, where the workflow leaves it and the two
    reviewers' scores (partner coordinator first, then the editor), as strings
    of eight digits in :data:`CRITERIA` order."""

    host: str
    content: dict[str, Any]
    language: str = "en"
    state: str = PUBLISHED
    scores: tuple[str, ...] = ()
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    update: Update | None = None

    @property
    def title(self) -> str:
        """The fact sheet's title, its natural key with the host."""
        return str(self.content["title"])


_PARTNERS: dict[str, Partner] = {partner.slug: partner for partner in PARTNERS}


def _sheet(
    host: str,
    *,
    language: str = "en",
    state: str = PUBLISHED,
    scores: tuple[str, ...] = (),
    translations: dict[str, dict[str, str]] | None = None,
    update: Update | None = None,
    **content: Any,
) -> FactSheet:
    """A fact sheet of ``host`` with the contact (its coordinator), the licence and,
    unless given, the visit languages (its coordinator's) filled in."""
    partner = _PARTNERS[host]
    coordinator = partner.coordinator
    content.setdefault("contact_name", coordinator.full_name)
    content.setdefault("contact_email", partner.email_of(coordinator))
    content.setdefault("licence", LICENCE)
    if state != DRAFT:
        content.setdefault("can_host", "yes")
    if content.get("can_host") == "yes":
        content.setdefault("visit_languages", list(coordinator.languages))
    return FactSheet(
        host=host,
        content=content,
        language=language,
        state=state,
        scores=scores,
        translations=translations or {},
        update=update,
    )


def _md(*lines: str) -> str:
    """Markdown text from lines (a blank string is a paragraph break)."""
    return "\n".join(lines)


def parse_scores(digits: str) -> dict[str, int]:
    """``"34343433"`` -> ``{"relevance": 3, "evidence": 4, ...}``."""
    return {code: int(digit) for code, digit in zip(CRITERIA, digits, strict=True)}


def review_comments(scores: dict[str, int]) -> str:
    """What a reviewer writes: the strongest point and the first thing to improve."""
    best = max(CRITERIA, key=lambda code: scores[code])
    worst = min(CRITERIA, key=lambda code: scores[code])
    return (
        f"Strongest point: {PRAISE[best]} ({scores[best]}/4). "
        f"To improve ({worst}, {scores[worst]}/4): {ADVICE[worst]}"
    )


def reviewer_partner(index: int, host: str) -> Partner:
    """The partner whose coordinator reviews fact sheet number ``index``: never
    the host, spread over the network."""
    others = [partner for partner in PARTNERS if partner.slug != host]
    return others[(index * 7 + 3) % len(others)]


def translator_email(partner: Partner, language: str) -> str:
    """Someone of the host who speaks ``language`` (coordinator first), else the editor."""
    people = sorted(partner.people, key=lambda person: person.role != partner.coordinator.role)
    for person in people:
        if language in person.languages:
            return partner.email_of(person)
    return EDITOR.email


def _check_data() -> None:
    """Refuse fact sheets that cannot be loaded as written."""
    seen: set[str] = set()
    for sheet in FACT_SHEETS:
        where = f"Demo practice {sheet.title!r}"
        if sheet.host not in _PARTNERS:
            raise DemoDataError(f"{where}: unknown host {sheet.host!r}.")
        key = slugify(sheet.title)[:80]
        if key in seen:
            raise DemoDataError(f"{where}: another fact sheet has the same title.")
        seen.add(key)
        if sheet.state not in STATES:
            raise DemoDataError(f"{where}: unknown state {sheet.state!r}.")
        if len(sheet.scores) != REVIEWS_BY_STATE[sheet.state]:
            raise DemoDataError(
                f"{where}: {sheet.state} needs {REVIEWS_BY_STATE[sheet.state]} scores."
            )
        for digits in sheet.scores:
            if len(digits) != len(CRITERIA) or not all(d in "01234" for d in digits):
                raise DemoDataError(f"{where}: scores {digits!r} are not 8 digits from 0 to 4.")
        if (sheet.translations or sheet.update) and sheet.state != PUBLISHED:
            raise DemoDataError(f"{where}: only a published practice is translated or updated.")
        if sheet.language in sheet.translations:
            raise DemoDataError(f"{where}: translated into its own language.")
        if sheet.update is not None and not sheet.translations:
            raise DemoDataError(f"{where}: an update is only there to outdate a translation.")


def _clean_content(sheet: FactSheet, content: dict[str, Any]) -> dict[str, Any]:
    """The content as the edit form would store it; invalid data is an error."""
    form = PracticeForm(data=initial_from_content(content))
    if not form.is_valid():
        raise DemoDataError(f"Demo practice {sheet.title!r}: {form.errors.as_text()}")
    cleaned = content_from_cleaned(form.cleaned_data)
    percent, missing = completeness(cleaned)
    if sheet.state == DRAFT and not missing:
        raise DemoDataError(f"Demo practice {sheet.title!r}: a demo draft is left incomplete.")
    if sheet.state != DRAFT and missing:
        raise DemoDataError(
            f"Demo practice {sheet.title!r}: {percent}% complete, missing {', '.join(missing)}."
        )
    return cleaned


def _clean_translation(sheet: FactSheet, language: str, text: dict[str, str]) -> dict[str, str]:
    """The translation as the translation form would store it."""
    form = TranslationForm(data=text)
    if not form.is_valid() or set(text) - set(TRANSLATABLE):
        raise DemoDataError(
            f"Demo practice {sheet.title!r} [{language}]: {form.errors.as_text() or sorted(text)}"
        )
    return {name: value for name, value in form.cleaned_data.items() if name in TRANSLATABLE}


@contextmanager
def _no_emails() -> Iterator[None]:
    """The workflow notifies people at every step: hundreds of e-mails to
    invented addresses. They are dropped while the demo loads (the e-mails are
    sent when the loader's transaction commits, inside this block)."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        yield


class _Loader:
    """One run of :func:`load_demo_practices`."""

    def __init__(self, stdout: Writer | None) -> None:
        self.stdout = stdout
        self.organisations = {
            org.slug: org for org in Organisation.objects.filter(slug__in=list(_PARTNERS))
        }
        missing = sorted(set(_PARTNERS) - set(self.organisations))
        if missing:
            raise DemoDataError(
                f"Load the demo network before its practices (missing: {', '.join(missing)})."
            )
        self.users: dict[str, User] = {}
        self.codes = list(
            RubricCriterion.objects.order_by("position").values_list("code", flat=True)
        )
        if set(self.codes) != set(CRITERIA):
            raise DemoDataError("Demo practices: the review rubric's criteria have changed.")

    def user(self, email: str) -> User:
        if email not in self.users:
            user = User.objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                raise DemoDataError(f"Demo practices: no active account {email!r}.")
            self.users[email] = user
        return self.users[email]

    def find(self, sheet: FactSheet) -> Practice | None:
        """The practice of ``sheet`` if it exists (same host and title)."""
        return (
            Practice.objects.filter(host=self.organisations[sheet.host])
            .filter(
                Q(slug=slugify(sheet.title)[:80])
                | Q(title=sheet.title)
                | Q(revisions__content__title=sheet.title)
            )
            .order_by("pk")
            .first()
        )

    @staticmethod
    def review(
        practice: Practice,
        author: User,
        reviewers: list[User],
        scores: tuple[str, ...],
        editor: User,
    ) -> None:
        """``author`` submits ``practice``; ``editor`` assigns ``reviewers``, who
        submit ``scores`` in order (a reviewer without scores has not finished)."""
        services.practice_submit(practice=practice, actor=author)
        reviews = [
            services.review_assign(practice=practice, reviewer=reviewer, actor=editor)
            for reviewer in reviewers
        ]
        for review, digits in zip(reviews, scores, strict=False):
            values = parse_scores(digits)
            services.review_submit(
                review=review,
                actor=review.reviewer,
                scores=values,
                comments=review_comments(values),
            )

    def create(self, index: int, sheet: FactSheet, editor: User) -> Practice:
        """Put ``sheet`` through the workflow up to its state."""
        partner = _PARTNERS[sheet.host]
        author = self.user(partner.email_of(partner.coordinator))
        content = _clean_content(sheet, sheet.content)
        practice = services.practice_create(
            host=self.organisations[sheet.host],
            author=author,
            content={"title": sheet.title, "licence": LICENCE},
            language=sheet.language,
        )
        services.practice_save(
            practice=practice,
            author=author,
            content=content,
            expected_version=practice.version,
            note="Work in progress" if sheet.state == DRAFT else "Complete fact sheet",
        )
        if sheet.state in {DRAFT, SUBMITTED}:
            if sheet.state == SUBMITTED:
                services.practice_submit(practice=practice, actor=author)
            return practice
        other = reviewer_partner(index, sheet.host)
        reviewers = [self.user(other.email_of(other.coordinator)), editor]
        self.review(practice, author, reviewers, sheet.scores, editor)
        if sheet.state == IN_REVIEW:
            return practice
        practice = services.practice_publish(practice=practice, actor=editor)
        for language, text in sheet.translations.items():
            services.translation_save(
                practice=practice,
                language=language,
                content=_clean_translation(sheet, language, text),
                translator=self.user(translator_email(partner, language)),
                expected_version=None,
            )
        if sheet.update is not None:
            changed = _clean_content(sheet, {**sheet.content, **sheet.update.changes})
            services.practice_save(
                practice=practice,
                author=author,
                content=changed,
                expected_version=practice.version,
                note=sheet.update.note,
            )
            self.review(practice, author, reviewers, sheet.scores, editor)
            practice = services.practice_publish(practice=practice, actor=editor)
        return practice


def load_demo_practices(*, stdout: Writer | None = None) -> dict[str, int]:
    """Create the demo practices that are missing; running it again creates nothing.

    Writes one line per created practice to ``stdout`` when given. Returns the
    number of practices ``created`` and ``unchanged`` by this run, and, over all
    the demo practices, how many are ``published``, ``drafts``, ``in_review``
    (submitted or in review), their ``translations`` and how many of those are
    ``outdated``. Raises :class:`DemoDataError` (and changes nothing) when the
    demo network is missing or the data cannot be loaded.
    """
    _check_data()
    with _no_emails(), transaction.atomic():
        loader = _Loader(stdout)
        editor = loader.user(EDITOR.email)
        created = unchanged = 0
        ids: list[int] = []
        for index, sheet in enumerate(FACT_SHEETS):
            practice = loader.find(sheet)
            if practice is None:
                practice = loader.create(index, sheet, editor)
                if practice.is_public and practice.published_at is not None:
                    # Spread the publication dates over the last two years so that
                    # "newest first" means something in the demo catalogue.
                    published = practice.published_at - timedelta(
                        days=17 * (len(FACT_SHEETS) - index)
                    )
                    Practice.objects.filter(pk=practice.pk).update(
                        published_at=published, first_published_at=published
                    )
                created += 1
                if stdout is not None:
                    stdout.write(f"Created practice: {sheet.title} ({sheet.state})\n")
            else:
                unchanged += 1
            ids.append(practice.pk)

        practices = Practice.objects.filter(pk__in=ids)
        translations = PracticeTranslation.objects.filter(practice__in=ids).select_related(
            "practice__published_revision"
        )
        outdated = sum(
            1
            for translation in translations
            if translation.practice.published_revision is not None
            and translation.source_fingerprint
            != services.source_fingerprint(translation.practice.published_revision.content)
        )
        return {
            "created": created,
            "unchanged": unchanged,
            "published": practices.filter(is_public=True).count(),
            "drafts": practices.filter(status=Status.DRAFT, is_public=False).count(),
            "in_review": practices.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW]).count(),
            "translations": len(translations),
            "outdated": outdated,
        }


# --- The fact sheets ---------------------------------------------------------------
# Scores: partner coordinator's, then the editor's. The label follows from the
# consensus (rounded mean) and the label rules of practices/data/rubric.json:
# good practice needs a total of 24 with evidence and transferability at 3 or
# more; promising practice needs innovation at 3 or more and evidence at 2 or less.

FACT_SHEETS: tuple[FactSheet, ...] = (
    # --- Lycée professionnel des Ateliers de l'Erdre (FR, Nantes) ---------------------
    _sheet(
        "ateliers-erdre",
        title="Client workshop: automotive learners service real customers' cars",
        summary="Once a week, second- and third-year automotive maintenance learners run a real garage inside the school: they welcome customers, diagnose and repair their cars under a teacher's supervision, and invoice the parts. Learners reach the workplace with real-client experience, and their diagnosis marks improved markedly.",
        other_organisations="Regional branch of the motor trades federation; two partner garages in Nantes that lend diagnostic equipment.",
        sectors=["071", "104"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T3", "T2", "C1"],
        keywords="automotive maintenance, real customers, workshop, project-based learning, diagnosis",
        stage="mainstreamed",
        start_date="2016-09-05",
        context="Our automotive learners used to practise on donated vehicles with known, staged faults. Employers told us that new recruits could change parts but struggled with diagnosis and with talking to customers. Placements alone did not close the gap, because learners in garages are rarely allowed to handle a customer from start to finish.",
        objectives="Give every automotive learner at least 40 hours of complete customer jobs before the final exam. Improve diagnostic reasoning and customer communication. Make the workshop a place where teachers of technical subjects, French and economics work on the same real cases.",
        target_groups=["ivet_learners", "teachers", "companies"],
        people_reached=410,
        description=_md(
            "The school workshop opens to the public every Wednesday from 8:30 to 16:30. Staff and local residents book a slot online and pay only the parts plus a fixed fee of 15 euros.",
            "",
            "- **Reception:** a learner in a customer-facing role records the complaint and explains the estimate.",
            "- **Diagnosis:** a team of three learners tests the vehicle and writes a diagnosis sheet that the teacher validates.",
            "- **Repair:** the team carries out the work; the teacher signs off safety-critical steps.",
            "- **Hand-over:** the learner explains the work done to the customer and completes the invoice.",
            "",
            "Each job becomes a case for the French class (written report) and the economics class (costing).",
        ),
        resources="Two automotive teachers for 7 hours a week, one administrative assistant for 3 hours. The workshop was already equipped; we added a diagnostic scanner lent by a partner garage and liability insurance (900 euros a year). Fees and parts are managed by the school's accounting office and cover consumables.",
        stakeholders="The motor trades federation helped design the customer procedure and checks insurance each year. Learners' families and school staff are the first customers. The regional education authority approved the scheme as part of the curriculum.",
        evaluation="Teachers compare diagnosis results of the practical exam before (2013-2016) and after the introduction (2017-2024). Each customer fills in a satisfaction card, and placement tutors rate learners' customer communication on a four-level grid.",
        results="About 380 customer jobs a year, with 92% of customers satisfied or very satisfied. The average mark in the diagnosis part of the practical exam rose from 11.2 to 13.6 out of 20. Placement tutors rating customer communication as good or very good rose from 48% to 81%. Two partner garages now recruit directly from the scheme.",
        evaluation_level="3",
        transfer_conditions="Needs an equipped workshop, insurance covering work on third-party vehicles and an agreement with local garages so the school does not compete with them (we limit jobs to servicing and simple repairs). The customer procedure and diagnosis sheets can be reused as they are.",
        lessons_learned="At first, jobs took far too long and customers complained; fixed half-day slots solved this. Involving the garages from the start avoided accusations of unfair competition.",
        visitor_activities="Observe a Wednesday workshop, from customer reception to hand-over; join the teachers' weekly planning meeting; see the diagnosis sheets and the grading grid.",
        visitor_outcomes="Visitors can plan a real-customer workshop for their own school, including insurance, pricing and the agreement with local businesses.",
        links=["https://ateliers-erdre.example.org/atelier-clients"],
        scores=("34343433", "44334343"),
        translations={
            "fr": {
                "title": "Atelier clients : les élèves de maintenance automobile entretiennent de vraies voitures",
                "summary": "Une fois par semaine, les élèves de deuxième et troisième année de maintenance automobile font tourner un vrai garage dans le lycée : ils accueillent les clients, diagnostiquent et réparent leurs voitures sous la supervision d'un enseignant et facturent les pièces. Ils arrivent en entreprise avec une expérience de clients réels, et leurs notes de diagnostic ont nettement progressé.",
                "keywords": "maintenance automobile, clients réels, atelier, pédagogie de projet, diagnostic",
                "context": "Nos élèves s'entraînaient sur des véhicules donnés, avec des pannes connues et mises en scène. Les employeurs nous disaient que les nouveaux embauchés savaient changer des pièces mais avaient du mal avec le diagnostic et avec la relation client. Les stages seuls ne suffisaient pas, car en garage un élève gère rarement un client du début à la fin.",
                "objectives": "Donner à chaque élève au moins 40 heures d'interventions complètes pour des clients avant l'examen final. Améliorer le raisonnement de diagnostic et la communication avec le client. Faire de l'atelier un lieu où les enseignants de technique, de français et d'économie travaillent sur les mêmes cas réels.",
                "description": _md(
                    "L'atelier du lycée est ouvert au public chaque mercredi de 8 h 30 à 16 h 30. Personnels et habitants du quartier réservent un créneau en ligne et ne paient que les pièces et un forfait de 15 euros.",
                    "",
                    "- **Accueil :** un élève chargé de la relation client note la demande et explique le devis.",
                    "- **Diagnostic :** une équipe de trois élèves teste le véhicule et rédige une fiche de diagnostic validée par l'enseignant.",
                    "- **Réparation :** l'équipe réalise l'intervention ; l'enseignant valide les étapes touchant à la sécurité.",
                    "- **Restitution :** l'élève explique au client le travail effectué et établit la facture.",
                    "",
                    "Chaque intervention devient un cas d'étude en français (compte rendu écrit) et en économie (calcul des coûts).",
                ),
                "resources": "Deux enseignants de maintenance automobile 7 heures par semaine et une assistante administrative 3 heures. L'atelier était déjà équipé ; nous avons ajouté une valise de diagnostic prêtée par un garage partenaire et une assurance responsabilité civile (900 euros par an). Les forfaits et les pièces sont gérés par l'agence comptable et couvrent les consommables.",
                "stakeholders": "La fédération régionale des métiers de l'automobile a aidé à concevoir la procédure d'accueil et vérifie chaque année l'assurance. Les familles des élèves et les personnels du lycée sont les premiers clients. Le rectorat a validé le dispositif dans le cadre du programme.",
                "evaluation": "Les enseignants comparent les résultats de l'épreuve pratique de diagnostic avant (2013-2016) et après la mise en place (2017-2024). Chaque client remplit une fiche de satisfaction, et les tuteurs de stage évaluent la communication des élèves avec les clients sur une grille à quatre niveaux.",
                "results": "Environ 380 interventions par an, avec 92 % de clients satisfaits ou très satisfaits. La note moyenne de la partie diagnostic de l'épreuve pratique est passée de 11,2 à 13,6 sur 20. La part des tuteurs jugeant la communication avec les clients bonne ou très bonne est passée de 48 % à 81 %. Deux garages partenaires recrutent désormais directement parmi les élèves du dispositif.",
                "transfer_conditions": "Il faut un atelier équipé, une assurance couvrant les interventions sur des véhicules de tiers et un accord avec les garages locaux pour ne pas leur faire concurrence (nous nous limitons à l'entretien et aux réparations simples). La procédure d'accueil et les fiches de diagnostic sont réutilisables telles quelles.",
                "lessons_learned": "Au début, les interventions duraient beaucoup trop longtemps et les clients se plaignaient ; des créneaux fixes d'une demi-journée ont réglé le problème. Associer les garages dès le départ a évité les accusations de concurrence déloyale.",
                "visitor_activities": "Observer un mercredi d'atelier, de l'accueil du client à la restitution ; participer à la réunion de planification hebdomadaire des enseignants ; consulter les fiches de diagnostic et la grille d'évaluation.",
                "visitor_outcomes": "Les visiteurs peuvent préparer un atelier avec de vrais clients dans leur propre établissement, y compris l'assurance, les tarifs et l'accord avec les entreprises locales.",
            }
        },
    ),
    _sheet(
        "ateliers-erdre",
        language="fr",
        title="Parcours individualisés en maintenance automobile grâce aux blocs de compétences",
        summary="Les élèves qui arrivent en cours d'année ou après une rupture de contrat suivent un parcours construit bloc par bloc : un positionnement à l'entrée, un plan de formation personnel et des validations partielles. Personne ne recommence une année entière pour des compétences déjà acquises.",
        sectors=["071"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T8", "T1", "T9"],
        keywords="parcours individualisé, blocs de compétences, positionnement, décrochage, validation partielle",
        stage="implemented",
        start_date="2021-09-01",
        context="Chaque année, une vingtaine de jeunes nous rejoignent en cours de formation : réorientations, ruptures de contrat d'apprentissage, retours après décrochage. Ils étaient placés dans une classe au niveau de leur âge et reprenaient des contenus qu'ils maîtrisaient déjà, ou au contraire se retrouvaient perdus. Beaucoup abandonnaient avant la fin de l'année.",
        objectives="Construire pour chaque arrivant un parcours fondé sur les blocs de compétences du diplôme. Réduire les abandons des élèves arrivés en cours d'année. Permettre des validations partielles reconnues, qui restent acquises même en cas de nouvelle interruption.",
        target_groups=["ivet_learners", "fewer_opportunities", "teachers"],
        people_reached=64,
        description=_md(
            "Le dispositif se déroule en trois temps :",
            "",
            "1. **Positionnement** : deux demi-journées à l'atelier et un entretien permettent de situer l'élève sur chacun des blocs de compétences du baccalauréat professionnel.",
            "2. **Plan de formation** : le professeur référent et l'élève fixent les blocs à travailler, les modules suivis avec quelle classe et le calendrier des évaluations.",
            "3. **Suivi** : un point toutes les trois semaines ajuste le plan ; les blocs validés sont inscrits dans le livret de l'élève.",
        ),
        resources="Deux heures hebdomadaires de professeur référent par groupe de dix élèves, financées sur la dotation horaire de l'établissement. Un tableau de suivi partagé et la grille de positionnement, conçus par l'équipe en une semaine de travail.",
        stakeholders="Le centre d'information et d'orientation adresse les jeunes ; la mission locale suit ceux qui sont sans solution ; les entreprises de stage sont informées des blocs déjà validés.",
        evaluation="L'équipe suit les taux d'abandon et de réussite des élèves arrivés en cours d'année depuis 2021 et les compare aux trois années précédentes. Un questionnaire est proposé aux élèves en fin de parcours.",
        results="Sur 64 élèves accompagnés, 47 ont obtenu au moins deux blocs et 31 le diplôme complet. Le taux d'abandon des arrivants en cours d'année est passé de 38 % à 21 %. 85 % des élèves interrogés disent savoir précisément ce qu'il leur reste à acquérir.",
        evaluation_level="2",
        transfer_conditions="Le diplôme doit être découpé en blocs de compétences reconnus séparément. Il faut une équipe prête à accueillir des élèves à des moments différents dans ses cours et un créneau commun pour les points de suivi.",
        lessons_learned="La gestion des emplois du temps est la principale difficulté : nous regroupons désormais les entrées sur quatre dates par an. Le positionnement à l'atelier est plus fiable que les dossiers scolaires.",
        visitor_activities="Assister à une séance de positionnement et à un point de suivi ; consulter les plans de formation anonymisés et le tableau de suivi.",
        visitor_outcomes="Comprendre comment découper un parcours en blocs et organiser des entrées décalées dans un lycée professionnel.",
        scores=("32322332", "43232322"),
    ),
    _sheet(
        "ateliers-erdre",
        language="fr",
        state=DRAFT,
        title="Préparer les stages Erasmus+ avec des ateliers de mise en situation",
        summary="Avant leur stage à l'étranger, les élèves vivent trois ateliers de mise en situation : arrivée dans l'entreprise, consignes de sécurité dans une autre langue, gestion d'un imprévu.",
        sectors=["071", "104"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T11", "T6"],
        keywords="mobilité, Erasmus+, préparation linguistique, mise en situation",
        stage="pilot",
        start_date="2024-01-08",
        context="Certains élèves partis en stage à l'étranger ont été déstabilisés dès les premiers jours : consignes mal comprises, difficultés à demander de l'aide.",
        target_groups=["ivet_learners"],
    ),
    # --- Revontuli Vocational College (FI, Tampere) --------------------------------------
    _sheet(
        "revontuli",
        title="Personal competence development plans for every vocational student",
        summary="Every student at Revontuli starts with a recognition of prior learning and a personal competence development plan agreed with a teacher-coach and, for work-based modules, the workplace instructor. Students progress at their own pace, and can complete their qualification whenever they have shown all the required competences at work.",
        other_organisations="Regional employers' network of Pirkanmaa; the city's youth guidance centre.",
        sectors=["061", "071", "091"],
        eqf_levels=["3", "4", "5"],
        vet_type="both",
        fields=["T8", "T2", "G5"],
        keywords="individual learning path, personal plan, recognition of prior learning, competence-based, flexible start",
        stage="mainstreamed",
        start_date="2018-01-08",
        context="The Finnish VET reform of 2018 made competence-based, personalised qualifications the norm and abolished fixed school years. Our college had to move 4,000 students from group timetables to personal plans, while many students lacked the self-direction to manage a flexible path.",
        objectives="Give every student a personal plan within three weeks of enrolment. Recognise what students already know so that they do not repeat it. Shorten the time to qualification without lowering the share of students who complete it.",
        target_groups=["ivet_learners", "adult_learners", "teachers", "tutors"],
        people_reached=4100,
        description=_md(
            "Each student is assigned a teacher-coach who meets them at least once a month.",
            "",
            "- **Week 1-3:** interview, recognition of prior learning and a first plan recorded in the student information system.",
            "- **Each module:** the plan states where the competence is acquired (college workshop, workplace or online) and how it is demonstrated.",
            "- **Demonstrations:** students show their competence in real work tasks, assessed jointly by a teacher and a workplace representative.",
            "- **Review:** the plan is updated whenever the student's situation changes (work, family, health).",
        ),
        resources="Coaching is part of every teacher's workload (about 1.5 hours per student per term). We trained 280 teachers in three days of coaching and competence-based assessment (total cost about 95,000 euros, funded by the national development grant). The student information system module was bought as part of the national reform.",
        stakeholders="Employers host demonstrations and sign off assessments. The student union took part in designing the first-interview guide. The city's youth guidance centre refers young people without a place.",
        evaluation="We compare completion rates and study durations of the cohorts starting in 2015-2017 and in 2019-2022, using national register data. Student feedback comes from the national AIPAL survey at start and end of studies; the regional employers' network ran a survey on graduates' skills in 2023.",
        results="Average time to a vocational upper secondary qualification fell from 33 to 26 months, while the completion rate rose from 74% to 79%. 31% of adult students obtained credit for prior learning worth at least one module. Student satisfaction with guidance rose from 3.6 to 4.1 out of 5 in the AIPAL survey.",
        evaluation_level="4",
        transfer_conditions="Requires qualifications described in competence units that can be assessed separately, and teachers whose workload includes coaching time. Smaller providers can start with one programme. Our first-interview guide and plan template are available in English.",
        lessons_learned="Students with little self-direction need more frequent meetings at the start; we now schedule weekly check-ins for the first two months. Without shared planning tools, teachers lost track of students working at companies.",
        visitor_activities="Shadow a teacher-coach for a day, including a first interview and a competence demonstration at a workplace; see the plan in the student information system.",
        visitor_outcomes="Visitors understand how to organise coaching time, recognition of prior learning and workplace demonstrations in a personalised system.",
        links=[
            "https://revontuli.example.org/en/personal-study-paths",
            "https://revontuli.example.org/en/hops-template.pdf",
        ],
        scores=("44434444", "43444343"),
    ),
    _sheet(
        "revontuli",
        title="Simulation ward with virtual patients for practical nursing students",
        summary="A simulation ward with a high-fidelity manikin and virtual patient cases lets practical nursing students rehearse medication rounds, deterioration and family conversations before their first placement. Debriefings are filmed and used for self-assessment.",
        sectors=["091"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["T4", "T3"],
        keywords="simulation, nursing, virtual patient, debriefing, patient safety",
        stage="pilot",
        start_date="2023-08-14",
        context="Placement providers in elderly care reported that first-year practical nursing students were anxious and made avoidable mistakes in medication rounds. Placements are scarce, so students need to arrive better prepared.",
        objectives="Let every first-year nursing student complete six simulation scenarios before the first placement. Reduce medication errors and anxiety during placements. Train teachers in structured debriefing.",
        target_groups=["ivet_learners", "teachers"],
        people_reached=190,
        description="Groups of six students run a 20-minute scenario on the ward (a manikin that can speak, breathe and show vital signs, or a virtual patient on a screen) while the others observe. A 40-minute structured debriefing follows, using the video recording. Scenarios were written with nurses of the city's home-care service and increase in difficulty, from a routine medication round to a patient who deteriorates during the night.",
        resources="Ward room converted in 2023 (manikin and cameras 68,000 euros, funded by a regional development project and the college). Two nursing teachers trained in debriefing (five days). Each scenario needs two teachers for 90 minutes per group.",
        stakeholders="The city's home-care service co-wrote the scenarios and sends nurses as guest facilitators. Students give feedback after each session.",
        evaluation="Students rate their confidence before and after the simulation block (validated self-efficacy scale). Placement supervisors report medication errors and give an overall rating; the pilot cohort is compared with the previous one.",
        results="In the first two pilot cohorts, 190 students completed the block. Self-reported confidence rose from 2.8 to 3.9 out of 5. Supervisors' overall rating improved slightly (3.5 to 3.8 out of 5); the number of reported medication incidents is too small to compare.",
        evaluation_level="2",
        transfer_conditions="Scenarios can be run with a low-cost manikin or screen-based virtual patients; the debriefing method matters more than the equipment. Teachers need at least three days of debriefing training.",
        lessons_learned="Students found being filmed stressful; we now let them choose whether their recording is kept after the debriefing.",
        visitor_activities="Observe a scenario and its debriefing; try the virtual patient software; discuss scenario writing with the teachers.",
        visitor_outcomes="Visitors can write a simulation scenario and run a structured debriefing.",
        scores=("32144222", "32233322"),
    ),
    _sheet(
        "revontuli",
        title="Robotics challenge week with regional manufacturers",
        summary="Once a year, ICT and automation students spend a week solving robotics problems brought by regional manufacturers, in mixed teams with company engineers. The best solutions are tested on the companies' lines.",
        other_organisations="Six manufacturing companies of the Tampere region; the regional technology centre.",
        sectors=["061", "071"],
        eqf_levels=["4", "5"],
        vet_type="ivet",
        fields=["T12", "C1", "T3"],
        keywords="robotics, hackathon, challenge-based learning, industry, automation",
        stage="implemented",
        start_date="2022-03-07",
        context="Automation students rarely work on real industrial problems, and regional manufacturers struggle to recruit robot operators and programmers. Companies wanted a way to meet students before the placement period.",
        objectives="Bring students and manufacturers together on real automation challenges. Let students practise teamwork and presentation under time pressure. Make companies visible as employers.",
        target_groups=["ivet_learners", "companies", "teachers"],
        people_reached=140,
        description=_md(
            "- **Before:** each company describes one real problem (e.g. a gripper that drops parts, a robot cell that needs reprogramming for a new product).",
            "- **Monday:** mixed teams of four students and one engineer visit the company.",
            "- **Tuesday-Thursday:** teams prototype in the college's robotics lab with collaborative robots and simulation software.",
            "- **Friday:** each team pitches its solution to a jury of company managers and teachers.",
        ),
        resources="Four teachers for one week; the robotics lab (six collaborative robots); about 6,000 euros for materials and the final event, shared by the companies.",
        stakeholders="Companies provide challenges, engineers and jury members; the regional technology centre advertises the week.",
        evaluation="Students and companies answer a short survey at the end of each week.",
        results="Three editions with 140 students and 18 challenges. Seven solutions were tested in production. 23 students got a placement in a participating company.",
        evaluation_level="1",
        transfer_conditions="Needs a robotics or automation lab and two or three companies willing to share a real problem and an engineer for a week.",
        visitor_activities="Join a challenge week as a team coach or jury member.",
        visitor_outcomes="Visitors learn how to organise a challenge-based week with companies.",
        scores=("32143322", "32244221"),
    ),
    _sheet(
        "revontuli",
        state=SUBMITTED,
        title="Joint ICT modules with the regional university of applied sciences",
        summary="Final-year ICT students can take two modules of the university of applied sciences' software engineering degree, taught jointly by college and university teachers. The credits count in both programmes and open a fast track into the degree.",
        other_organisations="The regional university of applied sciences (school of ICT).",
        sectors=["061"],
        eqf_levels=["4", "5", "6"],
        vet_type="ivet",
        fields=["C6", "T8"],
        keywords="higher VET, university of applied sciences, progression, dual credit, software engineering",
        stage="pilot",
        start_date="2023-09-04",
        context="Many of our ICT graduates go on to a university of applied sciences but drop out in the first year, mostly in programming and mathematics courses. Both institutions wanted a smoother transition.",
        objectives="Let motivated final-year students earn 10 ECTS credits before leaving the college. Reduce first-year drop-out of our graduates at the university. Bring college and university teachers to plan together.",
        target_groups=["ivet_learners", "teachers"],
        people_reached=48,
        description="Two modules (Programming basics, 5 ECTS, and Web applications, 5 ECTS) are taught at the college by a pair of teachers, one from each institution. Students follow the university's online course platform and take the same exams as degree students. A joint steering group meets twice a term.",
        resources="About 120 teaching hours a year, split between both institutions; no extra cost for students. Coordination takes two hours a week of a college head of department.",
        stakeholders="University and college teachers, the student unions of both institutions, and two software companies that advise on course content.",
        evaluation="Grades of the joint modules are compared with those of first-year degree students. The university will follow the progression of participants who enrol in the degree.",
        results="48 students took part in the first two terms; 41 passed both modules, with an average grade of 3.4 out of 5 (degree students: 3.1). 19 participants applied to the degree in spring 2024.",
        evaluation_level="2",
        transfer_conditions="Needs a partner university willing to recognise the credits and to co-teach, and a national framework that allows credit transfer between VET and higher education.",
        visitor_activities="Attend a co-taught session; meet the steering group.",
        visitor_outcomes="Visitors see how a VET provider and a university can share modules and credits.",
    ),
    # --- Berufsbildungszentrum Elsteraue (DE, Leipzig) ----------------------------------
    _sheet(
        "bbz-elsteraue",
        language="de",
        title="Digitaler Zwilling der Elektrowerkstatt: Schaltungen erst simulieren, dann verdrahten",
        summary="Auszubildende im Elektrohandwerk planen Installationen zuerst an einem digitalen Zwilling der Werkstatt: Sie simulieren Schaltungen, finden Fehler und bauen erst danach am realen Übungsstand. So sinken Materialverbrauch und Fehlversuche, und Lehrkräfte sehen den Lösungsweg jedes Azubis.",
        sectors=["071"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T4", "T3"],
        keywords="digitaler Zwilling, Simulation, Elektroinstallation, Fehlersuche, Lernfeld",
        stage="pilot",
        start_date="2023-02-06",
        context="In den Lernfeldern zur Gebäudeinstallation verdrahteten die Auszubildenden bisher direkt an den Übungsständen. Fehler wurden erst beim Einschalten sichtbar, Material ging verloren, und die Lehrkräfte konnten kaum nachvollziehen, wie ein Azubi zu seiner Lösung kam.",
        objectives="Die Planung einer Installation vom Verdrahten trennen und sichtbar machen. Fehlversuche und Materialverbrauch an den Übungsständen senken. Die Fehlersuche systematisch trainieren, bevor echte Spannung anliegt.",
        target_groups=["apprentices", "teachers"],
        people_reached=220,
        description=_md(
            "Ablauf einer Lernsituation:",
            "",
            "1. Die Azubis erhalten einen Kundenauftrag (z. B. Wohnungsverteilung mit Fehlerstromschutz).",
            "2. Sie planen die Schaltung im digitalen Zwilling, der jeden Übungsstand der Werkstatt maßstabsgetreu abbildet, und testen sie in der Simulation.",
            "3. Die Lehrkraft gibt die Planung frei; erst dann wird am realen Stand verdrahtet.",
            "4. In der Fehlersuchphase baut die Lehrkraft im Zwilling Fehler ein, die die Azubis mit virtuellen Messgeräten finden.",
        ),
        resources="Lizenz der Simulationssoftware für 30 Arbeitsplätze (4.200 Euro pro Jahr, aus dem DigitalPakt Schule), Modellierung der Werkstatt durch zwei Lehrkräfte (ca. 120 Stunden), Fortbildung für sechs Lehrkräfte (zwei Tage).",
        stakeholders="Die Innung des Elektrohandwerks hat die Kundenaufträge mitentwickelt; zwei Ausbildungsbetriebe testen die Simulation in ihrer eigenen Ausbildung.",
        evaluation="Die Lehrkräfte zählen Fehlversuche und Materialverbrauch an den Übungsständen in Pilot- und Vergleichsklassen. Die Azubis bewerten die Lernsituationen in einer kurzen Online-Befragung.",
        results="In den vier Pilotklassen sank die Zahl der Fehlversuche beim ersten Einschalten um etwa ein Drittel, der Materialverbrauch um rund 25 %. 78 % der Azubis finden, dass sie die Fehlersuche besser verstehen. Belastbare Prüfungsergebnisse liegen noch nicht vor.",
        evaluation_level="2",
        transfer_conditions="Übertragbar auf jede Werkstatt mit standardisierten Übungsständen. Der Aufwand liegt vor allem in der einmaligen Modellierung der Werkstatt; die Kundenaufträge können übernommen werden.",
        lessons_learned="Ohne feste Freigabe durch die Lehrkraft übersprangen manche Azubis die Simulation. Ältere Rechner waren zu langsam; wir nutzen jetzt Laptops aus dem Medienpool.",
        visitor_activities="An einer Lernsituation teilnehmen, die Simulation selbst ausprobieren, mit den Lehrkräften über die Modellierung sprechen.",
        visitor_outcomes="Besucher können einschätzen, welcher Aufwand für einen digitalen Zwilling ihrer eigenen Werkstatt nötig ist.",
        scores=("32143322", "32243232"),
    ),
    _sheet(
        "bbz-elsteraue",
        title="Solar installer add-on qualification for electrician apprentices",
        summary="Third-year electrician apprentices can take a 120-hour add-on qualification in photovoltaic and battery installation, certified by the chamber of crafts. Lessons take place on a training roof and at customers' sites with partner companies, which struggle to find qualified solar installers.",
        other_organisations="Regional chamber of crafts; electricians' guild of Leipzig; eight installation companies.",
        sectors=["071", "073"],
        eqf_levels=["4"],
        vet_type="both",
        fields=["T5", "T1", "C2"],
        keywords="green skills, photovoltaics, battery storage, solar installer, additional qualification",
        stage="implemented",
        start_date="2021-09-06",
        context="Demand for rooftop solar and home batteries in Saxony has grown fast since 2020, and installation companies reported waiting lists of several months for lack of qualified staff. The electrician curriculum covers photovoltaics only briefly, and companies had no time to train apprentices themselves.",
        objectives="Give electrician apprentices a recognised qualification in photovoltaic and storage installation before they finish their apprenticeship. Help small installation companies to grow their solar business. Open the same course to adult electricians as continuing training.",
        target_groups=["apprentices", "adult_learners", "companies"],
        people_reached=260,
        description=_md(
            "The add-on qualification has four modules of 30 hours, spread over the third year:",
            "",
            "- planning and sizing of PV systems, including shading analysis with software;",
            "- mounting systems and working at heights on the school's training roof;",
            "- DC installation, inverters and battery storage, with safety rules for high DC voltages;",
            "- commissioning, measurement and handing over to the customer.",
            "",
            "Apprentices spend two days on real installations with a partner company. The chamber of crafts holds the final exam and issues the certificate.",
        ),
        resources="Training roof with three roof types and two PV systems (85,000 euros, funded by the state's energy transition programme). Two teachers trained by a manufacturer (five days). Running cost about 310 euros per participant, covered for apprentices by the state and paid by employers for adult learners.",
        stakeholders="The chamber of crafts designed the exam with us and certifies it. The guild and eight companies advise on content and host the site days. The apprentices' representatives asked for the course to fit the block timetable.",
        evaluation="The chamber records exam results. We survey participants and their employers six months after certification, and the guild collects data on hiring and on the number of installations per company.",
        results="Since 2021, 214 apprentices and 46 adult electricians have been certified (pass rate 91%). Six months later, 72% of certified apprentices were working on solar installations; employers rated their skills 4.3 out of 5. Partner companies increased their yearly installations by 40% on average, and three new companies joined as partners.",
        evaluation_level="4",
        transfer_conditions="Needs a training roof or a safe mock-up, teachers with recent practical experience of PV, and a body able to certify the qualification. The module descriptions and exam are available in German and English.",
        lessons_learned="Working at heights was the main fear of both companies and parents; the training roof and a certified fall-protection module solved this. Scheduling site days in winter is difficult, so they are concentrated between April and October.",
        visitor_activities="Join a module on the training roof; visit an installation site with a partner company; meet the chamber's exam board.",
        visitor_outcomes="Visitors can design an add-on qualification in green skills with employers and a certifying body.",
        links=["https://bbz-elsteraue.example.org/en/solar-add-on"],
        scores=("44343433", "43434343"),
        translations={
            "de": {
                "title": "Zusatzqualifikation Solarteur für Auszubildende im Elektrohandwerk",
                "summary": "Auszubildende zum Elektroniker im dritten Lehrjahr können eine 120-stündige, von der Handwerkskammer zertifizierte Zusatzqualifikation für Photovoltaik- und Speicherinstallation erwerben. Der Unterricht findet auf einem Übungsdach und auf Baustellen von Partnerbetrieben statt, die dringend qualifizierte Solarteure suchen.",
                "keywords": "grüne Kompetenzen, Photovoltaik, Batteriespeicher, Solarteur, Zusatzqualifikation",
                "context": "Die Nachfrage nach Solaranlagen und Heimspeichern in Sachsen ist seit 2020 stark gestiegen, und Installationsbetriebe melden monatelange Wartezeiten, weil Fachkräfte fehlen. Der Ausbildungsrahmenplan der Elektroniker behandelt Photovoltaik nur kurz, und die Betriebe haben keine Zeit, ihre Azubis selbst darin auszubilden.",
                "objectives": "Auszubildenden im Elektrohandwerk vor dem Ausbildungsende eine anerkannte Qualifikation für Photovoltaik- und Speicherinstallation vermitteln. Kleine Installationsbetriebe beim Ausbau ihres Solargeschäfts unterstützen. Denselben Kurs als Weiterbildung für ausgelernte Elektriker öffnen.",
                "description": _md(
                    "Die Zusatzqualifikation besteht aus vier Modulen zu je 30 Stunden, verteilt auf das dritte Lehrjahr:",
                    "",
                    "- Planung und Auslegung von PV-Anlagen, einschließlich Verschattungsanalyse mit Software;",
                    "- Montagesysteme und Arbeiten in der Höhe auf dem Übungsdach der Schule;",
                    "- DC-Installation, Wechselrichter und Batteriespeicher, mit Sicherheitsregeln für hohe Gleichspannungen;",
                    "- Inbetriebnahme, Messung und Übergabe an den Kunden.",
                    "",
                    "Die Azubis verbringen zwei Tage auf echten Baustellen eines Partnerbetriebs. Die Handwerkskammer nimmt die Abschlussprüfung ab und stellt das Zertifikat aus.",
                ),
                "resources": "Übungsdach mit drei Dachformen und zwei PV-Anlagen (85.000 Euro, gefördert aus dem Landesprogramm zur Energiewende). Zwei Lehrkräfte, vom Hersteller geschult (fünf Tage). Laufende Kosten rund 310 Euro pro Teilnehmer, für Azubis vom Land übernommen, für Erwachsene vom Arbeitgeber getragen.",
                "stakeholders": "Die Handwerkskammer hat die Prüfung mit uns entwickelt und zertifiziert sie. Die Innung und acht Betriebe beraten zu den Inhalten und richten die Baustellentage aus. Die Azubivertretung hat darauf gedrängt, den Kurs in den Blockunterricht einzupassen.",
                "evaluation": "Die Handwerkskammer erfasst die Prüfungsergebnisse. Wir befragen Teilnehmende und Arbeitgeber sechs Monate nach der Zertifizierung, und die Innung erhebt Daten zu Einstellungen und zur Zahl der Installationen je Betrieb.",
                "results": "Seit 2021 wurden 214 Auszubildende und 46 ausgelernte Elektriker zertifiziert (Bestehensquote 91 %). Sechs Monate später arbeiteten 72 % der zertifizierten Azubis an Solarinstallationen; die Arbeitgeber bewerteten ihre Kompetenzen mit 4,3 von 5. Die Partnerbetriebe steigerten ihre jährlichen Installationen im Schnitt um 40 %, und drei neue Betriebe kamen als Partner hinzu.",
                "transfer_conditions": "Erforderlich sind ein Übungsdach oder ein sicheres Modell, Lehrkräfte mit aktueller PV-Praxiserfahrung und eine Stelle, die die Qualifikation zertifizieren kann. Modulbeschreibungen und Prüfung liegen auf Deutsch und Englisch vor.",
                "lessons_learned": "Die Arbeit in der Höhe war die größte Sorge von Betrieben und Eltern; das Übungsdach und ein zertifiziertes Modul zur Absturzsicherung haben sie ausgeräumt. Baustellentage im Winter sind schwer zu planen, deshalb liegen sie zwischen April und Oktober.",
                "visitor_activities": "An einem Modul auf dem Übungsdach teilnehmen; eine Baustelle mit einem Partnerbetrieb besuchen; den Prüfungsausschuss der Kammer kennenlernen.",
                "visitor_outcomes": "Besucher können gemeinsam mit Arbeitgebern und einer zertifizierenden Stelle eine Zusatzqualifikation für grüne Kompetenzen entwickeln.",
            }
        },
    ),
    _sheet(
        "bbz-elsteraue",
        title="Two-week company placements for vocational teachers",
        summary="Every teacher of a technical subject spends two weeks in a company of the region every four years, with a learning agreement and a short report shared with colleagues. Teachers update their skills, and lessons use examples from current practice.",
        sectors=["071", "072", "073"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T7", "C1"],
        keywords="teacher placement, continuing professional development, company, update of skills",
        stage="implemented",
        start_date="2019-02-04",
        context="Technology in electrical engineering, metalworking and construction changes fast, and some of our teachers had not worked in a company for more than ten years. Companies felt that school lessons lagged behind their practice.",
        objectives="Let each technical teacher spend two weeks in a company every four years. Bring current examples into lessons. Strengthen the contacts between teachers and training companies.",
        target_groups=["teachers", "companies"],
        people_reached=58,
        description="Teachers choose a company from our list of partner companies, usually one that trains our apprentices. Before the placement, teacher and company agree on three learning goals. During the placement, the teacher works alongside skilled workers. Afterwards, the teacher writes a two-page report and presents it at a department meeting. Placements take place during the apprentices' company phases, so no lessons are lost.",
        resources="Placements are counted as in-service training days. Organisation takes about one day per placement for the department heads. No direct costs apart from travel.",
        stakeholders="About 30 partner companies host teachers. The school authority approved placements as official in-service training.",
        evaluation="Teachers fill in a feedback form after the placement; department heads collect the reports.",
        results="58 teachers have completed a placement since 2019. Most reports describe new lesson examples; 12 new partner companies joined our apprenticeship network through the placements.",
        evaluation_level="1",
        transfer_conditions="Needs a timetable with phases when teachers have no classes, and recognition of placements as in-service training.",
        lessons_learned="Companies are more willing to host teachers when the placement period avoids their peak season.",
        visitor_activities="Meet teachers who have completed placements; read their reports; visit a host company.",
        visitor_outcomes="Visitors can organise teacher placements in companies.",
        scores=("32322222", "22322322"),
    ),
    _sheet(
        "bbz-elsteraue",
        state=IN_REVIEW,
        title="Dual study orientation days with the university of applied sciences",
        summary="Apprentices in their last year spend three days at the regional university of applied sciences to try out engineering lectures, labs and the dual study option, where they could study while working in their training company.",
        other_organisations="Regional university of applied sciences (faculty of engineering); chamber of industry and commerce.",
        sectors=["071", "072"],
        eqf_levels=["4", "6"],
        vet_type="ivet",
        fields=["C6", "T8"],
        keywords="dual study, university of applied sciences, progression, orientation, engineering",
        stage="pilot",
        start_date="2023-11-13",
        context="Few of our apprentices consider higher education, although companies need technicians who can study engineering part-time. Apprentices told us they did not know what studying would be like.",
        objectives="Give apprentices a realistic picture of engineering studies. Inform companies about dual study as a way to keep their best apprentices. Increase the number of apprentices who apply to dual study programmes.",
        target_groups=["apprentices", "companies"],
        people_reached=75,
        description="Three days at the university: lectures in mathematics and electrical engineering, a lab afternoon, a meeting with dual students from regional companies and a session with the university's admissions office. Training companies are invited to an information evening on the same week.",
        resources="One teacher for organisation (about 40 hours per year). The university provides lecturers and labs free of charge. Transport costs (about 900 euros per edition) are covered by the school's association.",
        stakeholders="The university, the chamber of industry and commerce, and training companies that already employ dual students.",
        evaluation="Short questionnaires at the end of the days; the university reports how many participants apply.",
        results="75 apprentices took part in the first two editions; 88% found the days useful. Nine applied to a dual study programme for 2024, compared with two in 2023.",
        evaluation_level="1",
        transfer_conditions="Needs a willing university nearby and companies that accept dual students.",
        visitor_activities="Join an orientation day at the university.",
        visitor_outcomes="Visitors can organise orientation days with a partner university.",
        scores=("32233322",),
    ),
    # --- CIPFP Mar de Turia (ES, Valencia) --------------------------------------------------
    _sheet(
        "mar-de-turia",
        language="es",
        title="Cocina sin desperdicio: reducir el desperdicio alimentario en las cocinas de formación",
        summary="El alumnado de cocina y restauración mide cada día lo que se tira en las cocinas del centro, analiza las causas y rediseña menús, compras y raciones. En tres cursos el desperdicio por comensal se ha reducido casi a la mitad, y los restaurantes de prácticas adoptan las mismas herramientas.",
        other_organisations="Asociación de hostelería de Valencia; banco de alimentos de la ciudad; una cooperativa hortícola de l'Horta.",
        sectors=["101"],
        eqf_levels=["3", "4", "5"],
        vet_type="ivet",
        fields=["T5", "T3", "C1"],
        keywords="desperdicio alimentario, sostenibilidad, cocina, restauración, economía circular",
        stage="mainstreamed",
        start_date="2020-09-14",
        context="Nuestras cocinas de formación preparan unas 300 comidas diarias para el restaurante pedagógico y el comedor del centro. Un primer recuento en 2019 mostró que se tiraba cerca de una quinta parte de los alimentos comprados. Los restaurantes de la zona nos pedían además profesionales formados en gestión sostenible.",
        objectives="Reducir a la mitad el desperdicio alimentario por comensal en tres años. Integrar la medición y la prevención del desperdicio en los módulos de cocina, pastelería y servicio. Transferir las herramientas a las empresas donde el alumnado hace sus prácticas.",
        target_groups=["ivet_learners", "teachers", "companies"],
        people_reached=520,
        description=_md(
            "Cada grupo de alumnos se encarga durante una semana de la gestión del desperdicio:",
            "",
            "- **Medición:** se pesan por separado los restos de preparación, los excedentes de producción y lo que queda en los platos, y se registran en una hoja compartida.",
            "- **Análisis:** cada viernes el grupo presenta las causas principales (raciones demasiado grandes, compras mal ajustadas, guarniciones que nadie come).",
            "- **Mejora:** se proponen cambios en las fichas técnicas, las cantidades de compra o la carta, que el equipo docente valida.",
            "- **Reaprovechamiento:** los excedentes aptos se donan al banco de alimentos o se transforman en conservas y caldos en el taller de cocina.",
        ),
        resources="Tres básculas conectadas y una hoja de cálculo compartida (1.800 euros). Una hora semanal de coordinación de un profesor. Formación de 12 docentes en gestión del desperdicio (20 horas, a cargo del centro de formación del profesorado).",
        stakeholders="La asociación de hostelería difunde las herramientas entre sus socios y participa en la evaluación; el banco de alimentos recoge los excedentes; la cooperativa hortícola ajusta sus entregas a nuestras previsiones.",
        evaluation="El desperdicio se mide todos los días lectivos desde septiembre de 2020 y se compara con la medición de referencia de 2019. La asociación de hostelería realizó en 2023 una encuesta a los restaurantes de prácticas.",
        results="El desperdicio por comensal bajó de 148 gramos en 2019 a 79 gramos en 2023 (-47 %). El gasto en materias primas se redujo en unos 11.000 euros al año. Se donaron 2,4 toneladas de alimentos al banco de alimentos. 14 restaurantes de prácticas utilizan ya nuestra hoja de medición.",
        evaluation_level="4",
        transfer_conditions="Se puede aplicar en cualquier centro con cocina de formación. Lo imprescindible es medir a diario durante al menos un mes antes de cambiar nada. Las hojas de medición y las fichas de análisis están disponibles en castellano, valenciano e inglés.",
        lessons_learned="Al principio el alumnado veía la medición como una tarea aburrida; convertirla en un reto entre grupos, con resultados visibles en la cocina, cambió la actitud. Sin el apoyo de la dirección para modificar la carta, las propuestas se quedaban en papel.",
        visitor_activities="Participar en una semana de medición con un grupo de alumnos, asistir a la presentación del viernes y visitar un restaurante de prácticas que aplica las herramientas.",
        visitor_outcomes="Los visitantes podrán poner en marcha un sistema de medición y reducción del desperdicio en sus propias cocinas de formación.",
        links=["https://mar-de-turia.example.org/cocina-sin-desperdicio"],
        scores=("44444343", "43443433"),
    ),
    _sheet(
        "mar-de-turia",
        title="Network of trained company tutors for hospitality work placements",
        summary="Hotel and restaurant staff who tutor our learners during their in-company training follow a 20-hour course and join a network that meets each term. Tutors plan learning tasks, give structured feedback and share what works.",
        other_organisations="Hotel and restaurant association of Valencia; regional public employment service.",
        sectors=["101"],
        eqf_levels=["3", "4", "5"],
        vet_type="ivet",
        fields=["T2", "T7", "C2"],
        keywords="in-company tutor, dual VET, hospitality, work placement, feedback",
        stage="implemented",
        start_date="2021-10-04",
        context="Learners in hospitality spend up to a year in companies, but many tutors were busy chefs or receptionists with no preparation for their role. Learners sometimes spent weeks on repetitive tasks, and placements broke down.",
        objectives="Prepare company tutors for their role. Make sure learners work on the tasks of their training plan. Reduce placement breakdowns.",
        target_groups=["tutors", "companies", "ivet_learners"],
        people_reached=150,
        description=_md(
            "- A 20-hour course (blended) for new tutors: the training plan, planning tasks, giving feedback, assessing.",
            "- A tutor's kit with a weekly task planner and a feedback card.",
            "- A network meeting each term, hosted by a different hotel, where tutors and teachers discuss cases.",
            "- A teacher visits each placement at least twice per term.",
        ),
        resources="Course taught by two teachers (40 hours per year). Network meetings hosted by companies. Printing of the kit about 600 euros a year.",
        stakeholders="The association recruits tutors and hosts meetings; the employment service recognises the course as continuing training.",
        evaluation="Number of placement breakdowns; tutors' and learners' questionnaires at the end of each placement.",
        results="96 tutors trained in three years. Placement breakdowns fell from 14% to 6%. 87% of learners say their tutor gave them regular feedback.",
        evaluation_level="2",
        transfer_conditions="Needs a sector association willing to recruit tutors and host meetings. The course materials are in Spanish.",
        lessons_learned="Tutors cannot leave work for long: the course is now mostly online with two face-to-face sessions.",
        visitor_activities="Attend a network meeting; visit a placement with a teacher.",
        visitor_outcomes="Visitors can set up preparation and networking for in-company tutors.",
        scores=("32243322", "42234332"),
    ),
    _sheet(
        "mar-de-turia",
        title="Tourism skills observatory with the employers' association",
        summary="Every year the centre and the regional tourism employers' association survey hotels and restaurants about the jobs they cannot fill and the skills they miss. The results shape the centre's short courses and the choice of optional modules.",
        sectors=["101", "041"],
        eqf_levels=["3", "4", "5"],
        vet_type="both",
        fields=["C5", "G1"],
        keywords="skills anticipation, labour market, tourism, survey, employers",
        stage="implemented",
        start_date="2019-01-14",
        context="Valencia's tourism sector grows quickly, but the centre had little information about employers' needs beyond individual contacts.",
        objectives="Collect yearly data on unfilled jobs and missing skills in tourism. Use the data to plan short courses and optional modules.",
        target_groups=["companies", "leaders", "adult_learners"],
        people_reached=310,
        description="A short online survey is sent each January to about 400 member companies. Teachers analyse the answers with the association and present them at a joint meeting in March, where the centre decides on short courses for the following year.",
        resources="About 60 hours of teacher time per year; the survey tool belongs to the association.",
        stakeholders="The employers' association, the centre's management and the regional employment service.",
        evaluation="Response rate and the number of courses changed after each survey.",
        results="Response rates between 18% and 26%. Four new short courses (e.g. allergen management, Valencian cuisine for tourists) have been created since 2019, reaching 310 adult learners.",
        evaluation_level="1",
        transfer_conditions="Needs an employers' association with a member list and a shared interest in training.",
        scores=("32222322", "22212321"),
    ),
    # --- Fjallasýn Technical College (IS, Akureyri) ---------------------------------------
    _sheet(
        "fjallasyn",
        title="Engine-room simulator training for marine engineering students and crews",
        summary="A full-mission engine-room simulator lets marine engineering students practise start-up, fault-finding and emergencies on a virtual trawler before going to sea. The same simulator trains working crews of the regional fishing fleet in short courses, which fund half of its running costs.",
        other_organisations="Two fishing companies of North Iceland; the national maritime safety training centre.",
        sectors=["071", "083"],
        eqf_levels=["4", "5"],
        vet_type="both",
        fields=["T4", "C2", "G3"],
        keywords="simulator, marine engineering, fishing fleet, emergency training, continuing training",
        stage="mainstreamed",
        start_date="2017-01-09",
        context="Sea time for marine engineering students is hard to find, and on board they rarely see faults or emergencies. Fishing companies need engineers who can react to a blackout or a fire in the engine room, and their crews need refresher training that does not keep vessels in port for long.",
        objectives="Give every marine engineering student at least 60 hours of simulator training before the first sea period. Train fleet crews in emergency procedures in short, flexible courses. Cover part of the running costs with the courses sold to companies.",
        target_groups=["ivet_learners", "adult_learners", "companies"],
        people_reached=640,
        description=_md(
            "The simulator reproduces the engine room of a 60-metre freezer trawler, with a main engine, generators, separators, and a control room.",
            "",
            "- **Students** work in watch teams of three through 20 scenarios of increasing difficulty: start-up, normal watch, fuel problems, blackout, fire.",
            "- **Crews** book two-day courses between fishing trips; scenarios are adapted to their own vessels with data supplied by the companies.",
            "- **Instructors** can inject faults from an instructor station and replay every action for the debriefing.",
        ),
        resources="Simulator bought in 2016 (about 420,000 euros: national infrastructure fund 60%, two fishing companies 25%, college 15%). Two instructors with sea experience. Yearly running cost about 38,000 euros (licences, maintenance), of which 19,000 euros are covered by course fees from companies.",
        stakeholders="Fishing companies co-funded the simulator, send crews and supply vessel data; the maritime safety training centre recognises the emergency courses; students' sea-time supervisors report back on performance at sea.",
        evaluation="Since 2018, sea-time supervisors rate students on a standard checklist during their first sea period; we compare ratings of students trained on the simulator with the 2014-2016 cohorts. Companies record incidents in engine rooms, which we review with them each year.",
        results="Students reaching 'competent' on the first-sea-period checklist rose from 58% to 86%. 640 people have been trained (210 students, 430 crew members). The partner companies report that engine-room incidents needing outside assistance fell from 11 in 2016 to 4 in 2023. Course fees now cover 50% of the running costs.",
        evaluation_level="4",
        transfer_conditions="A full-mission simulator is a large investment; the scenarios and debriefing method also work with cheaper desktop simulators. Co-funding by companies is easiest where a few large employers dominate the sector.",
        lessons_learned="Crews first saw the course as a check on them; letting their own chief engineer co-design the scenarios changed that. Scheduling must follow fishing trips, not the school calendar.",
        visitor_activities="Observe student watch teams and a crew course; try the instructor station; meet a partner company's chief engineer.",
        visitor_outcomes="Visitors can plan simulator-based training shared between initial and continuing VET, with a cost-sharing model.",
        scores=("44434444", "43433443"),
    ),
    _sheet(
        "fjallasyn",
        title="Students solve fish processors' by-product problems in the fisheries cluster",
        summary="Fisheries and metal trades students work in mixed teams on real by-product problems of fish processors, such as drying cod heads or handling fish skin for leather. The regional fisheries cluster brings the problems and an innovation centre tests the best ideas.",
        other_organisations="North Iceland fisheries cluster; a regional food innovation centre.",
        sectors=["083", "072"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["C3", "C7", "C1"],
        keywords="fisheries, by-products, circular economy, cluster, applied innovation",
        stage="pilot",
        start_date="2022-09-05",
        context="Fish processors in the region want to use 100% of the fish, but small processors lack time to try new ideas. Our students rarely meet innovation in their training.",
        objectives="Let students work on real product and process ideas with the cluster. Help small processors test simple solutions. Link VET with the region's smart specialisation in marine resources.",
        target_groups=["ivet_learners", "companies"],
        people_reached=85,
        description="Each autumn the cluster presents three to four problems. Teams of four students (fisheries and metal trades) spend one day a week for ten weeks on them: visit the processor, build a small prototype in the workshop (e.g. a drying rack, a skin-scraping tool) and test it with the innovation centre. The results are shown at the cluster's annual meeting.",
        resources="Two teachers for one day a week during the project period; materials up to 3,000 euros per year, paid by the cluster.",
        stakeholders="The cluster and the innovation centre; four fish processors so far.",
        evaluation="Feedback from processors and students after each project.",
        results="Two editions, 85 students, seven prototypes; one processor now uses a student-designed drying rack for cod heads.",
        evaluation_level="1",
        transfer_conditions="Works in any region with a strong sector cluster that can bring problems and test results.",
        visitor_activities="Visit a processor with a student team; see the prototypes.",
        visitor_outcomes="Visitors see how a VET school can join a regional innovation cluster.",
        scores=("42243222", "32134221"),
    ),
    _sheet(
        "fjallasyn",
        title="Validation of prior learning for experienced fish-processing workers",
        summary="Fish-processing workers with at least three years of experience have their skills assessed at their workplace against the national qualification, and complete only the modules they lack. Most obtain the qualification in less than a year while keeping their jobs.",
        other_organisations="Regional lifelong learning centre; the food workers' union; five fish processors.",
        sectors=["083", "072"],
        eqf_levels=["3"],
        vet_type="cvet",
        fields=["T8", "T9", "C2"],
        keywords="validation of prior learning, recognition, adult learners, fish processing, workplace assessment",
        stage="mainstreamed",
        start_date="2015-10-01",
        context="Many fish-processing workers, including a large share of migrants, have years of experience but no formal qualification. Without one, they earn less and have few chances of promotion. Classroom courses are hard to attend for shift workers.",
        objectives="Give experienced workers a route to the fish-processing qualification without repeating what they know. Assess skills where they are used: at the workplace. Offer support in Icelandic, English and Polish.",
        target_groups=["adult_learners", "fewer_opportunities", "companies"],
        people_reached=370,
        description=_md(
            "1. **Information and guidance:** the lifelong learning centre meets workers at their workplace, with an interpreter if needed.",
            "2. **Self-assessment:** the worker fills in a checklist of the qualification's competences with a guidance counsellor.",
            "3. **Workplace assessment:** a teacher and a supervisor observe the worker during a shift and in a structured interview.",
            "4. **Gap training:** the worker completes the missing modules in short evening or online courses.",
            "5. **Certification:** the college awards the qualification.",
        ),
        resources="About 14 hours of assessor time per candidate and 20 to 60 hours of gap training. Funded by the national education and training service centre and the union's training fund (about 1,100 euros per candidate). Assessors received five days of training.",
        stakeholders="The union promotes the scheme among its members; companies release workers for assessment and pay a wage increase after certification under the collective agreement; the lifelong learning centre provides guidance.",
        evaluation="The national education and training service centre evaluated the scheme in 2019 and 2023, comparing wages and job mobility of certified workers with a matched group of non-participants. We record completion rates yearly.",
        results="370 workers assessed since 2015; 318 certified (86%), of whom 41% were migrants. Average time to qualification: 8 months. The 2023 evaluation found that certified workers earned 9% more than the comparison group two years later, and 27% had moved to a team leader or quality role.",
        evaluation_level="4",
        transfer_conditions="Requires a national framework that allows qualifications to be awarded on the basis of assessed experience, and funding for guidance. The assessment checklists are in Icelandic, English and Polish.",
        lessons_learned="Language was the main barrier: assessment interviews now allow an interpreter, and the technical vocabulary list is translated. Assessing during night shifts needed flexible assessors.",
        visitor_activities="Take part in a workplace assessment as an observer; meet guidance counsellors and certified workers.",
        visitor_outcomes="Visitors can design a validation route for experienced workers in their own sector.",
        scores=("43434343", "44433333"),
    ),
    # --- Istituto Professionale Colli Felsinei (IT, Bologna) -------------------------------
    _sheet(
        "colli-felsinei",
        language="it",
        title="Laboratorio d'impresa: la mini-impresa alimentare degli studenti",
        summary="Ogni anno una classe del quarto anno fonda una mini-impresa che progetta, produce e vende un prodotto alimentare del territorio, dalle confetture di frutta dei Colli alle paste fresche. Gli studenti gestiscono bilancio, etichettatura e vendita, con il sostegno di imprenditori mentori.",
        other_organisations="Camera di commercio di Bologna; un'associazione di giovani imprenditori; due aziende agricole dei Colli Bolognesi.",
        sectors=["072", "101", "041"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["C4", "T3", "T6"],
        keywords="mini-impresa, imprenditorialità, trasformazione alimentare, etichettatura, educazione finanziaria",
        stage="implemented",
        start_date="2021-10-11",
        context="I nostri studenti imparano bene le tecniche di trasformazione, ma conoscono poco i costi, il marketing e le regole di etichettatura. Molti piccoli produttori della zona cercano giovani capaci di gestire anche la parte commerciale.",
        objectives="Sviluppare lo spirito d'iniziativa e le competenze imprenditoriali degli studenti. Far conoscere l'intera filiera di un prodotto, dalla materia prima alla vendita. Creare legami con i piccoli produttori del territorio.",
        target_groups=["ivet_learners", "teachers", "companies"],
        people_reached=110,
        description=_md(
            "Il percorso dura un anno scolastico:",
            "",
            "- **Ottobre-novembre:** la classe costituisce la mini-impresa, elegge un consiglio di amministrazione e sceglie il prodotto con l'aiuto dei mentori.",
            "- **Dicembre-febbraio:** prove di produzione in laboratorio, calcolo dei costi, progettazione di etichetta e confezione.",
            "- **Marzo-maggio:** produzione e vendita ai mercati contadini, alla festa della scuola e online.",
            "- **Giugno:** bilancio finale e presentazione alla fiera regionale delle mini-imprese.",
        ),
        resources="Laboratorio di trasformazione della scuola; capitale iniziale di 500 euro raccolto con quote simboliche; circa 3 ore settimanali di due docenti. I mentori lavorano a titolo volontario.",
        stakeholders="La Camera di commercio organizza la fiera regionale; gli imprenditori mentori seguono la classe; le aziende agricole forniscono la frutta a prezzo agevolato.",
        evaluation="Questionario di autovalutazione delle competenze imprenditoriali all'inizio e alla fine dell'anno; valutazione dei mentori.",
        results="Tre mini-imprese in tre anni, con circa 2.400 confezioni vendute. La classe del 2023 ha vinto il premio regionale per il miglior prodotto. L'autovalutazione delle competenze imprenditoriali è passata in media da 2,6 a 3,5 su 5.",
        evaluation_level="2",
        transfer_conditions="Serve un laboratorio autorizzato alla produzione alimentare oppure un accordo con un laboratorio esterno. Le regole di vendita dei prodotti vanno verificate con l'azienda sanitaria locale.",
        lessons_learned="Le pratiche sanitarie richiedono più tempo del previsto: conviene iniziarle già a settembre.",
        visitor_activities="Partecipare a una riunione del consiglio della mini-impresa e a una giornata di produzione; incontrare i mentori.",
        visitor_outcomes="I visitatori potranno avviare una mini-impresa con i propri studenti.",
        scores=("32243222", "32233322"),
    ),
    _sheet(
        "colli-felsinei",
        title="Open food-processing lab for small producers",
        summary="Two afternoons a week, small farmers and food producers of the Bologna hills can use the school's processing lab, with students assisting them. Producers test recipes and equipment without investing, and students learn from real production.",
        sectors=["072", "081"],
        eqf_levels=["3", "4"],
        vet_type="both",
        fields=["C2", "C3"],
        keywords="open lab, small producers, food processing, technology transfer, farmers",
        stage="implemented",
        start_date="2020-02-03",
        context="Small farms in the area would like to process their fruit and vegetables but cannot afford a lab. The school's lab is unused on many afternoons.",
        objectives="Let small producers test processing in a professional lab. Give students contact with real producers.",
        target_groups=["companies", "ivet_learners"],
        people_reached=95,
        description="Producers book a half-day slot. A teacher checks the process and hygiene; two or three students assist. Producers bring their raw materials and pay a small fee for energy and cleaning.",
        resources="One teacher for two afternoons a week; fees of 40 euros per slot cover energy and cleaning.",
        stakeholders="A farmers' association promotes the lab to its members.",
        evaluation="We count bookings and ask producers for feedback.",
        results="About 60 bookings per year by 25 producers; five producers have since invested in their own small lab.",
        evaluation_level="1",
        transfer_conditions="Needs a lab that may legally be used by external producers and insurance for them.",
        visitor_activities="Observe a producer's session in the lab.",
        visitor_outcomes="Visitors can open a school lab to local producers.",
        scores=("32322232", "22322322"),
    ),
    _sheet(
        "colli-felsinei",
        title="Inclusive kitchen: a supported catering pathway for learners with intellectual disabilities",
        summary="Learners with intellectual disabilities follow the catering programme in a dedicated kitchen team with a support teacher, visual recipes and a job coach for their placement. The aim is a recognised partial qualification and a real job.",
        other_organisations="A social cooperative running two restaurants in Bologna; the local health authority's disability service.",
        sectors=["101"],
        eqf_levels=["2", "3"],
        vet_type="ivet",
        fields=["T9", "T2"],
        keywords="inclusion, intellectual disability, catering, job coaching, visual recipes",
        stage="pilot",
        start_date="2022-09-12",
        context="Learners with intellectual disabilities attended catering classes but often stayed at the margins, and almost none found a job afterwards.",
        objectives="Give these learners real roles in the kitchen. Prepare them for a partial qualification and for paid work.",
        target_groups=["fewer_opportunities", "ivet_learners", "teachers"],
        people_reached=24,
        description=_md(
            "- A kitchen team of six learners with a support teacher and a catering teacher.",
            "- Recipes and procedures as photo sequences, with pictograms for safety and hygiene.",
            "- Placements in the social cooperative's restaurants, then in ordinary restaurants, with a job coach.",
        ),
        resources="One support teacher full time; visual recipes produced by students of graphic design; job coach funded by the health authority.",
        stakeholders="The social cooperative, the disability service and families.",
        evaluation="Teachers record the tasks each learner masters; placements are followed by the job coach.",
        results="24 learners so far; 9 have done a placement in an ordinary restaurant and 4 have a job contract.",
        evaluation_level="2",
        transfer_conditions="Needs a support teacher and a partner that offers protected placements before ordinary ones.",
        visitor_activities="Spend a morning with the inclusive kitchen team.",
        visitor_outcomes="Visitors see how visual tools and job coaching can open catering jobs to learners with disabilities.",
        scores=("42142322", "31243221"),
    ),
    # --- Kempenlicht Mechatronics B.V. (NL, Eindhoven) ------------------------------------
    _sheet(
        "kempenlicht",
        title="Learning factory: a hybrid learning environment run with the regional VET college",
        summary="Mechatronics students of the regional VET college spend two days a week in Kempenlicht's learning factory, a production line for real customer orders run by students, company trainers and college teachers together. Students learn on real products; the company recruits most of its technicians there.",
        other_organisations="Regional VET college (mechatronics department); the regional high-tech employers' platform.",
        city="Eindhoven",
        sectors=["071"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T2", "C1", "T3"],
        keywords="hybrid learning environment, learning factory, mechatronics, company-school partnership, work-based learning",
        stage="mainstreamed",
        start_date="2018-09-03",
        context="High-tech manufacturers in the Eindhoven region cannot find enough mechatronics technicians, and college graduates needed months of induction before working on production lines. The college's workshops could not keep up with industrial equipment.",
        objectives="Train students on current industrial equipment and real orders. Share responsibility for learning between college and company. Reduce the induction time of new technicians.",
        target_groups=["ivet_learners", "teachers", "tutors", "companies"],
        people_reached=260,
        description=_md(
            "The learning factory is a separate production hall with its own assembly and test line for small series of mechatronic modules.",
            "",
            "- **Teams:** 12 students per day, mixed second- and third-year, each with a role (assembly, testing, planning, quality).",
            "- **Orders:** real customer orders with delivery dates, chosen so that quality risks are manageable.",
            "- **Teaching:** a college teacher works in the factory every day; theory lessons use problems from the line.",
            "- **Assessment:** college exam tasks are carried out on the line and assessed jointly.",
        ),
        resources="Hall, equipment and two full-time trainers provided by Kempenlicht (about 310,000 euros a year); the college pays one teacher full time and the students' insurance. The value of the products delivered covers about 35% of the company's cost.",
        stakeholders="The college co-manages the factory with the company through a steering group that meets monthly. The employers' platform uses the factory as a model for other companies. Students are represented in the steering group.",
        evaluation="The college compares exam results and drop-out of students in the learning factory with students in its own workshops. Kempenlicht measures the induction time of new technicians. An external evaluation by a research group on VET was carried out in 2022.",
        results="260 students trained since 2018. Exam pass rate 94% (college average 85%). Induction time of new technicians fell from about 5 months to 6 weeks. 62% of graduates were recruited by Kempenlicht or its suppliers. The 2022 external evaluation found higher motivation and better problem-solving in learning factory students.",
        evaluation_level="4",
        transfer_conditions="Needs a company able to dedicate space, equipment and trainers, and a college ready to move teaching into the company. Start with a small number of students and simple orders. Our cooperation agreement and steering group rules can be shared.",
        lessons_learned="Customer delivery dates sometimes clashed with learning goals; we now keep a buffer stock so students can take the time to learn. Teachers needed time to feel at home in a company setting.",
        visitor_activities="Spend a day on the line with a student team; join the monthly steering group; compare notes with the college teacher and the company trainers.",
        visitor_outcomes="Visitors can set up a learning environment shared by a company and a VET provider, with clear roles and a cost-sharing model.",
        links=["https://kempenlicht.example.org/learning-factory"],
        scores=("44443343", "43444443"),
        translations={
            "de": {
                "title": "Lernfabrik: ein hybrides Lernumfeld gemeinsam mit dem regionalen Berufskolleg",
                "summary": "Mechatronik-Schüler des regionalen Berufskollegs verbringen zwei Tage pro Woche in der Lernfabrik von Kempenlicht, einer Fertigungslinie für echte Kundenaufträge, die Schüler, betriebliche Ausbilder und Lehrkräfte gemeinsam betreiben. Die Schüler lernen an echten Produkten; das Unternehmen gewinnt dort die meisten seiner Techniker.",
                "keywords": "hybrides Lernumfeld, Lernfabrik, Mechatronik, Lernortkooperation, arbeitsbasiertes Lernen",
                "context": "Hightech-Hersteller in der Region Eindhoven finden nicht genug Mechatroniker, und Absolventen des Berufskollegs brauchten Monate der Einarbeitung, bevor sie an Produktionslinien arbeiten konnten. Die Werkstätten des Kollegs konnten mit der industriellen Ausstattung nicht Schritt halten.",
                "objectives": "Schüler an aktueller Industrieausstattung und an echten Aufträgen ausbilden. Die Verantwortung für das Lernen zwischen Kolleg und Unternehmen teilen. Die Einarbeitungszeit neuer Techniker verkürzen.",
                "description": _md(
                    "Die Lernfabrik ist eine eigene Halle mit Montage- und Prüflinie für Kleinserien mechatronischer Module.",
                    "",
                    "- **Teams:** 12 Schüler pro Tag aus dem zweiten und dritten Jahr, jeder mit einer Rolle (Montage, Prüfung, Planung, Qualität).",
                    "- **Aufträge:** echte Kundenaufträge mit Lieferterminen, so ausgewählt, dass die Qualitätsrisiken beherrschbar bleiben.",
                    "- **Unterricht:** eine Lehrkraft des Kollegs arbeitet jeden Tag in der Fabrik; der Theorieunterricht nutzt Probleme von der Linie.",
                    "- **Prüfung:** Prüfungsaufgaben des Kollegs werden an der Linie ausgeführt und gemeinsam bewertet.",
                ),
                "resources": "Halle, Ausstattung und zwei Vollzeit-Ausbilder stellt Kempenlicht (rund 310.000 Euro pro Jahr); das Kolleg finanziert eine Vollzeit-Lehrkraft und die Versicherung der Schüler. Der Wert der gelieferten Produkte deckt etwa 35 % der Kosten des Unternehmens.",
                "stakeholders": "Kolleg und Unternehmen leiten die Fabrik gemeinsam über eine Steuerungsgruppe, die monatlich tagt. Die Arbeitgeberplattform der Region nutzt die Fabrik als Modell für andere Unternehmen. Die Schüler sind in der Steuerungsgruppe vertreten.",
                "evaluation": "Das Kolleg vergleicht Prüfungsergebnisse und Abbrüche der Schüler in der Lernfabrik mit denen in den eigenen Werkstätten. Kempenlicht misst die Einarbeitungszeit neuer Techniker. 2022 führte eine Forschungsgruppe zur Berufsbildung eine externe Evaluation durch.",
                "results": "Seit 2018 wurden 260 Schüler ausgebildet. Bestehensquote 94 % (Durchschnitt des Kollegs: 85 %). Die Einarbeitungszeit neuer Techniker sank von etwa 5 Monaten auf 6 Wochen. 62 % der Absolventen wurden von Kempenlicht oder seinen Zulieferern eingestellt. Die externe Evaluation von 2022 stellte bei den Schülern der Lernfabrik höhere Motivation und bessere Problemlösefähigkeit fest.",
                "transfer_conditions": "Erforderlich ist ein Unternehmen, das Fläche, Ausstattung und Ausbilder bereitstellt, und ein Kolleg, das bereit ist, Unterricht in den Betrieb zu verlagern. Am besten mit wenigen Schülern und einfachen Aufträgen beginnen. Unsere Kooperationsvereinbarung und die Regeln der Steuerungsgruppe stellen wir gern zur Verfügung.",
                "lessons_learned": "Liefertermine kollidierten manchmal mit Lernzielen; wir halten jetzt einen Pufferbestand, damit die Schüler sich Zeit zum Lernen nehmen können. Die Lehrkräfte brauchten Zeit, um sich im Betrieb zu Hause zu fühlen.",
                "visitor_activities": "Einen Tag mit einem Schülerteam an der Linie verbringen; an der monatlichen Steuerungsgruppe teilnehmen; sich mit der Lehrkraft des Kollegs und den betrieblichen Ausbildern austauschen.",
                "visitor_outcomes": "Besucher können ein gemeinsames Lernumfeld von Unternehmen und Bildungsanbieter mit klaren Rollen und einem Modell der Kostenteilung aufbauen.",
            }
        },
    ),
    _sheet(
        "kempenlicht",
        title="Augmented-reality work instructions for interns on the assembly line",
        summary="Interns wear tablets or smart glasses that overlay step-by-step assembly instructions on the real product. Trainers spend less time repeating instructions and more time coaching, and interns can work on complex modules sooner.",
        sectors=["071", "061"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T4", "T2"],
        keywords="augmented reality, work instructions, smart glasses, assembly, interns",
        stage="pilot",
        start_date="2023-04-03",
        context="International and local interns arrive with very different levels, and trainers spent much of their time explaining the same assembly steps, often in a foreign language.",
        objectives="Let interns learn assembly steps independently and in their own language. Free trainers' time for coaching.",
        target_groups=["ivet_learners", "tutors"],
        people_reached=45,
        description="For six assembly tasks, engineers and trainers recorded instructions in an AR authoring tool. Interns follow them on a tablet on a stand or with smart glasses; the tool checks each step with the camera and shows the next. Texts are available in Dutch, English, German and Spanish.",
        resources="AR software licence (7,500 euros per year) and four pairs of smart glasses; about 80 hours to author the first six tasks.",
        stakeholders="Trainers, engineers and interns' sending schools.",
        evaluation="We time the first correct assembly and ask interns and trainers about their experience.",
        results="Time to first correct assembly fell by about 30% for the six tasks; trainers estimate they save four hours per intern per week. Interns prefer tablets to glasses.",
        evaluation_level="2",
        transfer_conditions="Works best for repetitive, well-defined tasks; authoring takes time.",
        visitor_activities="Try the AR instructions on the line; author a simple instruction with our trainers.",
        visitor_outcomes="Visitors can judge whether AR instructions fit their workshops.",
        scores=("32243222", "32244321"),
    ),
    _sheet(
        "kempenlicht",
        title="Skills passport for SMEs in the high-tech supply chain",
        summary="Small suppliers in the region record their employees' training and skills in a shared digital skills passport, so that workers' skills are recognised when they move between companies and training can be planned together.",
        sectors=["071", "061"],
        eqf_levels=["3", "4", "5"],
        vet_type="cvet",
        fields=["C2", "C5"],
        keywords="skills passport, SMEs, supply chain, continuing training, recognition",
        stage="implemented",
        start_date="2020-06-01",
        context="Small suppliers in the supply chain cannot afford their own training departments, and workers' company training was not recognised by other employers.",
        objectives="Make company training visible and portable. Let SMEs plan joint training from shared skills data.",
        target_groups=["companies", "adult_learners"],
        people_reached=600,
        description="Kempenlicht and eleven suppliers agreed a common list of 40 skills. Each company records courses and on-the-job sign-offs in the passport. Twice a year, the companies compare the skills gaps and organise shared courses.",
        resources="A web application developed with a software partner (45,000 euros, shared); half a day per month of an HR officer in each company.",
        stakeholders="Twelve companies; the regional employers' platform.",
        evaluation="Use of the passport and number of shared courses.",
        results="About 600 workers have a passport; nine shared courses have been run since 2021.",
        evaluation_level="1",
        transfer_conditions="Needs a group of companies that trust each other enough to share skills data.",
        scores=("32322222", "32222322"),
    ),
    # --- Escola Profissional Ponte Velha (PT, Braga) --------------------------------------
    _sheet(
        "ponte-velha",
        title="A digital portfolio for every student from the first year",
        summary="From their first week, students build an online portfolio of their projects, with photos, videos and reflections, which they show at their final assessment and to employers.",
        sectors=["021", "101", "041"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["T4", "T6"],
        keywords="e-portfolio, digital skills, reflection, employability",
        stage="implemented",
        start_date="2019-09-16",
        context="Students finished their courses with little to show employers except a certificate.",
        objectives="Let students document and reflect on their work throughout their course.",
        target_groups=["ivet_learners", "teachers"],
        people_reached=540,
        description="Students use the school's learning platform to create a portfolio page per project. Teachers of each subject ask for at least one entry per term; the tutor reviews the portfolio with the student twice a year. The portfolio is part of the final professional aptitude test.",
        resources="Platform already available; two hours of teacher training.",
        stakeholders="Teachers and students; some employers look at the portfolios during placements.",
        evaluation="Teachers count portfolio entries; students answer a short survey.",
        results="Almost all students keep a portfolio; quality varies a lot between classes.",
        evaluation_level="1",
        transfer_conditions="Any school with a learning platform can start.",
        scores=("22322222", "32222222"),
    ),
    _sheet(
        "ponte-velha",
        title="School start-up incubator for multimedia and design students",
        summary="Final-year multimedia and design students can incubate a business idea at school: a shared studio, weekly coaching by local entrepreneurs and a first paying client found through the school's network.",
        other_organisations="Braga's municipal start-up centre; a regional association of young entrepreneurs.",
        sectors=["021", "041"],
        eqf_levels=["4", "5"],
        vet_type="ivet",
        fields=["C4", "C1"],
        keywords="incubator, start-up, entrepreneurship, creative industries, coaching",
        stage="pilot",
        start_date="2022-10-03",
        context="Many multimedia graduates work as freelancers but leave school without any business knowledge.",
        objectives="Help students test a business idea while still at school. Connect them to the local start-up ecosystem.",
        target_groups=["ivet_learners", "companies"],
        people_reached=38,
        description=_md(
            "- Application with a one-page idea in October.",
            "- A studio with equipment reserved for incubated teams.",
            "- Weekly coaching by a volunteer entrepreneur; workshops on pricing, contracts and invoicing.",
            "- Demo day at the municipal start-up centre in June.",
        ),
        resources="A former classroom converted into a studio; about 4 hours a week of a teacher; coaches are volunteers.",
        stakeholders="The municipal start-up centre hosts the demo day and offers follow-up support.",
        evaluation="Number of teams, paying clients and businesses still active one year after school.",
        results="Two editions, 12 teams, 38 students; 7 teams found a paying client and 3 are still active as businesses.",
        evaluation_level="2",
        transfer_conditions="Needs volunteer entrepreneurs and a local start-up centre to take over after school.",
        visitor_activities="Meet incubated teams; attend a coaching session.",
        visitor_outcomes="Visitors can set up a small incubator inside a VET school.",
        scores=("32143222", "32244321"),
    ),
    _sheet(
        "ponte-velha",
        title="Internationalisation strategy: a quarter of every cohort abroad",
        summary="Ponte Velha has built mobility into its strategy: a mobility team, a fixed place for placements abroad in every course plan, and partnerships with schools and companies in six countries. One student in four now does a placement abroad, including students with fewer opportunities.",
        sectors=["101", "041", "021"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["G4", "T11", "G2"],
        keywords="internationalisation strategy, Erasmus+ accreditation, mobility, placements abroad, inclusion",
        stage="mainstreamed",
        start_date="2016-09-01",
        context="Until 2015, mobility depended on a few enthusiastic teachers and reached fewer than 5% of students, almost all from well-off families. The regional tourism and design sectors value international experience highly.",
        objectives="Send at least 25% of each cohort abroad for a placement of four weeks or more. Make sure students with fewer opportunities take part in the same proportion. Use mobility to improve teaching through staff exchanges.",
        target_groups=["ivet_learners", "fewer_opportunities", "teachers", "leaders"],
        people_reached=1150,
        description=_md(
            "The strategy, adopted by the school board in 2016 and renewed with the Erasmus+ accreditation in 2021, has five parts:",
            "",
            "1. **Mobility team:** a coordinator and three teachers with time allocated for mobility.",
            "2. **Course plans:** the placement in the second year can be done abroad without losing credit.",
            "3. **Partners:** long-term agreements with 14 schools and intermediaries in six countries.",
            "4. **Inclusion:** extra preparation, accompanied travel and a higher allowance for students with fewer opportunities.",
            "5. **Staff:** job shadowing abroad for teachers, with a report to the pedagogical council.",
        ),
        resources="Erasmus+ accreditation funding (about 310,000 euros a year); the school pays the mobility team's time (equivalent of 1.5 full-time posts) and part of the preparation courses.",
        stakeholders="The school board adopted and monitors the strategy; partner schools and intermediaries abroad; local companies that host incoming students; parents' association.",
        evaluation="Yearly monitoring against the accreditation's targets; participant reports from the Erasmus+ tool; since 2019 a comparison of placement grades and employment at six months for students with and without mobility, done by the school's quality team and reviewed by an external auditor in 2023.",
        results="Share of students going abroad rose from 4% in 2015 to 27% in 2023; students with fewer opportunities are 31% of participants (30% of all students). Employment or further study at six months: 89% for mobile students, 81% for others. 46 teachers have done job shadowing abroad since 2017.",
        evaluation_level="4",
        transfer_conditions="Needs leadership support, staff time for a mobility team and a long-term funding source such as an Erasmus+ accreditation. Our strategy document, preparation programme and partner agreement template are available in English and Portuguese.",
        lessons_learned="Students with fewer opportunities did not apply until we went to talk to them and their families in person. Reliable partners matter more than many partners.",
        visitor_activities="Meet the mobility team and students back from abroad; see the preparation programme; discuss the strategy with the school's director.",
        visitor_outcomes="Visitors can write or revise an internationalisation strategy with targets for inclusion.",
        scores=("44434443", "43434443"),
    ),
    # --- Institut technique des Hauts-Fourneaux (BE, Liège) ---------------------------------
    _sheet(
        "hauts-fourneaux",
        title="VR welding simulators before the real arc",
        summary="Welding learners practise torch angle, speed and distance on virtual-reality simulators that score every weld, before moving to real booths. They reach the quality standard faster, use far less metal and gas, and beginners who were afraid of the arc gain confidence.",
        other_organisations="The regional training fund of the metal industry; a welding equipment supplier.",
        sectors=["071"],
        eqf_levels=["3", "4"],
        vet_type="both",
        fields=["T4", "T3", "T5"],
        keywords="virtual reality, welding, simulator, metal construction, material savings",
        stage="mainstreamed",
        start_date="2019-01-07",
        context="Welding is learned by repetition, which consumes a lot of steel, gas and electrodes. Beginners often fear the arc and the heat, and teachers could not watch every learner's movements in the booths. Metal companies in the Liège area report a shortage of qualified welders.",
        objectives="Let beginners master the basic movements before real welding. Cut material and energy consumption in the workshop. Get more learners to the standard of the European welder qualification tests.",
        target_groups=["ivet_learners", "adult_learners", "teachers"],
        people_reached=430,
        description=_md(
            "Four VR simulators stand at the entrance of the welding workshop.",
            "",
            "- **Weeks 1-4:** learners train MAG and TIG basics on the simulator; the software scores angle, speed, distance and regularity for each weld.",
            "- **From week 5:** learners move to real booths once they reach 80% on the simulator for a given position; they return to the simulator for each new position.",
            "- **Feedback:** teachers use the simulator's replay to discuss errors; learners track their scores in a logbook.",
            "- **Adults:** evening courses for job seekers use the same progression.",
        ),
        resources="Four simulators (about 140,000 euros, funded 70% by the regional training fund and 30% by the school). Two teachers trained by the supplier (three days). Maintenance contract 6,000 euros a year.",
        stakeholders="The training fund co-financed the equipment and tracks results; metal companies take part in the final qualification tests; the supplier updates the software.",
        evaluation="We compare material use, time to reach the qualification standard and test results for the cohorts before (2016-2018) and after (2019-2023). The regional training fund evaluated the adult courses in 2022.",
        results="Steel and gas consumption in the first year fell by 45% (saving about 9,000 euros a year). Average time to pass the first qualification test fell from 14 to 10 weeks. The pass rate at the first attempt rose from 61% to 78%. 83% of adult job seekers trained in 2022 found a welding job within six months.",
        evaluation_level="4",
        transfer_conditions="Simulators are expensive; sharing them between schools or with a sector training fund helps. The simulator complements but does not replace real welding: the 80% rule for moving on is essential. Our progression table can be reused.",
        lessons_learned="Some learners treated the simulator as a game and chased scores; linking each simulator session to a real weld in the same week solved this.",
        visitor_activities="Try the simulators; observe a lesson where learners move from simulator to booth; discuss the progression table with the teachers.",
        visitor_outcomes="Visitors can decide how simulators would fit into their own welding progression and what they would cost and save.",
        links=["https://hauts-fourneaux.example.org/soudure-vr"],
        scores=("44343443", "43434343"),
        translations={
            "fr": {
                "title": "La soudure en réalité virtuelle avant le véritable arc",
                "summary": "Les apprenants soudeurs s'exercent à l'angle de la torche, à la vitesse et à la distance sur des simulateurs de réalité virtuelle qui notent chaque cordon, avant de passer en cabine réelle. Ils atteignent plus vite le niveau requis, consomment bien moins de métal et de gaz, et les débutants qui craignaient l'arc prennent confiance.",
                "keywords": "réalité virtuelle, soudage, simulateur, construction métallique, économies de matière",
                "context": "Le soudage s'apprend par la répétition, qui consomme beaucoup d'acier, de gaz et d'électrodes. Les débutants ont souvent peur de l'arc et de la chaleur, et les enseignants ne pouvaient pas observer les gestes de chaque apprenant dans les cabines. Les entreprises métalliques de la région liégeoise manquent de soudeurs qualifiés.",
                "objectives": "Permettre aux débutants de maîtriser les gestes de base avant de souder pour de vrai. Réduire la consommation de matière et d'énergie de l'atelier. Amener davantage d'apprenants au niveau des épreuves européennes de qualification des soudeurs.",
                "description": _md(
                    "Quatre simulateurs de réalité virtuelle sont installés à l'entrée de l'atelier de soudure.",
                    "",
                    "- **Semaines 1 à 4 :** les apprenants s'exercent aux bases du MAG et du TIG sur le simulateur ; le logiciel note l'angle, la vitesse, la distance et la régularité de chaque cordon.",
                    "- **À partir de la semaine 5 :** les apprenants passent en cabine réelle dès qu'ils obtiennent 80 % sur le simulateur pour une position donnée ; ils reviennent au simulateur pour chaque nouvelle position.",
                    "- **Retour :** les enseignants utilisent la relecture du simulateur pour analyser les erreurs ; les apprenants suivent leurs scores dans un carnet.",
                    "- **Adultes :** les cours du soir pour demandeurs d'emploi suivent la même progression.",
                ),
                "resources": "Quatre simulateurs (environ 140 000 euros, financés à 70 % par le fonds sectoriel régional de formation et à 30 % par l'école). Deux enseignants formés par le fournisseur (trois jours). Contrat de maintenance de 6 000 euros par an.",
                "stakeholders": "Le fonds de formation a cofinancé l'équipement et suit les résultats ; les entreprises du métal participent aux épreuves finales de qualification ; le fournisseur met à jour le logiciel.",
                "evaluation": "Nous comparons la consommation de matière, le temps nécessaire pour atteindre le niveau de qualification et les résultats aux épreuves pour les promotions d'avant (2016-2018) et d'après (2019-2023). Le fonds régional de formation a évalué les cours pour adultes en 2022.",
                "results": "La consommation d'acier et de gaz en première année a baissé de 45 % (soit environ 9 000 euros d'économie par an). Le temps moyen pour réussir la première épreuve de qualification est passé de 14 à 10 semaines. Le taux de réussite au premier essai est passé de 61 % à 78 %. 83 % des demandeurs d'emploi formés en 2022 ont trouvé un emploi de soudeur dans les six mois.",
                "transfer_conditions": "Les simulateurs coûtent cher ; les partager entre écoles ou avec un fonds sectoriel de formation aide. Le simulateur complète le soudage réel mais ne le remplace pas : la règle des 80 % pour passer à l'étape suivante est essentielle. Notre tableau de progression est réutilisable.",
                "lessons_learned": "Certains apprenants prenaient le simulateur pour un jeu et couraient après les scores ; associer chaque séance de simulateur à un vrai cordon dans la même semaine a réglé le problème.",
                "visitor_activities": "Essayer les simulateurs ; observer une séance où les apprenants passent du simulateur à la cabine ; discuter du tableau de progression avec les enseignants.",
                "visitor_outcomes": "Les visiteurs peuvent décider comment des simulateurs s'intégreraient dans leur propre progression en soudage, et ce qu'ils coûteraient et feraient économiser.",
            }
        },
        update=Update(
            note="2024 results added, including the first cohort of the new orbital welding module",
            changes={
                "results": "Steel and gas consumption in the first year fell by 47% (saving about 9,500 euros a year). Average time to pass the first qualification test fell from 14 to 9 weeks. The pass rate at the first attempt rose from 61% to 81%. 83% of adult job seekers trained in 2022 and 86% of those trained in 2023 found a welding job within six months. In 2024, 18 learners completed the new orbital welding module on the simulators.",
                "people_reached": 475,
            },
        ),
    ),
    _sheet(
        "hauts-fourneaux",
        title="Renovation site school: learners retrofit real homes for energy efficiency",
        summary="Each year, learners in construction and electricity renovate one or two real houses of low-income owners, insulating, replacing windows and installing heat pumps with a social housing agency and local contractors. Learners gain site experience in sustainable construction, and families cut their energy bills.",
        other_organisations="A social housing agency of the Liège area; three local building contractors; the regional energy advice service.",
        sectors=["073", "071", "052"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T5", "C1", "T9"],
        keywords="sustainable construction, energy renovation, site school, insulation, heat pump, social housing",
        stage="mainstreamed",
        start_date="2018-09-03",
        context="Belgium's renovation targets require thousands of energy-efficient retrofits each year, but construction learners mostly trained on workshop mock-ups. Low-income owners in the area live in poorly insulated houses and cannot afford renovations.",
        objectives="Give construction and electricity learners a full season on a real renovation site. Teach energy-efficient techniques (airtightness, insulation, heat pumps) in real conditions. Reduce the energy bills of low-income families.",
        target_groups=["ivet_learners", "fewer_opportunities", "teachers", "companies"],
        people_reached=290,
        description=_md(
            "- **Selection:** the social housing agency proposes houses; an energy audit by the regional service sets the work programme.",
            "- **Site organisation:** mixed teams of eight learners work on site two days a week from October to May, led by a teacher and a foreman from a partner contractor.",
            "- **Techniques:** roof and wall insulation, airtightness tests (blower door), window replacement, heat pump and ventilation installation.",
            "- **Hand-over:** learners present the work and the energy savings to the family.",
        ),
        resources="Materials paid by the owners through regional renovation grants and the agency's zero-interest loans (about 45,000 euros per house). The school provides two teachers for two days a week and tools; contractors provide a foreman and certify the work.",
        stakeholders="The housing agency selects houses and owners; contractors supervise and guarantee the work; the energy advice service audits before and after; families are involved in decisions.",
        evaluation="Energy audits before and after each renovation measure the savings; airtightness is tested. Teachers compare practical exam results of site-school learners and workshop-only learners; since 2021 the regional qualification agency has observed the site school as part of its evaluation of construction programmes.",
        results="11 houses renovated since 2018 by 290 learners. Energy consumption of the houses fell by 55% on average (about 1,400 euros per year per family). Practical exam marks of site-school learners are 2.1 points higher out of 20, and 74% of them work in construction six months after graduating, compared with 58% before.",
        evaluation_level="4",
        transfer_conditions="Needs a partner that finds houses and handles financing, contractors willing to supervise and guarantee the work, and insurance for learners on site. Our site agreement and safety plan are available in French.",
        lessons_learned="Delays in grants can stop a site for weeks; the housing agency now secures funding before we start. Families appreciate meeting the learners, which also motivates them.",
        visitor_activities="Spend a day on the current renovation site; take part in an airtightness test; meet the housing agency.",
        visitor_outcomes="Visitors can plan a site school with social partners and understand its financing and insurance.",
        scores=("44434444", "34443434"),
    ),
    _sheet(
        "hauts-fourneaux",
        state=DRAFT,
        title="Evening courses in energy-efficient construction for adult workers",
        summary="Short evening modules for construction workers on airtightness, insulation and heat pump basics.",
        sectors=["073"],
        eqf_levels=["3"],
        vet_type="cvet",
        fields=["T5", "C2"],
        keywords="continuing training, energy efficiency, construction workers",
        stage="idea",
        start_date="2025-09-01",
        context="Construction workers who left school before energy-efficient techniques were taught ask for short, practical updates they can follow after work.",
        objectives="Offer short evening modules on airtightness, insulation and heat pumps.",
        target_groups=["adult_learners", "companies"],
        resources="To be discussed with the sector training fund.",
    ),
    # --- CKZ Nad Wartą (PL, Poznań) ----------------------------------------------------------
    _sheet(
        "ckz-nad-warta",
        title="Modular mechatronics training: short certified modules for adults",
        summary="Adults can take the mechatronics technician qualification in eight modules of 60 to 120 hours, each ending with a certificate, in evening and weekend classes. Employers buy single modules for their workers; many participants go on to the full qualification.",
        other_organisations="Poznań's district labour office; a regional association of manufacturing companies.",
        sectors=["071"],
        eqf_levels=["4"],
        vet_type="cvet",
        fields=["T1", "T8", "C2"],
        keywords="modular training, qualifying vocational course, mechatronics, adult learners, micro-credentials",
        stage="mainstreamed",
        start_date="2019-02-11",
        context="Manufacturing companies around Poznań need mechatronics skills, but adult workers cannot attend a two-year school programme. Polish law allows qualifying vocational courses based on parts of a qualification, but few providers offered them in a flexible way.",
        objectives="Let adults acquire the mechatronics qualification module by module while working. Let employers train workers in exactly the modules they need. Reach at least 150 adults a year.",
        target_groups=["adult_learners", "companies", "fewer_opportunities"],
        people_reached=780,
        description=_md(
            "The qualification is split into eight modules (e.g. pneumatics and hydraulics, PLC programming, electrical drives, maintenance of mechatronic systems).",
            "",
            "- Each module runs twice a year, in the evenings or at weekends, in our mechatronics lab.",
            "- Each ends with a practical test and a certificate listed in the national qualifications register.",
            "- Learners can take modules in any order once the two basic modules are done.",
            "- After the modules of a full qualification part, learners sit the state vocational exam.",
        ),
        resources="Mechatronics lab shared with the youth programmes. About 2,800 teaching hours a year. Cost per module 350 to 650 euros per participant, paid by employers, the labour office's training vouchers or the National Training Fund.",
        stakeholders="The manufacturers' association helped choose the modules and sends workers; the labour office funds unemployed participants; the regional examination board runs the state exams.",
        evaluation="Completion and state exam results are recorded for every participant; since 2021 we survey participants and employers six months after each module. The regional examination board publishes pass rates, which we compare with other providers.",
        results="780 adults have taken at least one module since 2019 (1,940 module certificates). 212 obtained the full qualification; their state exam pass rate was 88%, compared with a regional average of 71%. Six months after a module, 64% of participants said they used the new skills in their job, and 18% had been promoted or changed jobs. Of the unemployed participants, 69% found work.",
        evaluation_level="4",
        transfer_conditions="Needs a qualification that can be split into recognised parts and a funding model for adults. The module descriptions and tests are in Polish; an English summary exists.",
        lessons_learned="Weekend modules are full, evening modules less so: workers on shifts prefer weekends. The two basic modules had to be made shorter to keep people in the programme.",
        visitor_activities="Observe a weekend module in the lab; meet adult learners and an employer who sends workers.",
        visitor_outcomes="Visitors can design a modular offer for adults from an existing qualification.",
        scores=("43433433", "34434433"),
    ),
    _sheet(
        "ckz-nad-warta",
        title="Virtual warehouse: a logistics lab with a real warehouse management system",
        summary="Logistics students run a complete warehouse in the school lab, using the same warehouse management system, handheld scanners and forklift simulator as regional logistics centres, with orders generated from real company data.",
        other_organisations="Two logistics centres near Poznań; the software vendor's education programme.",
        sectors=["104", "061"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["T4", "T3"],
        keywords="logistics, warehouse management system, simulation, scanners, forklift simulator",
        stage="implemented",
        start_date="2022-09-01",
        context="Logistics centres around Poznań employ many of our graduates, who had never used a warehouse management system before their placements.",
        objectives="Train students on the software and devices used in the region's warehouses. Simulate peak periods and errors safely.",
        target_groups=["ivet_learners", "teachers"],
        people_reached=230,
        description=_md(
            "- A 300 m² lab with racks, a packing station, handheld scanners and a forklift simulator.",
            "- The warehouse management system runs with anonymised order data supplied by partner logistics centres.",
            "- Students rotate through the roles of receiving, putaway, picking, packing and dispatch; the teacher can trigger a peak or an inventory error.",
        ),
        resources="Software licences free through the vendor's education programme; scanners and simulator about 38,000 euros from a regional fund.",
        stakeholders="Logistics centres supply data and host study visits.",
        evaluation="Placement supervisors rate students' system skills; students take the vendor's basic user test.",
        results="230 students trained; 81% passed the vendor's basic user test. Supervisors report students need much less induction.",
        evaluation_level="2",
        transfer_conditions="Needs an education licence of a widely used system and some order data from companies.",
        visitor_activities="Run a shift in the virtual warehouse with students.",
        visitor_outcomes="Visitors can plan a simulation-based logistics lab.",
        scores=("32243322", "32243222"),
    ),
    _sheet(
        "ckz-nad-warta",
        title="Preparing students for national and international skills competitions",
        summary="Talented students in mechatronics and IT train in an after-school club for national skills competitions, with coaching by former competitors.",
        sectors=["071", "061"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["T12"],
        keywords="skills competitions, WorldSkills, talent, excellence, coaching",
        stage="implemented",
        start_date="2020-10-05",
        context="Our students took part in competitions only occasionally and without preparation.",
        objectives="Prepare a group of talented students each year for national competitions.",
        target_groups=["ivet_learners", "teachers"],
        people_reached=42,
        description="An after-school club meets twice a week from October to March. Students practise past competition tasks under time pressure, coached by teachers and two former competitors.",
        resources="Two teachers for four hours a week; lab time; travel to competitions paid by the school.",
        stakeholders="Teachers, former competitors and the national skills competition organisers.",
        evaluation="Competition results.",
        results="42 students trained since 2020; two national medals in mechatronics.",
        evaluation_level="1",
        transfer_conditions="Needs motivated teachers and access to past competition tasks.",
        scores=("22322222", "32222221"),
    ),
    # --- Chambre de métiers et de l'artisanat Pilat-Forez (FR, Saint-Étienne) ----------------
    _sheet(
        "cma-pilat-forez",
        language="fr",
        title="Accompagner les maîtres d'apprentissage des très petites entreprises artisanales",
        summary="La chambre de métiers forme et accompagne les artisans qui accueillent un apprenti : une formation courte de maître d'apprentissage, un livret de suivi partagé avec le centre de formation et un conseiller qui intervient dès les premiers signes de difficulté. Les ruptures de contrat ont nettement baissé.",
        other_organisations="Le centre de formation d'apprentis des métiers de Saint-Étienne ; l'opérateur de compétences de l'artisanat.",
        sectors=["101", "072", "041"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T7", "C2", "T2"],
        keywords="maître d'apprentissage, tutorat, très petites entreprises, rupture de contrat, accompagnement",
        stage="mainstreamed",
        start_date="2017-09-04",
        context="Dans l'artisanat, l'apprenti est souvent formé par le chef d'entreprise lui-même, qui n'a reçu aucune préparation à ce rôle. Près d'un contrat sur trois était rompu avant son terme, le plus souvent dans les premiers mois, faute de dialogue entre l'entreprise, l'apprenti et le centre de formation.",
        objectives="Préparer chaque nouveau maître d'apprentissage à son rôle de formateur. Repérer tôt les difficultés et intervenir avant la rupture. Renforcer le lien entre l'entreprise et le centre de formation d'apprentis.",
        target_groups=["tutors", "companies", "apprentices"],
        people_reached=1250,
        description=_md(
            "Le dispositif comporte quatre éléments :",
            "",
            "1. **Formation de maître d'apprentissage** : deux jours, en petits groupes de métiers proches, sur l'accueil, la transmission des gestes, l'évaluation et la communication avec un jeune.",
            "2. **Livret de suivi numérique** : partagé entre l'entreprise, l'apprenti et le formateur du centre, il fixe les activités à confier chaque mois.",
            "3. **Visite d'intégration** : un conseiller de la chambre rencontre l'apprenti et le maître d'apprentissage dans l'entreprise au cours du premier mois.",
            "4. **Médiation** : en cas de difficulté signalée par l'un des trois, le conseiller organise une rencontre sous huit jours.",
        ),
        resources="Trois conseillers de la chambre à temps plein sur le dispositif. La formation est prise en charge par l'opérateur de compétences (environ 420 euros par participant). Le livret numérique a coûté 28 000 euros, cofinancés par la région.",
        stakeholders="Le centre de formation d'apprentis partage le livret et signale les absences ; l'opérateur de compétences finance la formation ; les organisations professionnelles de chaque métier relaient le dispositif auprès des artisans.",
        evaluation="La chambre suit le taux de rupture des contrats enregistrés depuis 2015 et le compare aux entreprises n'ayant pas participé. Une enquête est menée chaque année auprès des maîtres d'apprentissage formés et des apprentis. L'observatoire régional de l'apprentissage a réalisé une évaluation externe en 2022.",
        results="1 250 maîtres d'apprentissage formés depuis 2017. Le taux de rupture des contrats est passé de 31 % à 17 % dans les entreprises accompagnées, contre 27 % dans les autres. 240 médiations ont été menées, dont 70 % ont abouti à la poursuite du contrat. Selon l'évaluation externe de 2022, 89 % des artisans formés se sentent mieux préparés à transmettre leur métier.",
        evaluation_level="4",
        transfer_conditions="Il faut un organisme proche des entreprises (chambre, branche professionnelle) capable de suivre les contrats et un financement de la formation des tuteurs. Les supports de formation et le modèle de livret sont disponibles en français.",
        lessons_learned="Les artisans ne viennent pas à une formation présentée comme obligatoire ; la présenter comme un échange entre pairs a changé la donne. La visite du premier mois est le moment le plus utile du dispositif.",
        visitor_activities="Participer à une journée de formation de maîtres d'apprentissage ; accompagner un conseiller lors d'une visite d'intégration dans une entreprise artisanale.",
        visitor_outcomes="Les visiteurs pourront concevoir un accompagnement des tuteurs en entreprise adapté aux très petites entreprises.",
        scores=("44443433", "43434443"),
    ),
    _sheet(
        "cma-pilat-forez",
        title="Business takeover school for young craftspeople",
        summary="Young qualified craftspeople follow a six-month programme to take over an existing craft business whose owner is retiring: business basics, matching with a retiring owner and a period working together before the handover.",
        other_organisations="Local banks; an association of retired business owners.",
        sectors=["041", "101", "072"],
        eqf_levels=["4", "5"],
        vet_type="cvet",
        fields=["C4", "C2", "C7"],
        keywords="business takeover, succession, craft businesses, entrepreneurship, rural areas",
        stage="pilot",
        start_date="2022-01-10",
        context="Many bakeries, butchers and hairdressers in the Pilat and Forez area close when their owners retire, although they are profitable, because no buyer is found. Young craftspeople rarely consider taking over.",
        objectives="Prepare young craftspeople to take over a business. Match them with retiring owners early enough for a smooth handover.",
        target_groups=["adult_learners", "companies"],
        people_reached=46,
        description=_md(
            "- **Months 1-3:** evening classes on management, financing and valuation of a business.",
            "- **Matching:** the chamber's register of businesses for sale; meetings with owners.",
            "- **Months 4-6:** the young craftsperson works in the business alongside the owner; a banker and a retired owner act as mentors.",
        ),
        resources="One adviser part time; classes funded by the region's entrepreneurship programme; mentors are volunteers.",
        stakeholders="Banks, retired owners' association, municipalities concerned about local shops.",
        evaluation="Number of takeovers and survival after two years.",
        results="46 participants in three sessions; 14 takeovers completed, 13 businesses still open.",
        evaluation_level="2",
        transfer_conditions="Needs a register of businesses for sale and partners in banking.",
        visitor_activities="Meet participants and retiring owners; attend an evening class.",
        visitor_outcomes="Visitors can design a takeover programme for craft sectors.",
        scores=("32243322", "42233321"),
    ),
    _sheet(
        "cma-pilat-forez",
        title="Mixed funding of the chamber's apprentice support service",
        summary="The chamber's service supporting apprentices and employers is funded by five sources (regional grant, skills operator, municipalities, company fees and EU funds), so that it no longer depends on a single grant.",
        sectors=["041"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["G3", "G1"],
        keywords="mixed funding, sustainability, apprentice support, chamber of crafts",
        stage="implemented",
        start_date="2020-01-01",
        context="The apprentice support service was funded by a single regional grant, renewed year by year, and almost closed in 2019.",
        objectives="Secure the service's funding for several years by combining several sources.",
        target_groups=["leaders", "companies"],
        people_reached=900,
        description="The chamber negotiated a three-year agreement with the region, a per-contract payment from the skills operator, contributions from four inter-municipal authorities, a small yearly fee from member businesses with apprentices and European Social Fund co-financing. A steering committee of funders meets twice a year.",
        resources="About 260,000 euros a year for the service; one day a month of the director's time for funding management.",
        stakeholders="The funders sit on a steering committee.",
        evaluation="Budget monitoring by the chamber's finance department.",
        results="The service has been funded without interruption since 2020; no single source exceeds 35% of the budget.",
        evaluation_level="1",
        transfer_conditions="Depends on local funders and national rules on company contributions.",
        scores=("32322232", "32222322"),
    ),
    # --- Björkdalens yrkesgymnasium (SE, Umeå) ---------------------------------------------
    _sheet(
        "bjorkdalen",
        title="Graduate tracking at 6 and 18 months to steer programme quality",
        summary="Björkdalen contacts every graduate six and eighteen months after leaving school, links the answers with register data on employment and further study, and discusses the results each year with employers in programme councils. Programmes with weak results get a concrete improvement plan.",
        other_organisations="The municipality's statistics office; programme councils with employers of each sector.",
        sectors=["082", "091", "092"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["T10", "G2", "C5"],
        keywords="graduate tracking, quality assurance, EQAVET, programme councils, employment rate",
        stage="mainstreamed",
        start_date="2017-08-21",
        context="The school knew its exam results but not what became of its graduates. Decisions on which programmes to expand were based on application numbers rather than on graduates' outcomes. The national agency encouraged providers to use the EQAVET indicators on the destination of graduates, but few did so systematically.",
        objectives="Know the employment and further-study situation of every cohort at 6 and 18 months (EQAVET indicators 5 and 6). Use these data, with employers, to improve programmes each year. Publish the results for prospective students and parents.",
        target_groups=["leaders", "teachers", "companies", "ivet_learners"],
        people_reached=1600,
        description=_md(
            "The yearly cycle:",
            "",
            "1. **Survey:** in December and in the following December, graduates receive a short survey by text message (job, sector, relevance of training, satisfaction), followed by phone calls to non-respondents.",
            "2. **Register data:** the municipality's statistics office matches the cohort with register data on employment and studies, anonymised at programme level.",
            "3. **Programme councils:** in March, each programme team presents its results to its council of employers and former students; together they agree on up to three improvements.",
            "4. **Follow-up:** the principal reviews the improvement plans in June; results are published on the school's website.",
        ),
        resources="A quality coordinator at 40% of a full-time post; students of the administration programme make the phone calls as part of their training. Register matching costs about 2,500 euros a year. Survey tool provided by the municipality.",
        stakeholders="Employers sit in the programme councils and help interpret results; former students take part in the councils; the municipality provides register data and uses the results for its planning.",
        evaluation="The system was evaluated by the national schools inspectorate in 2021 as part of a regular inspection, and by a peer review with two Finnish VET providers in 2023. We also track response rates and the changes made after each cycle.",
        results="Response rates of 78% at 6 months and 64% at 18 months (with register data, outcomes are known for 96% of graduates). Since 2018, 23 programme improvements have been decided, such as more placement weeks in forestry and a new elderly-care profile. Employment or further study at 18 months rose from 81% (2017 cohort) to 90% (2022 cohort). The inspectorate cited the system as a strength in 2021.",
        evaluation_level="4",
        transfer_conditions="Access to register data makes the biggest difference; without it, surveys need high response rates. A small school can start with the 6-month survey and one programme council. Our survey and meeting templates are available in Swedish and English.",
        lessons_learned="Text messages work far better than e-mails for young graduates. Programme teams first felt judged; presenting data as a shared question for the councils changed the tone.",
        visitor_activities="Attend a programme council meeting; see the survey tool and the dashboard; meet the quality coordinator and a programme team.",
        visitor_outcomes="Visitors can set up graduate tracking and link it to a yearly improvement cycle with employers.",
        links=["https://bjorkdalen.example.org/en/graduate-tracking"],
        scores=("43434444", "44433434"),
        translations={
            "de": {
                "title": "Absolventenverbleib nach 6 und 18 Monaten zur Steuerung der Ausbildungsqualität",
                "summary": "Björkdalen kontaktiert jede Absolventin und jeden Absolventen sechs und achtzehn Monate nach dem Abschluss, verknüpft die Antworten mit Registerdaten zu Beschäftigung und Weiterbildung und bespricht die Ergebnisse jedes Jahr mit Arbeitgebern in Programmbeiräten. Bildungsgänge mit schwachen Ergebnissen erhalten einen konkreten Verbesserungsplan.",
                "keywords": "Absolventenverbleib, Qualitätssicherung, EQAVET, Programmbeiräte, Beschäftigungsquote",
                "context": "Die Schule kannte ihre Prüfungsergebnisse, wusste aber nicht, was aus ihren Absolventen wurde. Entscheidungen über den Ausbau von Bildungsgängen beruhten auf Bewerberzahlen statt auf dem Verbleib der Absolventen. Die nationale Behörde ermutigte die Anbieter, die EQAVET-Indikatoren zum Verbleib zu nutzen, doch nur wenige taten dies systematisch.",
                "objectives": "Die Beschäftigungs- und Weiterbildungssituation jedes Jahrgangs nach 6 und 18 Monaten kennen (EQAVET-Indikatoren 5 und 6). Diese Daten jedes Jahr gemeinsam mit Arbeitgebern zur Verbesserung der Bildungsgänge nutzen. Die Ergebnisse für künftige Schüler und Eltern veröffentlichen.",
                "description": _md(
                    "Der jährliche Zyklus:",
                    "",
                    "1. **Befragung:** Im Dezember und im darauffolgenden Dezember erhalten die Absolventen eine kurze Umfrage per SMS (Arbeitsstelle, Branche, Nutzen der Ausbildung, Zufriedenheit); wer nicht antwortet, wird angerufen.",
                    "2. **Registerdaten:** Das Statistikamt der Gemeinde gleicht den Jahrgang mit Registerdaten zu Beschäftigung und Studium ab, anonymisiert auf Ebene der Bildungsgänge.",
                    "3. **Programmbeiräte:** Im März stellt jedes Team seine Ergebnisse dem Beirat aus Arbeitgebern und ehemaligen Schülern vor; gemeinsam werden bis zu drei Verbesserungen vereinbart.",
                    "4. **Nachverfolgung:** Die Schulleitung prüft die Verbesserungspläne im Juni; die Ergebnisse werden auf der Website der Schule veröffentlicht.",
                ),
                "resources": "Eine Qualitätskoordinatorin mit 40 % einer Vollzeitstelle; Schüler des Verwaltungsprogramms führen die Telefonate im Rahmen ihrer Ausbildung. Der Registerabgleich kostet rund 2.500 Euro pro Jahr. Das Umfragewerkzeug stellt die Gemeinde.",
                "stakeholders": "Arbeitgeber sitzen in den Programmbeiräten und helfen bei der Deutung der Ergebnisse; ehemalige Schüler wirken in den Beiräten mit; die Gemeinde liefert Registerdaten und nutzt die Ergebnisse für ihre Planung.",
                "evaluation": "Das System wurde 2021 bei einer regulären Inspektion von der nationalen Schulinspektion bewertet und 2023 in einem Peer Review mit zwei finnischen Berufsbildungsanbietern. Außerdem verfolgen wir die Rücklaufquoten und die nach jedem Zyklus beschlossenen Änderungen.",
                "results": "Rücklaufquoten von 78 % nach 6 Monaten und 64 % nach 18 Monaten (mit Registerdaten ist der Verbleib von 96 % der Absolventen bekannt). Seit 2018 wurden 23 Verbesserungen beschlossen, etwa mehr Praxiswochen in der Forstwirtschaft und ein neues Profil in der Altenpflege. Der Anteil in Beschäftigung oder Weiterbildung nach 18 Monaten stieg von 81 % (Jahrgang 2017) auf 90 % (Jahrgang 2022). Die Inspektion hob das System 2021 als Stärke hervor.",
                "transfer_conditions": "Der Zugang zu Registerdaten macht den größten Unterschied; ohne ihn braucht die Befragung hohe Rücklaufquoten. Eine kleine Schule kann mit der Befragung nach 6 Monaten und einem Programmbeirat beginnen. Unsere Vorlagen für Umfrage und Sitzungen liegen auf Schwedisch und Englisch vor.",
                "lessons_learned": "SMS funktionieren bei jungen Absolventen viel besser als E-Mails. Die Teams fühlten sich anfangs bewertet; seit die Daten als gemeinsame Frage an die Beiräte vorgestellt werden, hat sich der Ton geändert.",
                "visitor_activities": "An einer Sitzung eines Programmbeirats teilnehmen; das Umfragewerkzeug und das Dashboard ansehen; die Qualitätskoordinatorin und ein Team eines Bildungsgangs treffen.",
                "visitor_outcomes": "Besucher können einen Absolventenverbleib aufbauen und mit einem jährlichen Verbesserungszyklus gemeinsam mit Arbeitgebern verknüpfen.",
            }
        },
    ),
    _sheet(
        "bjorkdalen",
        title="Language-integrated care training for newly arrived adults",
        summary="Newly arrived adults train as care assistants in a programme where Swedish is taught inside the vocational lessons by a pair of teachers, one for language and one for care, so that learners start work placements after months rather than years of language courses.",
        other_organisations="Umeå municipality's adult education service and elderly-care administration.",
        sectors=["091", "092"],
        eqf_levels=["3", "4"],
        vet_type="cvet",
        fields=["T9", "T6", "T2"],
        keywords="language-integrated learning, migrants, care assistant, Swedish as a second language, co-teaching",
        stage="implemented",
        start_date="2021-01-11",
        context="Elderly care in the municipality lacks staff, while newly arrived adults spend years in language courses before starting vocational training.",
        objectives="Combine Swedish language learning with care training from the start. Shorten the path to employment in elderly care.",
        target_groups=["adult_learners", "fewer_opportunities", "teachers"],
        people_reached=180,
        description=_md(
            "- Each care lesson is co-taught by a care teacher and a teacher of Swedish as a second language.",
            "- Vocabulary lists and simplified texts are prepared for each topic.",
            "- Placements in elderly care start after ten weeks, with a language mentor at the workplace.",
        ),
        resources="Double teacher staffing (about 30% more teaching cost than a regular class), funded by the municipality's adult education budget.",
        stakeholders="The municipality's elderly-care administration provides placements and jobs; workplace language mentors are trained by us.",
        evaluation="Completion and employment rates compared with the regular route (language courses first).",
        results="180 learners since 2021; 71% completed and 63% were employed in elderly care within six months. In the regular route, average time to employment was more than two years longer.",
        evaluation_level="3",
        transfer_conditions="Needs funding for co-teaching and an employer with a strong need for staff.",
        visitor_activities="Observe a co-taught lesson; meet a workplace language mentor.",
        visitor_outcomes="Visitors can plan co-teaching of language and a vocational subject.",
        scores=("42243332", "42234432"),
    ),
    _sheet(
        "bjorkdalen",
        title="Forest machine simulators with remote coaching from contractors",
        summary="Forestry students train on harvester and forwarder simulators at school, while experienced machine operators coach them remotely by video link from the forest, then host them for real work.",
        sectors=["082"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["T4", "C1"],
        keywords="forestry, harvester simulator, remote coaching, forest machine operator",
        stage="pilot",
        start_date="2023-01-16",
        context="Forestry contractors have few operators free to train students, and sites are far from school.",
        objectives="Let experienced operators coach students without leaving their sites. Prepare students better for work on real machines.",
        target_groups=["ivet_learners", "companies"],
        people_reached=56,
        description="Students train on four simulators. Twice a week, an operator connects by video from a machine cabin, watches the simulator screen and gives advice; later the student joins the same operator in the forest for two weeks.",
        resources="Simulators already owned; video equipment about 4,000 euros; operators paid for two hours a week by the contractors' association.",
        stakeholders="Forestry contractors' association.",
        evaluation="Students' simulator scores and contractors' feedback.",
        results="56 students; contractors report they are productive sooner on real machines. Simulator scores improved by 20% on average.",
        evaluation_level="2",
        transfer_conditions="Needs simulators and a stable mobile connection at forest sites.",
        visitor_activities="Watch a remote coaching session.",
        visitor_outcomes="Visitors see how remote coaching can link school simulators and workplaces.",
        scores=("32243222", "32143322"),
    ),
    # --- Lee Valley Mobility Bureau (IE, Cork) ---------------------------------------------
    _sheet(
        "lee-valley-mobility",
        title="Mobility quality charter for sending VET providers",
        summary="A short charter, agreed by the Bureau and the VET providers it sends abroad, sets the minimum standards for preparation, placement matching, monitoring and recognition of learners' mobility.",
        sectors=["011", "041"],
        eqf_levels=["3", "4", "5"],
        vet_type="both",
        fields=["T11", "T10"],
        keywords="mobility, quality charter, Erasmus+, recognition, learning agreement",
        stage="implemented",
        start_date="2019-03-01",
        context="The Bureau organises placements for learners from eleven VET providers, whose preparation and follow-up varied widely.",
        objectives="Agree common minimum standards for every mobility the Bureau organises.",
        target_groups=["leaders", "teachers", "ivet_learners"],
        people_reached=350,
        description="The charter lists ten commitments (e.g. a learning agreement signed before departure, a weekly check-in, recognition of learning outcomes on return). Providers sign it each year; the Bureau reviews one mobility per provider against it.",
        resources="About 15 days a year of Bureau staff time.",
        stakeholders="Eleven sending providers and host organisations abroad.",
        evaluation="Yearly review of one mobility per provider.",
        results="All eleven providers signed; recognition of learning outcomes on return rose from about half to most mobilities.",
        evaluation_level="1",
        transfer_conditions="Any intermediary organisation can adapt the charter.",
        scores=("32322222", "22322232"),
    ),
    _sheet(
        "lee-valley-mobility",
        title="Inclusion coaches for learners with fewer opportunities going abroad",
        summary="Learners with fewer opportunities (early school leavers, learners with disabilities or in care) are paired with an inclusion coach who prepares them for months, travels with them for the first week and stays reachable throughout their placement abroad. Their participation and completion now match those of other learners.",
        other_organisations="Two youth services and a disability support organisation in Cork; host intermediaries in Spain, Portugal and France.",
        sectors=["011", "041"],
        eqf_levels=["2", "3", "4"],
        vet_type="ivet",
        fields=["T9", "T11"],
        keywords="inclusion, fewer opportunities, mobility, coaching, accompanied placements",
        stage="mainstreamed",
        start_date="2018-01-15",
        context="Learners from disadvantaged backgrounds rarely applied for placements abroad, and those who went were more likely to return early. Families worried about safety, and learners feared being alone in a foreign country.",
        objectives="Raise the share of learners with fewer opportunities among participants to their share among all learners. Bring their completion rate to the level of other participants. Help them gain confidence and employability skills.",
        target_groups=["fewer_opportunities", "ivet_learners", "teachers"],
        people_reached=320,
        description=_md(
            "- **Outreach:** coaches present placements in youth services and meet families at home.",
            "- **Preparation:** ten sessions over three months covering practical life, money, language basics and a visit to the airport.",
            "- **Accompanied start:** the coach travels with the group and stays for the first week.",
            "- **Remote support:** a daily message in the first weeks, then weekly video calls; the host intermediary has a named contact person.",
            "- **Return:** a debriefing and a certificate presented to the family.",
        ),
        resources="Four part-time coaches (youth workers). Erasmus+ inclusion support covers accompanying persons and exceptional costs, about 1,300 euros per learner on top of the standard grant.",
        stakeholders="Youth services and the disability support organisation refer learners and help prepare them; host intermediaries adapt placements; families are involved from the start.",
        evaluation="We compare participation and early return rates with the years before (2014-2017). An external evaluator from a university's school of education interviewed participants, families and coaches in 2021 and 2023 and analysed employment at twelve months.",
        results="Learners with fewer opportunities went from 9% to 34% of participants (they are 32% of the learners of our sending providers). Early returns fell from 18% to 4%, the same rate as other participants. At twelve months, 71% were in work or training, compared with 52% of a comparison group who did not go abroad.",
        evaluation_level="4",
        transfer_conditions="Needs youth workers as coaches, close links with youth and disability services, and Erasmus+ inclusion funding. Our preparation programme and coach guidelines are available in English and French.",
        lessons_learned="The first week abroad decides most placements: the accompanied start is the most effective and the most expensive element. Meeting families at home matters more than any brochure.",
        visitor_activities="Join a preparation session; shadow a coach during an accompanied start; meet returned learners and their families.",
        visitor_outcomes="Visitors can design accompanied mobility for learners with fewer opportunities, with its budget.",
        scores=("44434344", "43443434"),
        translations={
            "fr": {
                "title": "Des coachs d'inclusion pour les apprenants moins favorisés qui partent à l'étranger",
                "summary": "Les apprenants moins favorisés (jeunes sortis précocement de l'école, en situation de handicap ou placés) sont accompagnés par un coach d'inclusion qui les prépare pendant plusieurs mois, voyage avec eux la première semaine et reste joignable pendant tout leur stage à l'étranger. Leur participation et leur taux de réussite sont désormais les mêmes que ceux des autres apprenants.",
                "keywords": "inclusion, moins d'opportunités, mobilité, coaching, stages accompagnés",
                "context": "Les apprenants issus de milieux défavorisés postulaient rarement aux stages à l'étranger, et ceux qui partaient rentraient plus souvent avant la fin. Les familles s'inquiétaient pour la sécurité, et les jeunes redoutaient d'être seuls dans un pays étranger.",
                "objectives": "Porter la part des apprenants moins favorisés parmi les participants à leur part parmi l'ensemble des apprenants. Amener leur taux de réussite au niveau de celui des autres participants. Les aider à gagner en confiance et en employabilité.",
                "description": _md(
                    "- **Information :** les coachs présentent les stages dans les services jeunesse et rencontrent les familles à domicile.",
                    "- **Préparation :** dix séances sur trois mois : vie pratique, argent, bases de la langue et visite de l'aéroport.",
                    "- **Départ accompagné :** le coach voyage avec le groupe et reste sur place la première semaine.",
                    "- **Suivi à distance :** un message quotidien les premières semaines, puis un appel vidéo hebdomadaire ; l'organisme d'accueil désigne un interlocuteur.",
                    "- **Retour :** un bilan et une attestation remise en présence de la famille.",
                ),
                "resources": "Quatre coachs à temps partiel (animateurs jeunesse). Le soutien à l'inclusion d'Erasmus+ couvre les accompagnateurs et les coûts exceptionnels, soit environ 1 300 euros par apprenant en plus de la bourse habituelle.",
                "stakeholders": "Les services jeunesse et l'association d'aide aux personnes handicapées orientent les apprenants et aident à les préparer ; les organismes d'accueil adaptent les stages ; les familles sont associées dès le début.",
                "evaluation": "Nous comparons les taux de participation et de retour anticipé avec les années précédentes (2014-2017). Un évaluateur externe de la faculté des sciences de l'éducation d'une université a interrogé participants, familles et coachs en 2021 et en 2023 et analysé l'insertion à douze mois.",
                "results": "La part des apprenants moins favorisés parmi les participants est passée de 9 % à 34 % (ils représentent 32 % des apprenants de nos établissements d'envoi). Les retours anticipés sont passés de 18 % à 4 %, le même taux que pour les autres participants. À douze mois, 71 % étaient en emploi ou en formation, contre 52 % d'un groupe de comparaison qui n'était pas parti.",
                "transfer_conditions": "Il faut des animateurs jeunesse comme coachs, des liens étroits avec les services jeunesse et d'aide aux personnes handicapées, et le financement de l'inclusion d'Erasmus+. Notre programme de préparation et le guide des coachs existent en anglais et en français.",
                "lessons_learned": "La première semaine à l'étranger décide de la plupart des stages : le départ accompagné est l'élément le plus efficace et le plus coûteux. Rencontrer les familles chez elles compte plus que n'importe quelle brochure.",
                "visitor_activities": "Participer à une séance de préparation ; suivre un coach lors d'un départ accompagné ; rencontrer des apprenants revenus de stage et leurs familles.",
                "visitor_outcomes": "Les visiteurs pourront concevoir une mobilité accompagnée pour les apprenants moins favorisés, avec son budget.",
            }
        },
    ),
    _sheet(
        "lee-valley-mobility",
        title="A regional board for VET mobility in Cork",
        summary="VET providers, employers' representatives, the regional training board and youth services meet four times a year in a mobility board that sets shared priorities for international placements in the region.",
        sectors=["011", "041"],
        eqf_levels=["3", "4", "5"],
        vet_type="both",
        fields=["G1", "G4"],
        keywords="multi-stakeholder governance, mobility, regional board, Erasmus+ consortium",
        stage="implemented",
        start_date="2020-09-01",
        context="Each provider applied for mobility funding on its own, and employers were not consulted about destinations or sectors.",
        objectives="Coordinate mobility in the region and involve employers and youth services in its priorities.",
        target_groups=["leaders", "companies"],
        people_reached=40,
        description="The board has twelve members and meets quarterly. It agrees the sectors and countries to prioritise in the regional Erasmus+ consortium, reviews results and shares host partners.",
        resources="Secretariat by the Bureau (about 10 days a year).",
        stakeholders="Providers, employers' representatives, the regional training board, youth services.",
        evaluation="Minutes and yearly review of the consortium's results.",
        results="The consortium's priorities now follow the board's decisions; two new sectors (renewable energy and hospitality) were added.",
        evaluation_level="1",
        transfer_conditions="Needs an organisation to act as secretariat.",
        can_host="no",
        scores=("32222322", "22322332"),
    ),
    # --- Lehrwerkstätte Murauen (AT, Graz) -----------------------------------------------------
    _sheet(
        "lehrwerkstaette-murauen",
        language="de",
        title="Überbetriebliche Lehrausbildung mit Übergang in Betriebe für Jugendliche ohne Lehrstelle",
        summary="Jugendliche, die keine Lehrstelle finden, beginnen ihre Lehre in Metall- und Elektrotechnik in unserer Lehrwerkstätte. Ein Ausbildungscoach begleitet sie, und über Praktika wechseln die meisten im Lauf der Ausbildung in einen regulären Lehrbetrieb.",
        other_organisations="Arbeitsmarktservice Steiermark; Wirtschaftskammer (Lehrlingsstelle); rund 60 Betriebe der Region Graz.",
        sectors=["071", "072"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["T9", "T2", "C2"],
        keywords="überbetriebliche Lehrausbildung, Ausbildungsgarantie, Lehrstellensuche, Coaching, Übergang in Betriebe",
        stage="mainstreamed",
        start_date="2016-09-05",
        context="Jedes Jahr finden in der Region mehrere hundert Jugendliche keine Lehrstelle, oft wegen schwacher Schulnoten, Migrationshintergrund oder fehlender Kontakte. Gleichzeitig suchen Metall- und Elektrobetriebe Fachkräfte, trauen sich aber nicht, diese Jugendlichen direkt aufzunehmen.",
        objectives="Jugendlichen ohne Lehrstelle einen vollwertigen Lehrbeginn ermöglichen. Möglichst viele von ihnen innerhalb von zwei Jahren in einen regulären Lehrbetrieb vermitteln. Alle zu einem Lehrabschluss führen.",
        target_groups=["apprentices", "fewer_opportunities", "companies", "tutors"],
        people_reached=690,
        description=_md(
            "Die Ausbildung folgt dem regulären Berufsbild und der Berufsschule, mit drei Besonderheiten:",
            "",
            "- **Ausbildungscoach:** Jeder Lehrling hat einen Coach, der wöchentlich Gespräche führt und bei schulischen oder privaten Problemen unterstützt.",
            "- **Betriebspraktika:** Ab dem dritten Monat absolvieren die Lehrlinge Praktika von zwei bis sechs Wochen in Partnerbetrieben.",
            "- **Übertritt:** Wenn Betrieb und Lehrling zufrieden sind, wird die Lehre im Betrieb fortgesetzt; die bisherige Lehrzeit wird voll angerechnet.",
        ),
        resources="Finanzierung durch das Arbeitsmarktservice im Rahmen der Ausbildungsgarantie (rund 16.000 Euro pro Ausbildungsplatz und Jahr). 14 Ausbilderinnen und Ausbilder, 4 Coaches. Werkstätten für Metall- und Elektrotechnik mit 120 Plätzen.",
        stakeholders="Das Arbeitsmarktservice weist Jugendliche zu und finanziert; die Lehrlingsstelle der Wirtschaftskammer unterstützt die Vermittlung; Partnerbetriebe bieten Praktika und übernehmen Lehrlinge; die Berufsschule stimmt den Unterricht mit uns ab.",
        evaluation="Wir erfassen Übertritte, Abbrüche und Lehrabschlussprüfungen jedes Jahrgangs. 2020 und 2024 wurde die Maßnahme im Auftrag des Arbeitsmarktservice von einem externen Forschungsinstitut evaluiert, mit einem Vergleich zu Jugendlichen in anderen Angeboten.",
        results="Seit 2016 haben 690 Jugendliche bei uns begonnen. 58 % wechselten innerhalb von zwei Jahren in einen Lehrbetrieb. 82 % schlossen die Lehre ab (in Betrieb oder Werkstätte), die Bestehensquote bei der Lehrabschlussprüfung lag bei 87 %. Laut Evaluation 2024 waren drei Jahre nach Beginn 76 % der Teilnehmenden beschäftigt, gegenüber 61 % in der Vergleichsgruppe.",
        evaluation_level="4",
        transfer_conditions="Setzt eine öffentliche Finanzierung wie die Ausbildungsgarantie voraus und ein Netz von Betrieben, die Praktika anbieten. Das Coaching-Konzept und unsere Vereinbarung mit Partnerbetrieben geben wir gern weiter.",
        lessons_learned="Der frühe Kontakt zu Betrieben ist entscheidend: Wer im ersten Jahr kein Praktikum macht, wechselt selten. Die Coaches brauchen klare Grenzen zwischen Unterstützung und Kontrolle.",
        visitor_activities="Einen Tag in der Lehrwerkstätte verbringen, an einem Coaching-Gespräch teilnehmen (mit Einverständnis des Lehrlings) und einen Partnerbetrieb besuchen.",
        visitor_outcomes="Besucher können ein überbetriebliches Ausbildungsangebot mit Übergang in Betriebe planen.",
        scores=("44444344", "43434443"),
    ),
    _sheet(
        "lehrwerkstaette-murauen",
        title="Apprenticeship with upper-secondary diploma and a bridge to the university of applied sciences",
        summary="Apprentices in mechatronics can prepare the upper-secondary leaving exam alongside their apprenticeship, in evening courses held at our centre, and attend a bridge module with the regional university of applied sciences.",
        other_organisations="Regional adult education institute; university of applied sciences (engineering).",
        sectors=["071"],
        eqf_levels=["4", "5", "6"],
        vet_type="ivet",
        fields=["C6", "T8"],
        keywords="apprenticeship with diploma, permeability, higher education, mechatronics",
        stage="implemented",
        start_date="2020-09-14",
        context="Apprentices who want to study later must first obtain the upper-secondary leaving exam, which most give up on because of travel time to evening schools.",
        objectives="Bring the preparation courses to the apprentices' training centre. Give a first taste of engineering studies.",
        target_groups=["apprentices", "companies"],
        people_reached=96,
        description="Preparation courses in German, English, mathematics and a technical subject take place twice a week after work at our centre. In the last year, a bridge module with the university of applied sciences (one lab day per month) introduces engineering studies.",
        resources="Courses funded by the federal programme for apprenticeship with diploma; rooms provided by the centre.",
        stakeholders="Training companies release apprentices for exams; the university hosts lab days.",
        evaluation="Exam results and enrolment at the university.",
        results="96 apprentices enrolled; 38 passed all exams so far; 11 started engineering studies.",
        evaluation_level="2",
        transfer_conditions="Depends on national rules for combining apprenticeship and general education.",
        visitor_activities="Attend an evening course and a lab day.",
        visitor_outcomes="Visitors learn how to open pathways from apprenticeship to higher education.",
        scores=("32243322", "32233332"),
    ),
    _sheet(
        "lehrwerkstaette-murauen",
        title="Taster days for girls in metal and electrical trades",
        summary="Twice a year, girls aged 13 to 15 spend two days in our workshops building a small electronic device and a metal box, guided by female apprentices.",
        sectors=["071", "072"],
        eqf_levels=["3"],
        vet_type="ivet",
        fields=["T9", "T8"],
        keywords="gender, girls in technology, career guidance, taster days",
        stage="implemented",
        start_date="2018-04-09",
        context="Fewer than 10% of our apprentices are women.",
        objectives="Give girls hands-on experience of metal and electrical trades before they choose an apprenticeship.",
        target_groups=["ivet_learners", "fewer_opportunities"],
        people_reached=420,
        description="Schools send groups of girls for two days. Female apprentices guide small groups through simple projects and talk about their training.",
        resources="Two trainers and four apprentices for two days twice a year; materials about 15 euros per participant.",
        stakeholders="Lower-secondary schools and career guidance services.",
        evaluation="Feedback forms and applications from participants.",
        results="420 girls since 2018; the share of women among our apprentices went from 7% to 11%.",
        evaluation_level="1",
        transfer_conditions="Needs female apprentices or trainers as role models.",
        scores=("22322322", "32222232"),
    ),
    # --- Neckarblick Fahrzeugtechnik GmbH (DE, Stuttgart) ------------------------------------
    _sheet(
        "neckarblick",
        title="High-voltage safety training for automotive apprentices and technicians",
        summary="Neckarblick's training centre qualifies automotive apprentices and working technicians to work safely on high-voltage systems of electric and hybrid vehicles, in three levels up to live working. Partner workshops of all sizes send their staff, so small garages can service electric cars too.",
        other_organisations="The regional automotive guild; two vocational schools of the Stuttgart region; the statutory accident insurance for the sector.",
        sectors=["071", "104"],
        eqf_levels=["3", "4", "5"],
        vet_type="both",
        fields=["T1", "T5", "C2"],
        keywords="electromobility, high-voltage safety, electric vehicles, automotive technicians, continuing training",
        stage="mainstreamed",
        start_date="2019-03-04",
        context="Electric and hybrid vehicles made up a fast-growing share of cars in workshops around Stuttgart, but most technicians were not allowed to touch their high-voltage systems. Small independent garages risked losing customers, and accident insurers were worried about untrained staff.",
        objectives="Qualify every automotive apprentice of Neckarblick and its partner schools for high-voltage work before the final exam. Offer the same levels to working technicians from workshops of all sizes. Contribute to zero high-voltage accidents in the region's workshops.",
        target_groups=["apprentices", "adult_learners", "companies", "teachers"],
        people_reached=1380,
        description=_md(
            "Training follows the three qualification levels of the sector's accident-prevention rules:",
            "",
            "- **Level 1 (1 day):** awareness, recognising high-voltage components, what not to do.",
            "- **Level 2 (3 days):** de-energising the system, securing it and checking it is safe, on six training vehicles and cut-away battery models.",
            "- **Level 3 (5 days):** working on live high-voltage batteries, with protective equipment and rescue drills.",
            "",
            "Apprentices take levels 1 and 2 during their third year; technicians book any level in the continuing training catalogue. Teachers of the partner schools are trained free of charge so that they can prepare the lessons at school.",
        ),
        resources="Training centre with six vehicles and battery workstations (about 540,000 euros, funded by Neckarblick with a state grant for electromobility). Four trainers. Fees for external participants: 290 euros (level 2) to 1,450 euros (level 3), which cover the running costs of the continuing training.",
        stakeholders="The guild promotes the courses to small workshops and helped set fees; the vocational schools align their curricula; the accident insurer reviews the safety concept each year and co-funded protective equipment.",
        evaluation="Participants pass a theoretical and practical test at each level. We survey companies six months after training, and the accident insurer provides regional accident statistics. In 2023, an external evaluation by a university institute assessed the training's effect on workshop practice.",
        results="1,380 people qualified since 2019 (610 apprentices, 720 technicians, 50 teachers), from 240 companies; pass rate 93%. Six months after training, 81% of companies report servicing electric vehicles they would have turned away before. No high-voltage accident has been reported in participating workshops. The external evaluation found that trained technicians applied all safety steps in 96% of observed jobs.",
        evaluation_level="4",
        transfer_conditions="Needs training vehicles or battery models, trainers qualified at the highest level, and a link with the body responsible for accident prevention. Course plans and checklists are available in German and English.",
        lessons_learned="Small garages could not release staff for five days; level 3 is now also offered over two weekends. Teachers trained with us became the best ambassadors in schools.",
        visitor_activities="Observe a level 2 course; visit the battery workstations; discuss the safety concept with the trainers and the insurer's adviser.",
        visitor_outcomes="Visitors can plan high-voltage training for initial and continuing VET, with equipment and safety requirements.",
        links=["https://neckarblick.example.org/training/high-voltage"],
        scores=("44434443", "43444343"),
        translations={
            "de": {
                "title": "Hochvolt-Sicherheitsschulung für Kfz-Auszubildende und Servicetechniker",
                "summary": "Das Schulungszentrum von Neckarblick qualifiziert Kfz-Auszubildende und Servicetechniker für sicheres Arbeiten an Hochvoltsystemen von Elektro- und Hybridfahrzeugen, in drei Stufen bis zum Arbeiten unter Spannung. Partnerwerkstätten jeder Größe schicken ihr Personal, sodass auch kleine Werkstätten Elektroautos warten können.",
                "keywords": "Elektromobilität, Hochvolt-Sicherheit, Elektrofahrzeuge, Kfz-Mechatroniker, Weiterbildung",
                "context": "Elektro- und Hybridfahrzeuge machten in den Werkstätten rund um Stuttgart einen schnell wachsenden Anteil aus, doch die meisten Techniker durften deren Hochvoltsysteme nicht anfassen. Kleine freie Werkstätten drohten Kunden zu verlieren, und die Unfallversicherer sorgten sich um ungeschultes Personal.",
                "objectives": "Alle Kfz-Auszubildenden von Neckarblick und der Partnerschulen vor der Abschlussprüfung für Hochvoltarbeiten qualifizieren. Dieselben Stufen Technikern aus Werkstätten jeder Größe anbieten. Zu null Hochvoltunfällen in den Werkstätten der Region beitragen.",
                "description": _md(
                    "Die Schulung folgt den drei Qualifizierungsstufen der Unfallverhütungsregeln der Branche:",
                    "",
                    "- **Stufe 1 (1 Tag):** Sensibilisierung, Hochvoltkomponenten erkennen, was man nicht tun darf.",
                    "- **Stufe 2 (3 Tage):** Freischalten, gegen Wiedereinschalten sichern und Spannungsfreiheit feststellen, an sechs Schulungsfahrzeugen und Schnittmodellen von Batterien.",
                    "- **Stufe 3 (5 Tage):** Arbeiten an unter Spannung stehenden Hochvoltbatterien, mit Schutzausrüstung und Rettungsübungen.",
                    "",
                    "Auszubildende absolvieren die Stufen 1 und 2 im dritten Lehrjahr; Techniker buchen jede Stufe im Weiterbildungsprogramm. Lehrkräfte der Partnerschulen werden kostenlos geschult, damit sie den Unterricht in der Schule vorbereiten können.",
                ),
                "resources": "Schulungszentrum mit sechs Fahrzeugen und Batteriearbeitsplätzen (rund 540.000 Euro, finanziert von Neckarblick mit einem Landeszuschuss für Elektromobilität). Vier Trainer. Gebühren für externe Teilnehmende: 290 Euro (Stufe 2) bis 1.450 Euro (Stufe 3); sie decken die laufenden Kosten der Weiterbildung.",
                "stakeholders": "Die Innung wirbt bei kleinen Werkstätten für die Kurse und hat die Gebühren mitbestimmt; die Berufsschulen stimmen ihre Lehrpläne ab; die Unfallversicherung prüft das Sicherheitskonzept jährlich und hat die Schutzausrüstung mitfinanziert.",
                "evaluation": "Die Teilnehmenden legen in jeder Stufe eine theoretische und praktische Prüfung ab. Sechs Monate nach der Schulung befragen wir die Betriebe, und die Unfallversicherung stellt regionale Unfallstatistiken bereit. 2023 untersuchte ein Hochschulinstitut in einer externen Evaluation die Wirkung der Schulung auf die Werkstattpraxis.",
                "results": "Seit 2019 wurden 1.380 Personen qualifiziert (610 Auszubildende, 720 Techniker, 50 Lehrkräfte) aus 240 Betrieben; Bestehensquote 93 %. Sechs Monate nach der Schulung geben 81 % der Betriebe an, Elektrofahrzeuge zu warten, die sie früher abgelehnt hätten. In den teilnehmenden Werkstätten wurde kein Hochvoltunfall gemeldet. Laut externer Evaluation wendeten geschulte Techniker in 96 % der beobachteten Aufträge alle Sicherheitsschritte an.",
                "transfer_conditions": "Erforderlich sind Schulungsfahrzeuge oder Batteriemodelle, Trainer mit der höchsten Qualifizierungsstufe und eine Verbindung zur zuständigen Stelle für Unfallverhütung. Kurspläne und Checklisten liegen auf Deutsch und Englisch vor.",
                "lessons_learned": "Kleine Werkstätten konnten ihr Personal nicht fünf Tage freistellen; Stufe 3 wird jetzt auch an zwei Wochenenden angeboten. Bei uns geschulte Lehrkräfte wurden zu den besten Botschaftern in den Schulen.",
                "visitor_activities": "Einen Kurs der Stufe 2 beobachten; die Batteriearbeitsplätze besichtigen; das Sicherheitskonzept mit den Trainern und dem Berater der Unfallversicherung besprechen.",
                "visitor_outcomes": "Besucher können Hochvolt-Schulungen für Aus- und Weiterbildung mit den nötigen Ausstattungs- und Sicherheitsanforderungen planen.",
            }
        },
    ),
    _sheet(
        "neckarblick",
        state=DRAFT,
        title="Apprentice mentoring by senior technicians",
        summary="Each first-year apprentice is paired with a senior technician close to retirement who passes on experience and helps with the first months in the workshop.",
        sectors=["071"],
        eqf_levels=["4"],
        vet_type="ivet",
        fields=["T2", "T7"],
        keywords="mentoring, apprentices, senior workers, knowledge transfer",
        stage="pilot",
        start_date="2024-09-02",
        target_groups=["apprentices", "tutors"],
        people_reached=12,
    ),
    # --- Srednja poklicna šola Dravski breg (SI, Maribor) --------------------------------------
    _sheet(
        "dravski-breg",
        title="A school council with employers, the municipality and students",
        summary="The school's strategic council brings together teachers, employers, the municipality, parents and students to review the development plan and the offer of programmes each year.",
        sectors=["072", "101", "081"],
        eqf_levels=["3", "4"],
        vet_type="ivet",
        fields=["G1", "G2"],
        keywords="multi-stakeholder governance, school council, strategic planning, employers",
        stage="implemented",
        start_date="2018-10-01",
        context="The school's development plan was written by management alone, and employers were consulted only informally.",
        objectives="Involve employers, the municipality, parents and students in the school's strategy.",
        target_groups=["leaders", "companies", "ivet_learners"],
        people_reached=25,
        description="The council has eleven members and meets three times a year. It discusses the development plan, the programmes offered and the yearly self-evaluation report, and can propose changes to the school management.",
        resources="Secretariat by the deputy head; meetings in the evening.",
        stakeholders="Employers from food processing and hospitality, the municipality, parents' and students' representatives.",
        evaluation="Minutes of meetings; members' yearly feedback.",
        results="The council proposed two new optional modules (food technology and wine tourism) that were introduced in 2021.",
        evaluation_level="1",
        transfer_conditions="Easy to start; keeping employers involved needs short, well-prepared meetings.",
        scores=("32222322", "22322222"),
    ),
    _sheet(
        "dravski-breg",
        title="Regional skills anticipation with the Podravje chamber and employment service",
        summary="Every two years, the school, the regional chamber of commerce and the employment service survey employers in food processing, hospitality and agriculture, combine the results with vacancy data and agree which programmes and short courses the region needs. The school adapts its offer and its open curriculum accordingly.",
        other_organisations="Regional chamber of commerce of Podravje; the regional office of the employment service; the regional development agency.",
        sectors=["072", "101", "081"],
        eqf_levels=["3", "4", "5"],
        vet_type="both",
        fields=["C5", "C7", "G5"],
        keywords="skills anticipation, labour market intelligence, open curriculum, regional development, employer survey",
        stage="mainstreamed",
        start_date="2017-03-01",
        context="Slovenian VET programmes leave about 20% of the curriculum open for regional needs, but the school had no reliable information about them. Employers in food processing complained of shortages while some programmes had few job prospects.",
        objectives="Produce every two years a shared picture of skills needs in the school's sectors. Use it to plan the open curriculum, the programmes offered and adult short courses. Feed the results into the regional development programme.",
        target_groups=["leaders", "companies", "teachers", "adult_learners"],
        people_reached=1900,
        description=_md(
            "1. **Survey:** the chamber sends a questionnaire to about 450 companies on expected hiring, hard-to-fill jobs and missing skills; teachers interview 30 of them in depth.",
            "2. **Data:** the employment service adds vacancy and unemployment data by occupation.",
            "3. **Workshop:** a one-day workshop with employers, teachers and the development agency agrees five to eight priorities.",
            "4. **Action:** the school changes the open curriculum modules, proposes programme changes to the ministry and plans adult short courses; the development agency includes the priorities in the regional programme.",
        ),
        resources="About 45 days of teacher time per cycle, partly funded by the regional development agency (12,000 euros per cycle). The chamber runs the survey at its own cost.",
        stakeholders="The chamber of commerce, employment service and development agency co-own the process; employers answer and join the workshop; teachers carry out interviews.",
        evaluation="After each cycle, we record which priorities led to changes. In 2022, the national institute for VET reviewed the process as a case study and compared employment of graduates from modules introduced through it with other modules.",
        results="Four cycles since 2017, with response rates from 21% to 34%. 14 open-curriculum modules were changed (e.g. food-safety management, plant-based products, wine tourism), two programmes were added and one closed. Graduates of the new modules had an employment rate of 88% at one year, compared with 76% for the school overall. 1,900 adults took short courses created from the priorities.",
        evaluation_level="4",
        transfer_conditions="Needs partners with access to employers and data, and a curriculum with room for regional content. Our questionnaire and workshop guide are available in Slovenian and English.",
        lessons_learned="In-depth interviews gave more useful information than the questionnaire; we now interview more companies. Results must reach the curriculum within a year, or employers lose interest.",
        visitor_activities="Take part in the skills workshop (spring of odd years) or an employer interview; meet the chamber and the development agency.",
        visitor_outcomes="Visitors can set up a regional skills anticipation cycle with social partners.",
        scores=("44434443", "43443434"),
    ),
    _sheet(
        "dravski-breg",
        title="Fruit and wine processing projects with the faculty of agriculture",
        summary="Students of food processing carry out small applied projects with researchers of the regional university's faculty of agriculture, such as testing new apple varieties for juice or reducing sulphites in wine.",
        other_organisations="Faculty of agriculture of the regional university.",
        sectors=["072", "081"],
        eqf_levels=["4", "5"],
        vet_type="ivet",
        fields=["C6", "C3"],
        keywords="higher education cooperation, applied research, wine, fruit processing",
        stage="pilot",
        start_date="2022-10-03",
        context="The faculty's experimental orchard and cellar are near the school, but students never worked with researchers.",
        objectives="Let students take part in applied research; bring researchers into VET lessons.",
        target_groups=["ivet_learners", "teachers"],
        people_reached=70,
        description="Each year, two or three projects are defined with researchers. Students collect and process samples in the school lab and the faculty's cellar, and present the results at the faculty's open day.",
        resources="Teachers' and researchers' time; materials paid by the faculty's projects.",
        stakeholders="The faculty and two local wineries.",
        evaluation="Students' feedback and the number of projects.",
        results="Five projects with 70 students; one project's results were used by a local winery.",
        evaluation_level="1",
        transfer_conditions="Needs a university department nearby interested in applied work with VET.",
        visitor_activities="Join a sampling day at the faculty's cellar.",
        visitor_outcomes="Visitors see how a VET school can join applied research.",
        scores=("32243222", "42143221"),
    ),
)
