from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from mobinnov.accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_network_admin", "is_editor", "is_active"]
    list_filter = ["is_network_admin", "is_editor", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            "Profile",
            {"fields": ("full_name", "job_role", "languages_spoken", "preferred_language")},
        ),
        (
            "Roles",
            {"fields": ("is_network_admin", "is_editor", "is_active", "is_staff", "is_superuser")},
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at", "revoked_at"]
    list_select_related = ["organisation"]
    search_fields = ["email"]
