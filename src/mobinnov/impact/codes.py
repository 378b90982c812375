"""Stable codes of the shipped item bank (impact/data/instruments.json).

Dashboards, reports and the demo refer to items through these constants,
never through literal strings; a test checks that the data file uses exactly
these codes, constructs, kinds and choice values. Where possible, select
items by construct and level (an editor may add items to a construct)."""

from __future__ import annotations

# --- constructs (Item.construct) ----------------------------------------------------

CONSTRUCT_COMPETENCE = "competence"
CONSTRUCT_EXPECTATIONS = "expectations"
CONSTRUCT_LEARNING_GOALS = "learning_goals"
CONSTRUCT_REACTION = "reaction"
CONSTRUCT_TEACHING_ASSIGNMENT = "teaching_assignment"
CONSTRUCT_CONFIDENCE = "confidence"
CONSTRUCT_COMMITMENT = "commitment"
CONSTRUCT_ACTION_PLAN = "action_plan"
CONSTRUCT_APPLICATION = "application"
CONSTRUCT_DISSEMINATION = "dissemination"
CONSTRUCT_TRANSFER_CLIMATE = "transfer_climate"
CONSTRUCT_ADOPTION = "adoption"
CONSTRUCT_CURRICULUM = "curriculum"
CONSTRUCT_PARTNERSHIP = "partnership"
CONSTRUCT_MSC = "msc"
CONSTRUCT_HOST = "host"

# --- T0 and T1: competences (one row per competence of the agreement) ----------------

COMPETENCE = "competence-level"
COMPETENCE_ITEM = COMPETENCE  # the name the dashboards brief uses

# --- T0 ------------------------------------------------------------------------------

EXPECTATIONS = "t0-expectations"
LEARNING_GOALS = "t0-learning-goals"

# --- T1: reaction (Likert 1-5, Kirkpatrick level 1) ---------------------------------

RELEVANCE = "t1-relevance"
ENGAGEMENT = "t1-engagement"
ORGANISATION = "t1-organisation"
HOST_SUPPORT = "t1-host-support"
RECOMMEND = "t1-recommend"
REACTION_ITEMS = (RELEVANCE, ENGAGEMENT, ORGANISATION, HOST_SUPPORT, RECOMMEND)
# Asked only after teaching or training assignments (condition SM-TTA); not a
# reaction score of every participant, so not in REACTION_ITEMS.
TEACHING_ASSIGNMENT = "t1-teaching-assignment"

# --- T1: learning (level 2) -----------------------------------------------------------

CONFIDENCE = "t1-confidence"
COMMITMENT = "t1-commitment"
ACTION_PLAN = "t1-action-plan"

# --- T2: application and dissemination (level 3) ------------------------------------

USE_FREQUENCY = "t2-use-frequency"
# Choice values, in order from least to most use.
USE_FREQUENCY_VALUES = ("never", "once", "2-5", "regularly")
CONCRETE_CHANGE = "t2-concrete-change"
EVIDENCE = "t2-evidence"
DISSEMINATION_CHANNELS = "t2-dissemination"
DISSEMINATION = DISSEMINATION_CHANNELS  # the name the dashboards brief uses
CHANNEL_VALUES = (
    "informal-talk",
    "team-meeting",
    "internal-workshop",
    "written-report",
    "co-teaching",
    "social-media",
)
COLLEAGUES_REACHED = "t2-colleagues-reached"

# --- T2: transfer climate (Likert 1-5) -------------------------------------------------

MANAGER_SUPPORT = "t2-manager-support"
OPPORTUNITY_TO_USE = "t2-opportunity"
COLLEAGUES_OPENNESS = "t2-colleagues-openness"
LACK_OF_RESOURCES = "t2-lack-resources"
TRANSFER_CLIMATE_ITEMS = (
    MANAGER_SUPPORT,
    OPPORTUNITY_TO_USE,
    COLLEAGUES_OPENNESS,
    LACK_OF_RESOURCES,
)
# Barriers: agreeing is unfavourable (reverse them before averaging with others).
REVERSED_ITEMS = (LACK_OF_RESOURCES,)

# --- T3: organisational results (level 4) -------------------------------------------

ADOPTION_SCOPE = "t3-adoption-scope"
ADOPTION = ADOPTION_SCOPE  # the name the dashboards brief uses
# The same values as ImplementationRecord.Scope, plus "none".
ADOPTION_VALUES = ("none", "class", "department", "organisation")
CURRICULUM_CHANGE = "t3-curriculum-change"
CURRICULUM_CHANGE_VALUES = ("yes", "no")
CURRICULUM_CHANGE_DETAILS = "t3-curriculum-change-details"
PARTNERSHIPS = "t3-partnerships"
PARTNERSHIP_VALUES = ("none", "stronger", "new", "both")
MSC = "t3-msc"

# --- host feedback -------------------------------------------------------------------

HOST_VISITOR_PREPARED = "host-visitor-prepared"
HOST_USEFUL_FOR_STAFF = "host-useful-for-staff"
HOST_WOULD_HOST_AGAIN = "host-would-host-again"
HOST_ITEMS = (HOST_VISITOR_PREPARED, HOST_USEFUL_FOR_STAFF, HOST_WOULD_HOST_AGAIN)
HOST_LEARNED = "host-learned"

# Every code of the shipped bank (the data test compares it with the file).
ALL_ITEMS = (
    COMPETENCE,
    EXPECTATIONS,
    LEARNING_GOALS,
    *REACTION_ITEMS,
    TEACHING_ASSIGNMENT,
    CONFIDENCE,
    COMMITMENT,
    ACTION_PLAN,
    USE_FREQUENCY,
    CONCRETE_CHANGE,
    EVIDENCE,
    DISSEMINATION_CHANNELS,
    COLLEAGUES_REACHED,
    *TRANSFER_CLIMATE_ITEMS,
    ADOPTION_SCOPE,
    CURRICULUM_CHANGE,
    CURRICULUM_CHANGE_DETAILS,
    PARTNERSHIPS,
    MSC,
    *HOST_ITEMS,
    HOST_LEARNED,
)
