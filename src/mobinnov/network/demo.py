"""The demo network: fictional partners, people and definitions.

Everything here is DATA (the tuples below) plus :func:`load_demo`, which
creates what is missing and brings back what differs, so running it again
creates nothing new. Natural keys: an organisation's slug, a person's e-mail
address, (organisation, topic) for a definition.

All organisations, people, Erasmus+ Organisation IDs and addresses are
invented; the cities are real (their coordinates come from the offline
gazetteer). Every demo account's password is :data:`DEMO_PASSWORD`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import slugify

from mobinnov.accounts.models import User
from mobinnov.core.languages import WORKING_LANGUAGE_CODES
from mobinnov.excellence.models import Definition, DefinitionTopic
from mobinnov.excellence.services import definition_save
from mobinnov.network.gazetteer import locate
from mobinnov.network.models import Membership, Organisation, OrganisationType, Sector
from mobinnov.network.services import organisation_create, organisation_update

DEMO_PASSWORD = "mobinnov-demo"
DEMO_URL = "http://127.0.0.1:8000/"

COORDINATOR = Membership.Role.COORDINATOR
STAFF = Membership.Role.STAFF
INNOVATION = DefinitionTopic.PEDAGOGICAL_INNOVATION
EXCELLENCE = DefinitionTopic.EXCELLENCE_IN_VET


class DemoDataError(RuntimeError):
    """The demo data cannot be loaded as written (e.g. a city the gazetteer lacks)."""


class Writer(Protocol):
    """Anything with ``write(text)``: a file, ``sys.stdout``, a command's OutputWrapper."""

    def write(self, msg: str, /) -> Any: ...


@dataclass(frozen=True)
class Person:
    """A demo account. Without ``email``, partners' people get
    ``coordinator.<slug>@example.org`` or ``<first name>.<slug>@example.org``."""

    full_name: str
    job_role: str
    languages: tuple[str, ...]
    role: str = STAFF
    email: str = ""


@dataclass(frozen=True)
class Text:
    """A definition's text and the ISO 639-1 code of its language."""

    language: str
    text: str


@dataclass(frozen=True)
class Partner:
    """A demo partner organisation with its people and its definitions."""

    slug: str
    name: str
    org_type: str
    country: str
    city: str
    address: str
    erasmus_oid: str
    sectors: tuple[str, ...]
    description: str
    joined_on: datetime.date
    preferred_language: str
    people: tuple[Person, ...]
    innovation: Text
    excellence: Text
    website: str = ""

    def email_of(self, person: Person) -> str:
        """The e-mail address of one of this partner's people."""
        if person.email:
            return person.email
        if person.role == COORDINATOR:
            return f"coordinator.{self.slug}@example.org"
        return f"{slugify(person.full_name.split()[0])}.{self.slug}@example.org"

    @property
    def coordinator(self) -> Person:
        """The first coordinator listed: the contact person and author of the definitions."""
        return next(person for person in self.people if person.role == COORDINATOR)

    @property
    def website_url(self) -> str:
        """The partner's (fictional) website."""
        return self.website or f"https://{self.slug}.example.org/"


# --- The network's own people -------------------------------------------------

ADMIN = Person(
    full_name="Sofia Marchetti",
    job_role="Network administrator",
    languages=("it", "en", "fr"),
    email="admin@example.org",
)
EDITOR = Person(
    full_name="Jonas Weber",
    job_role="Editor of the network's framework of excellence",
    languages=("de", "en", "fr"),
    email="editor@example.org",
)
NETWORK_FLAGS: dict[str, dict[str, bool]] = {
    ADMIN.email: {
        "is_network_admin": True,
        "is_editor": False,
        "is_staff": True,
        "is_superuser": True,
    },
    EDITOR.email: {
        "is_network_admin": False,
        "is_editor": True,
        "is_staff": False,
        "is_superuser": False,
    },
}

# --- The partners ---------------------------------------------------------------
# The FIRST partner is a French VET school (coordinator@ and teacher@ belong to
# it); the SECOND is in another country (coordinator2@ coordinates it).

PARTNERS: tuple[Partner, ...] = (
    Partner(
        slug="ateliers-erdre",
        name="Lycée professionnel des Ateliers de l'Erdre",
        org_type=OrganisationType.VET_SCHOOL,
        country="FR",
        city="Nantes",
        address="14 rue des Ateliers\n44300 Nantes",
        erasmus_oid="E10482731",
        sectors=("071", "104", "073"),
        description=(
            "A vocational upper-secondary school of 650 learners preparing for the "
            "baccalauréat professionnel and the CAP in automotive maintenance, logistics "
            "and building trades. Work placements abroad are part of every programme "
            "since 2016, and the school hosts learners from partner schools each spring."
        ),
        joined_on=datetime.date(2019, 9, 2),
        preferred_language="fr",
        people=(
            Person(
                full_name="Claire Morvan",
                job_role="Coordinatrice des mobilités Erasmus+",
                languages=("fr", "en", "es"),
                role=COORDINATOR,
                email="coordinator@example.org",
            ),
            Person(
                full_name="Julien Le Goff",
                job_role="Teacher of automotive maintenance",
                languages=("fr", "en"),
                email="teacher@example.org",
            ),
            Person(
                full_name="Nadia Benali",
                job_role="Professeure de logistique",
                languages=("fr", "en", "es"),
            ),
        ),
        innovation=Text(
            "fr",
            "L'innovation pédagogique, c'est faire de l'atelier un lieu de projets réels : "
            "les élèves réparent des véhicules de clients et préparent leurs stages à "
            "l'étranger avec leurs enseignants. Nous testons les nouvelles méthodes dans une "
            "classe avant de les étendre.",
        ),
        excellence=Text(
            "fr",
            "L'excellence en formation professionnelle, c'est permettre à chaque élève, "
            "quel que soit son parcours, d'obtenir un diplôme reconnu et un emploi, grâce "
            "à un lien étroit avec les entreprises du territoire nantais.",
        ),
    ),
    Partner(
        slug="revontuli",
        name="Revontuli Vocational College",
        org_type=OrganisationType.VET_SCHOOL,
        country="FI",
        city="Tampere",
        address="Ammattikoulunkatu 7\n33100 Tampere",
        erasmus_oid="E10539218",
        sectors=("061", "071", "091"),
        description=(
            "A multi-field vocational college in the Pirkanmaa region with about 4,000 "
            "students in ICT, robotics, electrical engineering and practical nursing. "
            "Learning is organised as personal study paths, with much of it taking place "
            "at workplaces."
        ),
        joined_on=datetime.date(2019, 9, 2),
        preferred_language="en",
        people=(
            Person(
                full_name="Aino Virtanen",
                job_role="International coordinator",
                languages=("fi", "en", "sv"),
                role=COORDINATOR,
                email="coordinator2@example.org",
            ),
            Person(
                full_name="Mikko Heikkinen",
                job_role="Teacher of ICT and robotics",
                languages=("fi", "en"),
            ),
            Person(
                full_name="Laura Nieminen",
                job_role="Teacher of practical nursing",
                languages=("fi", "en", "de"),
            ),
        ),
        innovation=Text(
            "en",
            "Pedagogical innovation means giving students real problems from working life "
            "and letting them build their own learning path, with teachers acting as "
            "coaches. We try new tools in small pilots and keep what works.",
        ),
        excellence=Text(
            "fi",
            "Ammatillisen koulutuksen huippuosaaminen tarkoittaa, että jokainen opiskelija "
            "saavuttaa työelämän edellyttämät taidot ja että koulutus kehittyy tiiviissä "
            "yhteistyössä alueen yritysten kanssa.",
        ),
    ),
    Partner(
        slug="bbz-elsteraue",
        name="Berufsbildungszentrum Elsteraue",
        org_type=OrganisationType.VET_SCHOOL,
        country="DE",
        city="Leipzig",
        address="Werkstättenweg 21\n04229 Leipzig",
        erasmus_oid="E10617304",
        sectors=("071", "072", "073"),
        description=(
            "A public vocational school centre training apprentices of the dual system in "
            "electrical engineering, metalworking and construction. Around 2,300 apprentices "
            "attend block courses here while working in companies of the Leipzig region."
        ),
        joined_on=datetime.date(2020, 1, 15),
        preferred_language="en",
        people=(
            Person(
                full_name="Katrin Schulze",
                job_role="Head of international projects",
                languages=("de", "en", "pl"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Thomas Richter",
                job_role="Teacher of electrical engineering",
                languages=("de", "en"),
            ),
            Person(
                full_name="Stefanie Wagner",
                job_role="Teacher of construction technology",
                languages=("de", "en", "fr"),
            ),
        ),
        innovation=Text(
            "de",
            "Pädagogische Innovation heißt für uns, den Unterricht konsequent an beruflichen "
            "Handlungssituationen auszurichten. Lernfelder werden in Projekten mit Betrieben "
            "aus der Region bearbeitet.",
        ),
        excellence=Text(
            "en",
            "Excellence in VET is when our graduates are the first choice of local employers "
            "and when our teachers regularly update their skills through placements in "
            "companies.",
        ),
    ),
    Partner(
        slug="mar-de-turia",
        name="Centro Integrado de Formación Profesional Mar de Turia",
        org_type=OrganisationType.VET_SCHOOL,
        country="ES",
        city="Valencia",
        address="Carrer dels Oficis 12\n46011 Valencia",
        erasmus_oid="E10855043",
        sectors=("101", "041", "091"),
        description=(
            "A public integrated VET centre offering intermediate and higher VET cycles in "
            "hospitality, tourism, business administration and health care. It works with "
            "more than 200 companies for the in-company training period."
        ),
        joined_on=datetime.date(2020, 3, 2),
        preferred_language="en",
        people=(
            Person(
                full_name="Lucía Martínez Soler",
                job_role="Coordinadora de proyectos europeos",
                languages=("es", "en", "fr"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Javier Navarro",
                job_role="Teacher of hospitality and catering",
                languages=("es", "en"),
            ),
            Person(
                full_name="Carmen Ruiz",
                job_role="Teacher of business administration",
                languages=("es", "en", "it"),
            ),
        ),
        innovation=Text(
            "es",
            "La innovación pedagógica consiste en transformar el aula en un espacio de retos "
            "reales: el alumnado trabaja por proyectos con empresas del sector turístico y "
            "evalúa su propio progreso.",
        ),
        excellence=Text(
            "en",
            "Excellence in VET means high-quality training that is inclusive, connected to "
            "the regional economy and open to Europe through mobility.",
        ),
    ),
    Partner(
        slug="fjallasyn",
        name="Fjallasýn Technical College",
        org_type=OrganisationType.VET_SCHOOL,
        country="IS",
        city="Akureyri",
        address="Hafnarstræti 90\n600 Akureyri",
        erasmus_oid="E10901467",
        sectors=("083", "071", "101"),
        description=(
            "A technical college in North Iceland teaching marine engineering, fisheries, "
            "metal trades and tourism. Small groups, modern simulators and close links with "
            "the fishing industry shape its programmes."
        ),
        joined_on=datetime.date(2021, 2, 1),
        preferred_language="en",
        people=(
            Person(
                full_name="Guðrún Sigurðardóttir",
                job_role="International officer",
                languages=("is", "en", "da"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Jón Einarsson",
                job_role="Teacher of marine engineering",
                languages=("is", "en", "no"),
            ),
        ),
        innovation=Text(
            "en",
            "We see pedagogical innovation as learning close to nature and industry: "
            "fisheries, marine engineering and tourism students work together on projects "
            "for companies in North Iceland.",
        ),
        excellence=Text(
            "is",
            "Framúrskarandi starfsmenntun byggir á sterkum tengslum við atvinnulífið og á "
            "því að nemendur þjálfi færni sína í raunverulegum verkefnum.",
        ),
    ),
    Partner(
        slug="colli-felsinei",
        name="Istituto Professionale Colli Felsinei",
        org_type=OrganisationType.VET_SCHOOL,
        country="IT",
        city="Bologna",
        address="Via dei Mestieri 5\n40128 Bologna",
        erasmus_oid="E11034852",
        sectors=("072", "101", "081"),
        description=(
            "Istituto professionale per l'enogastronomia e l'agricoltura con laboratori di "
            "trasformazione alimentare, cucina e sala. About 900 students, many of whom do "
            "their work-based learning in food companies of Emilia-Romagna."
        ),
        joined_on=datetime.date(2020, 9, 14),
        preferred_language="en",
        people=(
            Person(
                full_name="Giulia Romano",
                job_role="Referente per l'internazionalizzazione",
                languages=("it", "en", "fr"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Marco Ferri",
                job_role="Teacher of food processing",
                languages=("it", "en"),
            ),
            Person(
                full_name="Elena Conti",
                job_role="Teacher of food and wine culture",
                languages=("it", "en", "es"),
            ),
        ),
        innovation=Text(
            "it",
            "Per noi l'innovazione didattica è imparare facendo: laboratori di "
            "trasformazione alimentare aperti al territorio, in cui gli studenti progettano "
            "prodotti insieme alle aziende.",
        ),
        excellence=Text(
            "en",
            "Excellence in VET combines craft tradition with new technologies, so that "
            "students master both the Emilian food heritage and modern quality and safety "
            "standards.",
        ),
    ),
    Partner(
        slug="kempenlicht",
        name="Kempenlicht Mechatronics B.V.",
        org_type=OrganisationType.COMPANY,
        country="NL",
        city="Eindhoven",
        address="Lichtstraat 42\n5611 AB Eindhoven",
        erasmus_oid="E11178309",
        sectors=("071", "061"),
        description=(
            "A medium-sized manufacturer of precision mechatronic modules for the "
            "high-tech industry. Kempenlicht trains about 30 VET students a year in its "
            "own learning factory and hosts international interns."
        ),
        joined_on=datetime.date(2021, 6, 7),
        preferred_language="en",
        people=(
            Person(
                full_name="Sanne de Vries",
                job_role="Learning and development manager",
                languages=("nl", "en", "de"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Daan Jansen",
                job_role="Workplace trainer for mechatronics",
                languages=("nl", "en"),
            ),
        ),
        innovation=Text(
            "en",
            "Pedagogical innovation happens when students and engineers solve the same "
            "problem side by side. Our hybrid learning environment mixes school assignments "
            "with real customer projects.",
        ),
        excellence=Text(
            "nl",
            "Excellentie in het beroepsonderwijs betekent dat school en bedrijf samen "
            "verantwoordelijk zijn voor het leren, en dat studenten vaardigheden opdoen die "
            "over vijf jaar nog waardevol zijn.",
        ),
    ),
    Partner(
        slug="ponte-velha",
        name="Escola Profissional Ponte Velha",
        org_type=OrganisationType.VET_SCHOOL,
        country="PT",
        city="Braga",
        address="Rua das Oficinas 118\n4700-320 Braga",
        erasmus_oid="E11203945",
        sectors=("101", "041", "021"),
        description=(
            "A private vocational school offering three-year professional courses in "
            "tourism, multimedia, design and commerce. Every student completes a work "
            "placement, and about a quarter of them go abroad with Erasmus+."
        ),
        joined_on=datetime.date(2021, 10, 4),
        preferred_language="en",
        people=(
            Person(
                full_name="Ana Rita Ferreira",
                job_role="Coordenadora de projetos internacionais",
                languages=("pt", "en", "es"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Tiago Costa",
                job_role="Teacher of multimedia and design",
                languages=("pt", "en"),
            ),
            Person(
                full_name="Inês Almeida",
                job_role="Teacher of tourism",
                languages=("pt", "en", "fr"),
            ),
        ),
        innovation=Text(
            "en",
            "Pedagogical innovation is using digital tools and project-based learning so "
            "that every student builds a portfolio of real work before leaving school.",
        ),
        excellence=Text(
            "pt",
            "A excelência no ensino profissional significa formar profissionais competentes "
            "e cidadãos ativos, em estreita ligação com as empresas da região do Minho.",
        ),
    ),
    Partner(
        slug="hauts-fourneaux",
        name="Institut technique des Hauts-Fourneaux",
        org_type=OrganisationType.VET_SCHOOL,
        country="BE",
        city="Liège",
        address="Quai des Forges 33\n4020 Liège",
        erasmus_oid="E11367218",
        sectors=("071", "073", "052"),
        description=(
            "Établissement d'enseignement technique et professionnel en mécanique, soudure "
            "et construction durable. The school renovates real buildings with local "
            "contractors and trains adults in energy-efficient construction in the evening."
        ),
        joined_on=datetime.date(2022, 1, 10),
        preferred_language="fr",
        people=(
            Person(
                full_name="Sébastien Lambert",
                job_role="Coordinateur des relations internationales",
                languages=("fr", "en", "nl"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Amélie Dupont",
                job_role="Teacher of welding and metal construction",
                languages=("fr", "en", "de"),
            ),
        ),
        innovation=Text(
            "fr",
            "L'innovation pédagogique, c'est repenser l'atelier comme un lieu "
            "d'apprentissage collaboratif où les élèves rénovent des bâtiments réels avec "
            "des partenaires de la construction durable.",
        ),
        excellence=Text(
            "en",
            "Excellence in VET is when young people from every background find a "
            "qualification and a job they are proud of, in an industry moving towards a "
            "low-carbon economy.",
        ),
    ),
    Partner(
        slug="ckz-nad-warta",
        name="Centrum Kształcenia Zawodowego Nad Wartą",
        org_type=OrganisationType.VET_SCHOOL,
        country="PL",
        city="Poznań",
        address="ul. Rzemieślnicza 9\n61-001 Poznań",
        erasmus_oid="E11450683",
        sectors=("071", "061", "104"),
        description=(
            "A vocational training centre running technical programmes in logistics, IT and "
            "mechatronics, with practical training for several secondary schools of the "
            "city. Its logistics lab simulates a complete warehouse."
        ),
        joined_on=datetime.date(2022, 4, 25),
        preferred_language="en",
        people=(
            Person(
                full_name="Katarzyna Nowak",
                job_role="Erasmus+ project coordinator",
                languages=("pl", "en", "de"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Piotr Wiśniewski",
                job_role="Teacher of logistics",
                languages=("pl", "en", "de"),
            ),
            Person(
                full_name="Agnieszka Kowalczyk",
                job_role="Teacher of IT and networks",
                languages=("pl", "en"),
            ),
        ),
        innovation=Text(
            "pl",
            "Innowacja pedagogiczna to dla nas nauczanie oparte na symulacjach i pracy "
            "zespołowej: uczniowie zarządzają wirtualnym magazynem i rozwiązują prawdziwe "
            "problemy firm logistycznych.",
        ),
        excellence=Text(
            "en",
            "Excellence in VET means modern workshops, teachers who keep learning, and "
            "qualifications recognised by employers across Europe.",
        ),
    ),
    Partner(
        slug="cma-pilat-forez",
        name="Chambre de métiers et de l'artisanat Pilat-Forez",
        org_type=OrganisationType.CHAMBER,
        country="FR",
        city="Saint-Étienne",
        address="8 place de l'Artisanat\n42000 Saint-Étienne",
        erasmus_oid="E11592374",
        sectors=("101", "072", "041"),
        description=(
            "A chamber of crafts supporting 9,000 small craft businesses and running an "
            "apprenticeship training centre for bakers, butchers, hairdressers and "
            "mechanics. It organises short mobilities abroad for apprentices and their "
            "masters."
        ),
        joined_on=datetime.date(2020, 11, 16),
        preferred_language="fr",
        people=(
            Person(
                full_name="Isabelle Faure",
                job_role="Chargée de mission mobilité des apprentis",
                languages=("fr", "en", "it"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Nicolas Bonnet",
                job_role="Apprenticeship adviser",
                languages=("fr", "en"),
            ),
            Person(
                full_name="Sophie Roche",
                job_role="Formatrice en boulangerie-pâtisserie",
                languages=("fr",),
            ),
        ),
        innovation=Text(
            "fr",
            "Pour une chambre de métiers, l'innovation pédagogique consiste à rapprocher le "
            "centre de formation et l'entreprise artisanale : livret d'apprentissage "
            "numérique, tutorat renforcé et mobilités courtes pour les apprentis.",
        ),
        excellence=Text(
            "fr",
            "L'excellence dans la formation professionnelle, c'est la transmission d'un "
            "savoir-faire artisanal exigeant, reconnu par des diplômes et ouvert sur "
            "l'Europe.",
        ),
    ),
    Partner(
        slug="bjorkdalen",
        name="Björkdalens yrkesgymnasium",
        org_type=OrganisationType.VET_SCHOOL,
        country="SE",
        city="Umeå",
        address="Skogsvägen 3\n903 30 Umeå",
        erasmus_oid="E11629057",
        sectors=("082", "091", "092"),
        description=(
            "An upper-secondary vocational school with programmes in forestry, health and "
            "social care. Much of the teaching is blended so that students across a large, "
            "sparsely populated region can follow it while working."
        ),
        joined_on=datetime.date(2022, 8, 29),
        preferred_language="en",
        people=(
            Person(
                full_name="Karin Lindström",
                job_role="International coordinator",
                languages=("sv", "en", "fi"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Erik Johansson",
                job_role="Teacher of forestry",
                languages=("sv", "en", "no"),
            ),
            Person(
                full_name="Elin Berg",
                job_role="Teacher of health and social care",
                languages=("sv", "en"),
            ),
        ),
        innovation=Text(
            "en",
            "Pedagogical innovation for us is flexible learning: students in forestry and "
            "care work combine online theory with long periods of workplace learning.",
        ),
        excellence=Text(
            "sv",
            "Yrkesutbildning av hög kvalitet innebär att eleverna möter arbetslivet från "
            "första dagen och att lärarna regelbundet fortbildar sig i branschen.",
        ),
    ),
    Partner(
        slug="lee-valley-mobility",
        name="Lee Valley Mobility Bureau",
        org_type=OrganisationType.INTERMEDIARY,
        country="IE",
        city="Cork",
        address="Unit 4, Quayside Business Park\nCork T12 X000",
        erasmus_oid="E11784420",
        sectors=("011", "041"),
        description=(
            "A not-for-profit intermediary organisation that finds host companies for "
            "incoming VET learners, prepares them for their placement and follows them up. "
            "It has placed over 1,500 learners from 20 countries in Munster."
        ),
        joined_on=datetime.date(2021, 3, 22),
        preferred_language="en",
        people=(
            Person(
                full_name="Siobhán Murphy",
                job_role="Mobility programme manager",
                languages=("en", "ga", "fr"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Conor O'Sullivan",
                job_role="Placement officer",
                languages=("en", "es"),
            ),
        ),
        innovation=Text(
            "en",
            "As an intermediary, we see pedagogical innovation in how placements are "
            "prepared and followed up: clear learning agreements, mentoring by host "
            "companies and reflection sessions after return.",
        ),
        excellence=Text(
            "en",
            "Excellence in VET is the quality of the whole mobility chain, from matching a "
            "learner with the right company to recognising what they learned abroad.",
        ),
    ),
    Partner(
        slug="lehrwerkstaette-murauen",
        name="Lehrwerkstätte Murauen",
        org_type=OrganisationType.APPRENTICESHIP_CENTRE,
        country="AT",
        city="Graz",
        address="Murfeldgasse 17\n8041 Graz",
        erasmus_oid="E11836591",
        sectors=("071", "072"),
        description=(
            "An inter-company apprenticeship centre training metal technology and "
            "electrical engineering apprentices for small and medium-sized companies in "
            "Styria that cannot offer the whole training themselves."
        ),
        joined_on=datetime.date(2023, 2, 6),
        preferred_language="en",
        people=(
            Person(
                full_name="Michael Gruber",
                job_role="Head of the training workshop",
                languages=("de", "en", "sl"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Lena Huber",
                job_role="Trainer for metal technology",
                languages=("de", "en"),
            ),
            Person(
                full_name="Florian Steiner",
                job_role="Trainer for electrical engineering",
                languages=("de", "en", "hr"),
            ),
        ),
        innovation=Text(
            "de",
            "Pädagogische Innovation bedeutet bei uns, dass Lehrlinge in gemischten Teams an "
            "Kundenaufträgen arbeiten und ihre Fortschritte in einem digitalen "
            "Ausbildungsheft dokumentieren.",
        ),
        excellence=Text(
            "en",
            "Excellence means that apprentices finish with strong practical skills, pass "
            "their final examination at the first attempt and want to stay in their trade.",
        ),
    ),
    Partner(
        slug="neckarblick",
        name="Neckarblick Fahrzeugtechnik GmbH",
        org_type=OrganisationType.COMPANY,
        country="DE",
        city="Stuttgart",
        address="Werkstraße 58\n70327 Stuttgart",
        erasmus_oid="E10722586",
        sectors=("071", "104"),
        description=(
            "A family-owned company servicing and converting commercial vehicles, with 180 "
            "employees and 24 apprentices in automotive mechatronics. Its apprentices spend "
            "three weeks in a partner company abroad during their training."
        ),
        joined_on=datetime.date(2023, 5, 15),
        preferred_language="en",
        people=(
            Person(
                full_name="Markus Baumann",
                job_role="Head of apprenticeship training",
                languages=("de", "en"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Julia Hoffmann",
                job_role="Trainer for automotive mechatronics",
                languages=("de", "en", "it"),
            ),
        ),
        innovation=Text(
            "en",
            "For a training company, pedagogical innovation means that apprentices learn on "
            "the newest vehicles and diagnostic systems, not only on training rigs. We "
            "co-design learning tasks with the vocational schools our apprentices attend.",
        ),
        excellence=Text(
            "de",
            "Exzellenz in der Berufsbildung bedeutet, dass Betrieb und Berufsschule als "
            "echte Partner zusammenarbeiten und Auszubildende früh Verantwortung übernehmen.",
        ),
    ),
    Partner(
        slug="dravski-breg",
        name="Srednja poklicna šola Dravski breg",
        org_type=OrganisationType.VET_SCHOOL,
        country="SI",
        city="Maribor",
        address="Obrtniška ulica 11\n2000 Maribor",
        erasmus_oid="E11967302",
        sectors=("072", "101", "081"),
        description=(
            "A vocational and technical secondary school teaching mechanical engineering, "
            "food processing, hospitality and horticulture. Teachers of different subjects "
            "plan interdisciplinary projects together each term."
        ),
        joined_on=datetime.date(2024, 1, 8),
        preferred_language="en",
        people=(
            Person(
                full_name="Maja Novak",
                job_role="International projects coordinator",
                languages=("sl", "en", "de", "hr"),
                role=COORDINATOR,
            ),
            Person(
                full_name="Luka Kranjc",
                job_role="Teacher of mechanical engineering",
                languages=("sl", "en", "de"),
            ),
        ),
        innovation=Text(
            "en",
            "Pedagogical innovation is when teachers of different subjects plan together, "
            "so that a student's project in the workshop is also used in language and ICT "
            "lessons.",
        ),
        excellence=Text(
            "sl",
            "Odličnost v poklicnem izobraževanju pomeni, da dijaki pridobijo znanja, ki jih "
            "potrebujejo delodajalci, in da šola s podjetji sodeluje pri razvoju novih "
            "programov.",
        ),
    ),
)

# The network's common definitions, written by the editor.
COMMON_DEFINITIONS: dict[str, Text] = {
    INNOVATION: Text(
        "en",
        "In the MobInnov network, pedagogical innovation is any new or significantly "
        "improved way of teaching, learning or assessing that is tried out in practice, "
        "evaluated with learners and employers, and shared so that other partners can "
        "adapt it. It often grows out of mobility: staff and learners bring back ideas "
        "from a partner abroad.",
    ),
    EXCELLENCE: Text(
        "en",
        "Excellence in VET, as the network understands it, means training that is "
        "relevant to employers and learners, inclusive of people of all backgrounds, and "
        "built on close cooperation between schools, companies and regions, in the spirit "
        "of the European Centres of Vocational Excellence. It is not a label but a "
        "continuous improvement that partners pursue together.",
    ),
}


def demo_logins() -> list[tuple[str, str]]:
    """The five demo logins to print: (e-mail, what the person may do)."""
    first, second = PARTNERS[0], PARTNERS[1]
    teacher = next(person for person in first.people if person.email == "teacher@example.org")
    return [
        (ADMIN.email, "Network admin, technical admin (/technical-admin/)"),
        (EDITOR.email, "Editor of the framework and common definitions"),
        (first.email_of(first.coordinator), f"Coordinator of {first.name}"),
        (first.email_of(teacher), f"Staff of {first.name}"),
        (second.email_of(second.coordinator), f"Coordinator of {second.name}"),
    ]


NAMED_LOGINS = frozenset(email for email, _role in demo_logins())


def _check_data() -> None:
    """Refuse demo data whose natural keys collide (a typo in the tuples above)."""
    slugs = [partner.slug for partner in PARTNERS]
    oids = [partner.erasmus_oid for partner in PARTNERS]
    emails = [ADMIN.email, EDITOR.email] + [
        partner.email_of(person) for partner in PARTNERS for person in partner.people
    ]
    for label, keys in (("slug", slugs), ("Erasmus+ OID", oids), ("e-mail", emails)):
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise DemoDataError(f"Demo data: duplicate {label}: {', '.join(duplicates)}")
    languages = {code for person in (ADMIN, EDITOR) for code in person.languages}
    for partner in PARTNERS:
        languages |= {partner.innovation.language, partner.excellence.language}
        languages |= {code for person in partner.people for code in person.languages}
        if not any(person.role == COORDINATOR for person in partner.people):
            raise DemoDataError(f"Demo data: {partner.slug!r} has no coordinator.")
    unknown = sorted(languages - WORKING_LANGUAGE_CODES)
    if unknown:
        raise DemoDataError(f"Demo data: unknown language codes: {', '.join(unknown)}")
    countries = {partner.country for partner in PARTNERS}
    if PARTNERS[0].country != "FR" or PARTNERS[1].country == PARTNERS[0].country:
        raise DemoDataError("Demo data: the first partner is French, the second is not.")
    if len(countries) < 9:
        raise DemoDataError("Demo data: the partners should come from at least 9 countries.")


def _coordinates(partner: Partner) -> tuple[float, float]:
    """The partner's city coordinates from the gazetteer; a missing city is an error."""
    city = locate(partner.country, partner.city)
    if city is None:
        raise DemoDataError(
            f"Demo data: the gazetteer does not know {partner.city!r} in {partner.country} "
            f"(partner {partner.slug!r})."
        )
    return city.latitude, city.longitude


class _Loader:
    """One run of :func:`load_demo`: counts what it creates and updates."""

    KINDS = ("organisations", "users", "memberships", "definitions")

    def __init__(self, stdout: Writer | None) -> None:
        self.stdout = stdout
        self.counts: dict[str, dict[str, int]] = {
            kind: {"created": 0, "updated": 0, "unchanged": 0} for kind in self.KINDS
        }
        self._password_hash = ""

    def note(self, kind: str, outcome: str, label: str) -> None:
        """Count one object and, when asked for, say what happened to it."""
        self.counts[kind][outcome] += 1
        if self.stdout is not None and outcome != "unchanged":
            self.stdout.write(f"{outcome.capitalize()} {kind[:-1]}: {label}\n")

    def password_hash(self) -> str:
        """The hash of DEMO_PASSWORD, computed once: hashing is slow on purpose."""
        if not self._password_hash:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    def user(self, person: Person, email: str, preferred_language: str) -> User:
        """Create or update the account of ``person``."""
        wanted: dict[str, Any] = {
            "full_name": person.full_name,
            "job_role": person.job_role,
            "languages_spoken": list(person.languages),
            "preferred_language": preferred_language,
            "is_active": True,
            **NETWORK_FLAGS.get(email, {}),
        }
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, password=self.password_hash(), **wanted)
            user.full_clean()
            user.save()
            self.note("users", "created", email)
            return user
        changed = [name for name, value in wanted.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, wanted[name])
        # The printed logins must always work, whatever someone did to them.
        if email in NAMED_LOGINS and not user.check_password(DEMO_PASSWORD):
            user.password = self.password_hash()
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
            self.note("users", "updated", f"{email} ({', '.join(changed)})")
        else:
            self.note("users", "unchanged", email)
        return user

    def membership(self, user: User, organisation: Organisation, role: str) -> None:
        """Make ``user`` a member of ``organisation`` with ``role``."""
        membership = Membership.objects.filter(user=user, organisation=organisation).first()
        label = f"{user.email} in {organisation.slug} ({role})"
        if membership is None:
            Membership.objects.create(user=user, organisation=organisation, role=role)
            self.note("memberships", "created", label)
        elif membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
            self.note("memberships", "updated", label)
        else:
            self.note("memberships", "unchanged", label)

    def organisation(self, partner: Partner, coordinates: tuple[float, float]) -> Organisation:
        """Create or update the organisation of ``partner`` (found by its slug)."""
        coordinator = partner.coordinator
        profile: dict[str, Any] = {
            "name": partner.name,
            "org_type": str(partner.org_type),
            "country": partner.country,
            "city": partner.city,
            "latitude": coordinates[0],
            "longitude": coordinates[1],
            "address": partner.address,
            "website": partner.website_url,
            "erasmus_oid": partner.erasmus_oid,
            "description": partner.description,
            "contact_name": coordinator.full_name,
            "contact_email": partner.email_of(coordinator),
        }
        sectors = list(Sector.objects.filter(code__in=partner.sectors))
        if len(sectors) != len(set(partner.sectors)):
            missing = set(partner.sectors) - {sector.code for sector in sectors}
            raise DemoDataError(
                f"Demo data: unknown sector codes {sorted(missing)} for {partner.slug!r} "
                "(are the migrations applied?)."
            )
        organisation = Organisation.objects.filter(slug=partner.slug).first()
        if organisation is None:
            organisation = organisation_create(
                data={**profile, "slug": partner.slug}, sectors=sectors
            )
            organisation.joined_on = partner.joined_on
            organisation.save(update_fields=["joined_on", "updated_at"])
            self.note("organisations", "created", partner.name)
            return organisation

        changes = {
            name: value for name, value in profile.items() if getattr(organisation, name) != value
        }
        if set(organisation.sectors.values_list("code", flat=True)) != set(partner.sectors):
            changes["sectors"] = sectors
        if changes:
            organisation = organisation_update(
                organisation=organisation,
                cleaned_data=changes,
                expected_version=organisation.version,
            )
        extra = {"is_active": True, "joined_on": partner.joined_on}
        extra_changed = [
            name for name, value in extra.items() if getattr(organisation, name) != value
        ]
        if extra_changed:
            for name in extra_changed:
                setattr(organisation, name, extra[name])
            organisation.save(update_fields=[*extra_changed, "updated_at"])
        if changes or extra_changed:
            self.note(
                "organisations",
                "updated",
                f"{partner.name} ({', '.join([*changes, *extra_changed])})",
            )
        else:
            self.note("organisations", "unchanged", partner.name)
        return organisation

    def definition(
        self, organisation: Organisation | None, topic: str, text: Text, author: User
    ) -> None:
        """Save ``text`` as the definition of ``topic``; a new version only if it changed."""
        wanted = text.text.strip()
        owner = organisation.slug if organisation else "network"
        label = f"{owner}: {topic}"
        current = Definition.objects.filter(organisation=organisation, topic=topic).first()
        if current is not None and current.text == wanted and current.language == text.language:
            self.note("definitions", "unchanged", label)
            return
        definition_save(
            organisation=organisation,
            topic=topic,
            text=wanted,
            language=text.language,
            author=author,
            expected_version=None if current is None else current.version,
        )
        self.note("definitions", "created" if current is None else "updated", label)


def load_demo(*, stdout: Writer | None = None) -> dict[str, dict[str, int]]:
    """Create or update the demo network; running it again creates nothing new.

    Writes one line per created or updated object to ``stdout`` when given.
    Returns ``{"organisations" | "users" | "memberships" | "definitions":
    {"created": n, "updated": n, "unchanged": n}}``. Raises
    :class:`DemoDataError` (and changes nothing) when the data cannot be loaded.
    """
    _check_data()
    coordinates = {partner.slug: _coordinates(partner) for partner in PARTNERS}
    loader = _Loader(stdout)
    with transaction.atomic():
        loader.user(ADMIN, ADMIN.email, "en")
        editor = loader.user(EDITOR, EDITOR.email, "en")
        for partner in PARTNERS:
            organisation = loader.organisation(partner, coordinates[partner.slug])
            users: dict[str, User] = {}
            for person in partner.people:
                email = partner.email_of(person)
                users[email] = loader.user(person, email, partner.preferred_language)
                loader.membership(users[email], organisation, person.role)
            author = users[partner.email_of(partner.coordinator)]
            loader.definition(organisation, INNOVATION, partner.innovation, author)
            loader.definition(organisation, EXCELLENCE, partner.excellence, author)
        for topic, text in COMMON_DEFINITIONS.items():
            loader.definition(None, topic, text, editor)
    return loader.counts


__all__: list[str] = [
    "DEMO_PASSWORD",
    "DEMO_URL",
    "PARTNERS",
    "DemoDataError",
    "demo_logins",
    "load_demo",
]
