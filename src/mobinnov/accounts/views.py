from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mobinnov.accounts import services
from mobinnov.accounts.forms import AcceptInvitationForm, ProfileForm
from mobinnov.accounts.models import User, signed_in_user


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = (
        signed_in_user(request)
        .memberships.select_related("organisation")
        .order_by("organisation__name")
    )
    return render(request, "accounts/dashboard.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, cleaned_data=form.cleaned_data)
        language = form.cleaned_data["preferred_language"]
        translation.activate(language)
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
        )
        return response
    return render(request, "accounts/profile.html", {"form": form})


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the link in an invitation e-mail."""
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=410)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        # The invitee has an account: they confirm while signed in as themselves.
        if not request.user.is_authenticated:
            messages.info(
                request,
                _("Sign in as %(email)s to accept the invitation.") % {"email": invitation.email},
            )
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if request.user.pk != existing.pk:
            return render(
                request, "accounts/invitation_invalid.html", {"wrong_account": True}, status=403
            )
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=existing)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("accounts:dashboard")
            messages.success(
                request, _("You are now a member of %(org)s.") % {"org": invitation.organisation}
            )
            return redirect("accounts:dashboard")
        return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})

    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={
            "full_name": invitation.full_name,
            "preferred_language": translation.get_language(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="mobinnov.accounts.backends.EmailBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("accounts:profile")
    return render(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )
