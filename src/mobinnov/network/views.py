from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from mobinnov.accounts.forms import InvitationForm
from mobinnov.accounts.models import Invitation, User, signed_in_user
from mobinnov.accounts.services import (
    invitation_create,
    invitation_revoke,
    user_set_network_roles,
)
from mobinnov.core.concurrency import EditConflict, rebase_form
from mobinnov.core.pagination import paginate
from mobinnov.core.permissions import can, require
from mobinnov.core.worldmap import render_partner_map
from mobinnov.network import selectors, services
from mobinnov.network.forms import (
    ApplicationDecisionForm,
    MembershipRoleForm,
    OrganisationForm,
    PartnerApplicationForm,
    PartnerFilterForm,
)
from mobinnov.network.models import Membership, Organisation, PartnerApplication

PARTNERS_PER_PAGE = 24


@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    facets = selectors.directory_facets()
    form = PartnerFilterForm(
        request.GET or None, country_codes=facets["countries"], sector_codes=facets["sectors"]
    )
    # An invalid value (a stale country in a shared link) drops that filter only.
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    partners = selectors.partner_directory(
        q=filters.get("q", ""),
        country=filters.get("country", ""),
        org_type=filters.get("org_type", ""),
        sector=filters.get("sector", ""),
    )
    page = paginate(request, partners, PARTNERS_PER_PAGE)
    points = selectors.map_points(partners)
    partner_map = render_partner_map(
        points,
        title=_("Map of the partners"),
        description=selectors.map_description(len(points)),
    )
    return render(
        request,
        "network/partner_list.html",
        {
            "form": form,
            "page": page,
            "partner_map": mark_safe(partner_map),
            "filtered": any(filters.values()),
        },
    )


@require_GET
def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.prefetch_related("sectors"), slug=slug, is_active=True
    )
    context = {
        "organisation": organisation,
        "may_edit": can(request.user, "organisation.edit", organisation),
        "may_view_members": can(request.user, "organisation.view_members", organisation),
        "definitions": organisation.definitions.all(),
    }
    if organisation.has_coordinates:
        context["partner_map"] = mark_safe(
            render_partner_map(
                selectors.map_points(Organisation.objects.filter(pk=organisation.pk)),
                title=_("Location of %(name)s") % {"name": organisation.name},
                description=f"{organisation.city}, {organisation.country.name}",
                width=400,
            )
        )
    return render(request, "network/partner_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    require(request.user, "organisation.edit", organisation)
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=organisation)
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation,
                    cleaned_data=form.cleaned_data,
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict:
                rebase_form(form, Organisation.objects.get(pk=organisation.pk).version)
            else:
                messages.success(request, _("The profile is saved."))
                return redirect(organisation)
    else:
        form = OrganisationForm(instance=organisation)
    return render(
        request, "network/partner_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_members(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    require(request.user, "organisation.view_members", organisation)
    may_manage = can(request.user, "organisation.manage_members", organisation)
    form = InvitationForm()
    if request.method == "POST":
        require(request.user, "organisation.manage_members", organisation)
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation_create(
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    full_name=form.cleaned_data["full_name"],
                    invited_by=signed_in_user(request),
                    language=get_language(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("An invitation has been sent to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("network:partner_members", slug=organisation.slug)
    invitations = (
        organisation.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("invited_by")
        if may_manage
        else Invitation.objects.none()
    )
    return render(
        request,
        "network/partner_members.html",
        {
            "organisation": organisation,
            "members": selectors.organisation_members(organisation),
            "invitations": [i for i in invitations if i.is_open],
            "form": form,
            "may_manage": may_manage,
            "role_choices": Membership.Role.choices,
        },
    )


@login_required
@require_POST
def membership_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    require(request.user, "organisation.manage_members", organisation)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    try:
        if request.POST.get("action") == "remove":
            services.membership_remove(membership=membership)
            messages.success(
                request, _("%(person)s is no longer a member.") % {"person": membership.user}
            )
        else:
            form = MembershipRoleForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose a valid role."))
            else:
                services.membership_change_role(
                    membership=membership, role=form.cleaned_data["role"]
                )
                messages.success(
                    request, _("The role of %(person)s is changed.") % {"person": membership.user}
                )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("network:partner_members", slug=organisation.slug)


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    require(request.user, "organisation.manage_members", organisation)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email}
    )
    return redirect("network:partner_members", slug=organisation.slug)


@ratelimit(key="ip", rate="mobinnov.network.views.join_rate", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """The public application form."""
    if request.method == "POST":
        form = PartnerApplicationForm(request.POST)
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Too many applications were sent from your address in the last hour. "
                    "Your answers are kept below: please try again later."
                ),
            )
            return render(request, "network/join.html", {"form": form}, status=429)
        if form.is_spam():
            # Pretend all went well: a bot must learn nothing from the answer.
            return redirect("network:join_thanks")
        if form.is_valid():
            services.application_submit(
                cleaned_data=dict(form.cleaned_data), language=get_language()
            )
            return redirect("network:join_thanks")
    else:
        form = PartnerApplicationForm()
    return render(request, "network/join.html", {"form": form})


def join_rate(group: str, request: HttpRequest) -> str:
    from django.conf import settings

    return settings.JOIN_RATE


@require_GET
def join_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "network/join_thanks.html")


@login_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.manage")
    status = request.GET.get("status", PartnerApplication.Status.PENDING)
    if status not in PartnerApplication.Status.values and status != "all":
        status = PartnerApplication.Status.PENDING
    page = paginate(request, selectors.application_queue("" if status == "all" else status))
    return render(
        request,
        "network/application_list.html",
        {
            "page": page,
            "status": status,
            "counts": selectors.application_counts(),
            "statuses": PartnerApplication.Status.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "network.manage")
    application = get_object_or_404(
        PartnerApplication.objects.prefetch_related("sectors").select_related(
            "decided_by", "organisation"
        ),
        pk=pk,
    )
    form = ApplicationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                organisation = services.application_accept(
                    application=application,
                    actor=signed_in_user(request),
                    message=form.cleaned_data["message"],
                )
                messages.success(
                    request,
                    _("%(name)s is now a partner; its contact has been invited as coordinator.")
                    % {"name": organisation.name},
                )
            else:
                services.application_decline(
                    application=application,
                    actor=signed_in_user(request),
                    message=form.cleaned_data["message"],
                )
                messages.success(
                    request, _("The application is declined; the applicant has been told.")
                )
            return redirect("network:application_list")
        except ValidationError as error:
            # Typically decided meanwhile by another admin: the page shows the outcome.
            messages.error(request, " ".join(error.messages))
            return redirect(application)
    return render(
        request, "network/application_detail.html", {"application": application, "form": form}
    )


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    require(request.user, "network.manage")
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    model = request.GET.get("model", "")
    if model:
        entries = entries.filter(content_type__model=model)
    models = sorted(
        set(
            LogEntry.objects.values_list(
                "content_type__app_label", "content_type__model"
            ).distinct()
        ),
        key=lambda pair: pair[1],
    )
    return render(
        request,
        "network/audit_log.html",
        {"page": paginate(request, entries, 50), "model": model, "models": models},
    )


@login_required
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    """Admins grant and withdraw the network roles (editor, network admin)."""
    require(request.user, "network.manage")
    q = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "network/people.html",
        {"page": paginate(request, selectors.people_directory(q), 50), "q": q},
    )


@login_required
@require_POST
def person_roles(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "network.manage")
    person = get_object_or_404(User, pk=pk)
    try:
        user_set_network_roles(
            user=person,
            is_editor=request.POST.get("is_editor") == "on",
            is_network_admin=request.POST.get("is_network_admin") == "on",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The roles of %(person)s are saved.") % {"person": person})
    return redirect(f"{reverse('network:people')}?{request.GET.urlencode()}")
