from django.contrib import admin

from mobinnov.excellence.models import (
    Cluster,
    Definition,
    DefinitionVersion,
    FieldOfExcellence,
    ReferenceDefinition,
)

admin.site.register(Cluster)
admin.site.register(ReferenceDefinition)


@admin.register(FieldOfExcellence)
class FieldOfExcellenceAdmin(admin.ModelAdmin[FieldOfExcellence]):
    list_display = ["code", "name", "cluster", "is_retired"]
    list_filter = ["cluster", "is_retired"]


class DefinitionVersionInline(admin.TabularInline[DefinitionVersion, Definition]):
    model = DefinitionVersion
    extra = 0
    readonly_fields = ["number", "text", "language", "author", "created_at"]


@admin.register(Definition)
class DefinitionAdmin(admin.ModelAdmin[Definition]):
    list_display = ["topic", "organisation", "version", "updated_at"]
    inlines = [DefinitionVersionInline]
