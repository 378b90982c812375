"""Inclusion tags other pages use:

- ``{% transferred_to practice %}``: the partners where a practice was put in
  place (piloting stage or beyond), under an h2 "Already transferred to";
- ``{% transfer_map %}``: the transfer map with its table, under an h2
  "How practices travelled".

Each renders nothing when there is nothing to show, and asks the database
once."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("impact/records/_transferred_to.html")
def transferred_to(practice: Any) -> dict[str, Any]:
    from mobinnov.impact.views_records import transferred_organisations

    return {"organisations": transferred_organisations(practice) if practice else []}


@register.inclusion_tag("impact/records/_transfer_map.html")
def transfer_map(heading: bool = True) -> dict[str, Any]:
    from mobinnov.impact.views_records import transfer_context, transfer_flows

    flows = transfer_flows()
    if not flows:
        return {"flows": [], "heading": heading}
    return {**transfer_context(flows, id_prefix="network-transfer-map"), "heading": heading}
