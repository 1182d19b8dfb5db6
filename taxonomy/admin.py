"""Django admin for terms: saves go through the same services as the REST API, so slugs,
sanitising, hierarchy and the default category follow WordPress's rules here too."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from taxonomy.models import Term, TermMeta
from taxonomy.services import is_default_term, term_create, term_delete, term_update
from wpapi.registry import get_taxonomy


class TermMetaInline(admin.TabularInline):
    model = TermMeta
    extra = 0


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "taxonomy", "parent", "count")
    list_filter = ("taxonomy",)
    search_fields = ("name", "slug")
    fields = ("taxonomy", "name", "slug", "description", "parent")
    raw_id_fields = ("parent",)
    inlines = [TermMetaInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Term]:
        return super().get_queryset(request).exclude(taxonomy="nav_menu")  # menus have theirs

    def save_model(self, request: HttpRequest, obj: Term, form: Any, change: bool) -> None:
        taxonomy = get_taxonomy(obj.taxonomy)
        if taxonomy is None:
            super().save_model(request, obj, form, change)
            return
        if change:
            current = Term.objects.get(pk=obj.pk)
            saved = term_update(
                term=current,
                name=obj.name,
                slug=obj.slug,
                description=obj.description,
                parent_id=obj.parent_id or 0,
            )
        else:
            saved = term_create(
                taxonomy=taxonomy,
                name=obj.name,
                slug=obj.slug,
                description=obj.description,
                parent_id=obj.parent_id,
            )
        obj.pk, obj.slug, obj.name, obj.parent_id = (
            saved.pk,
            saved.slug,
            saved.name,
            saved.parent_id,
        )

    def has_delete_permission(self, request: HttpRequest, obj: Term | None = None) -> bool:
        if obj is not None and is_default_term(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: Term) -> None:
        term_delete(term=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Term]) -> None:
        for term in queryset:
            if not is_default_term(term):
                term_delete(term=term)
