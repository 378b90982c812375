"""Who may see and change offers, needs, rounds, mobilities and budgets.

Personal data (a need's person and accessibility needs, a mobility's
participant) is visible only to the person, the coordinators of the sending
and receiving organisations, and admins."""

from typing import Any

from mobinnov.core.permissions import (
    PUBLIC_ACTIONS,
    coordinated_organisation_ids,
    is_admin,
    is_coordinator,
    is_member,
    rule,
)


@rule("mobility.offer.create")
def create_offer(user: Any, organisation: Any) -> bool:
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("mobility.offer.edit")
def edit_offer(user: Any, offer: Any) -> bool:
    return is_admin(user) or is_coordinator(user, offer.organisation_id)


@rule("mobility.offer.view")
def view_offer(user: Any, offer: Any) -> bool:
    """Open offers are public; drafts and closed ones stay with the host."""
    if offer.status == "open":
        return True
    return bool(user.is_authenticated) and (
        is_admin(user) or is_member(user, offer.organisation_id)
    )


PUBLIC_ACTIONS.add("mobility.offer.view")


@rule("mobility.need.create")
def create_need(user: Any, organisation: Any) -> bool:
    """Staff record their own needs; coordinators record them for their staff."""
    return is_admin(user) or is_member(user, organisation.pk)


@rule("mobility.need.create_for_others")
def create_need_for_others(user: Any, organisation: Any) -> bool:
    return is_admin(user) or is_coordinator(user, organisation.pk)


def _host_of_proposal(user: Any, need: Any) -> bool:
    organisations = coordinated_organisation_ids(user)
    return (
        bool(organisations)
        and need.proposals.filter(offer__organisation_id__in=organisations)
        .exclude(status__in=["superseded", "declined"])
        .exists()
    )


@rule("mobility.need.view")
def view_need(user: Any, need: Any) -> bool:
    return (
        is_admin(user)
        or need.person_id == user.pk
        or is_coordinator(user, need.organisation_id)
        or _host_of_proposal(user, need)
    )


@rule("mobility.need.edit")
def edit_need(user: Any, need: Any) -> bool:
    if need.status in ("matched", "withdrawn"):
        return False
    if is_admin(user) or is_coordinator(user, need.organisation_id):
        return True
    return need.person_id == user.pk and need.status in ("draft", "submitted")


@rule("mobility.need.endorse")
def endorse_need(user: Any, need: Any) -> bool:
    return is_admin(user) or is_coordinator(user, need.organisation_id)


@rule("mobility.need.withdraw")
def withdraw_need(user: Any, need: Any) -> bool:
    """The person, and those who endorse it."""
    return need.person_id == user.pk or endorse_need(user, need)


@rule("mobility.round.create")
def create_round(user: Any, organisation: Any) -> bool:
    """Admins open network rounds (organisation None); coordinators their own."""
    if organisation is None:
        return is_admin(user)
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("mobility.round.manage")
def manage_round(user: Any, round_: Any) -> bool:
    if round_.organisation_id is None:
        return is_admin(user)
    return is_admin(user) or is_coordinator(user, round_.organisation_id)


@rule("mobility.round.view")
def view_round(user: Any, round_: Any) -> bool:
    """Network rounds: every coordinator (they see the proposals of their own
    organisation only); an organisation's round: its coordinators and the
    coordinators of hosts with a live proposal in it."""
    if is_admin(user):
        return True
    if round_.organisation_id is None:
        return bool(coordinated_organisation_ids(user))
    if is_coordinator(user, round_.organisation_id):
        return True
    # Hosts of a live proposal decide on it, so they open the round too.
    hosts = coordinated_organisation_ids(user)
    return (
        bool(hosts)
        and round_.proposals.exclude(status="superseded")
        .filter(offer__organisation_id__in=hosts)
        .exists()
    )


@rule("mobility.round.see_all_proposals")
def see_all_proposals(user: Any, round_: Any) -> bool:
    return manage_round(user, round_)


@rule("mobility.create")
def create_mobility(user: Any, organisation: Any) -> bool:
    """Coordinators book mobilities for their own staff."""
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("mobility.view")
def view_mobility(user: Any, mobility: Any) -> bool:
    return (
        is_admin(user)
        or mobility.participant_id == user.pk
        or is_coordinator(user, mobility.sending_organisation_id)
        or is_coordinator(user, mobility.receiving_organisation_id)
    )


@rule("mobility.edit")
def edit_mobility(user: Any, mobility: Any) -> bool:
    """Both coordinators keep the record (dates, programme, travel)."""
    return (
        is_admin(user)
        or is_coordinator(user, mobility.sending_organisation_id)
        or is_coordinator(user, mobility.receiving_organisation_id)
    )


@rule("mobility.agreement.edit")
def edit_agreement(user: Any, agreement: Any) -> bool:
    """The participant and both coordinators write the agreement."""
    return view_mobility(user, agreement.mobility)


@rule("mobility.organisation_budget")
def organisation_budget(user: Any, organisation: Any) -> bool:
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("mobility.network_budget")
def network_budget(user: Any, obj: Any) -> bool:
    return is_admin(user)


@rule("mobility.ledger.view")
def view_ledger(user: Any, obj: Any) -> bool:
    """Counts of exchanges between partners (no names): any signed-in member."""
    return bool(user.is_authenticated)


@rule("mobility.rates.edit")
def edit_rates(user: Any, obj: Any) -> bool:
    return is_admin(user)
