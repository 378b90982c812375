"""Who may see and change evaluation data.

Answers are personal data: individually visible only to the respondent, the
coordinators of the participant's (sending) organisation and admins;
everything else is aggregated with a threshold of 5 respondents."""

from typing import Any

from mobinnov.core.permissions import (
    PUBLIC_ACTIONS,
    coordinated_organisation_ids,
    is_admin,
    is_coordinator,
    is_editor,
    rule,
)


@rule("impact.view_answers")
def view_answers(user: Any, invitation: Any) -> bool:
    """One invitation's answers."""
    return (
        is_admin(user)
        or (invitation.respondent_id is not None and invitation.respondent_id == user.pk)
        or is_coordinator(user, invitation.mobility.sending_organisation_id)
    )


@rule("impact.manage_invitations")
def manage_invitations(user: Any, mobility: Any) -> bool:
    """See invitation statuses of a mobility and resend."""
    return is_admin(user) or is_coordinator(user, mobility.sending_organisation_id)


@rule("impact.organisation_dashboard")
def organisation_dashboard(user: Any, organisation: Any) -> bool:
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("impact.network_dashboard")
def network_dashboard(user: Any, obj: Any) -> bool:
    return is_admin(user) or is_editor(user)


@rule("impact.public_summary")
def public_summary(user: Any, obj: Any) -> bool:
    return True


PUBLIC_ACTIONS.add("impact.public_summary")


@rule("impact.record_implementation")
def record_implementation(user: Any, mobility: Any) -> bool:
    """The participant and the sending coordinators record what was put in place."""
    return (
        is_admin(user)
        or mobility.participant_id == user.pk
        or is_coordinator(user, mobility.sending_organisation_id)
    )


@rule("impact.edit_implementation")
def edit_implementation(user: Any, record: Any) -> bool:
    return record_implementation(user, record.mobility)


@rule("impact.feedback_action")
def feedback_action(user: Any, organisation: Any) -> bool:
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("impact.edit_instruments")
def edit_instruments(user: Any, obj: Any) -> bool:
    return is_editor(user)


@rule("impact.select_story")
def select_story(user: Any, organisation: Any) -> bool:
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("impact.any_dashboard")
def any_dashboard(user: Any, obj: Any) -> bool:
    return is_editor(user) or bool(coordinated_organisation_ids(user))


@rule("impact.edit_schedule")
def edit_schedule(user: Any, obj: Any) -> bool:
    """The network's evaluation calendar and reminders: admins."""
    return is_admin(user)
