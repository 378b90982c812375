from django.contrib import admin

from mobinnov.network.models import Membership, Organisation, PartnerApplication


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "org_type", "country", "city", "erasmus_oid", "is_active"]
    list_filter = ["org_type", "country", "is_active"]
    search_fields = ["name", "city", "erasmus_oid"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(PartnerApplication)
class PartnerApplicationAdmin(admin.ModelAdmin[PartnerApplication]):
    list_display = ["organisation_name", "country", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "decided_at", "decided_by", "organisation"]
