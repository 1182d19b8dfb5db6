"""Terms in Django admin: one screen per taxonomy (Categories, Tags, every registered one), as a
tree with counts for hierarchical taxonomies. Saves go through the taxonomy services after the
REST API's permission checks (taxonomy.policies), so slugs, sanitising, hierarchy and the
default category follow WordPress's rules here too."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from taxonomy.meta import TERM_META
from taxonomy.models import Term
from taxonomy.policies import can_delete_term, check_can_create_term, check_can_edit_term
from taxonomy.services import term_create, term_delete, term_update
from wpapi.admin import CapabilityAdmin, ServiceForm, screen_model, screen_name, try_write
from wpapi.admin.base import SCREENS_APP
from wpapi.admin.meta import changed_meta, meta_fields, meta_initial
from wpapi.registry import Taxonomy, get_taxonomy, taxonomies


# --- the tree -----------------------------------------------------------------------------------
def tree_order(rows: list[tuple[int, int | None, str]]) -> list[tuple[int, int]]:
    """(id, depth) in tree order: each term after its parent, siblings by name, as WordPress's
    category lists and checklists show them. Terms whose parent is missing are roots."""
    ids = {pk for pk, _, _ in rows}
    children: dict[int | None, list[tuple[str, int]]] = {}
    for pk, parent, name in rows:
        children.setdefault(parent if parent in ids else None, []).append((name.lower(), pk))
    order: list[tuple[int, int]] = []
    seen: set[int] = set()
    stack = [(pk, 0) for _, pk in sorted(children.get(None, []), reverse=True)]
    while stack:
        pk, depth = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        order.append((pk, depth))
        stack.extend((child, depth + 1) for _, child in sorted(children.get(pk, []), reverse=True))
    order.extend((pk, 0) for pk, _, _ in rows if pk not in seen)  # a loop: shown flat
    return order


def tree_choices(terms: QuerySet[Term], exclude: set[int] | None = None) -> list[tuple[int, str]]:
    """(id, "— name") choices in tree order, indented by depth."""
    rows = list(terms.values_list("pk", "parent_id", "name"))
    names = {pk: name for pk, _, name in rows}
    return [
        (pk, "— " * depth + names[pk])
        for pk, depth in tree_order(rows)
        if not exclude or pk not in exclude
    ]


def descendants(term: Term) -> set[int]:
    """The term and every term below it (a term cannot become their child)."""
    rows = list(Term.objects.filter(taxonomy=term.taxonomy).values_list("pk", "parent_id"))
    found, frontier = {term.pk}, {term.pk}
    while frontier:
        frontier = {pk for pk, parent in rows if parent in frontier and pk not in found}
        found |= frontier
    return found


class TermChecklist(forms.CheckboxSelectMultiple):
    """The category checklist: every term, indented under its parent, in a scrolling box."""

    template_name = "admin/wp/widgets/term_checklist.html"


class TagNamesInput(forms.TextInput):
    """Tags as WordPress's tag box takes them: names separated by commas."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {"class": "vLargeTextField", "placeholder": "news, travel", **(attrs or {})}
        )


# --- one screen per taxonomy --------------------------------------------------------------------
class TermForm(ServiceForm):
    """A term's fields, checked by trying the write (term_create / term_update) first."""

    name = forms.CharField(max_length=200, strip=False)
    slug = forms.CharField(
        required=False,
        max_length=200,
        help_text="The term's address part: lowercase letters, numbers and hyphens. "
        "Made from the name when empty.",
    )
    description = forms.CharField(
        required=False, strip=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    class Meta:
        model = Term
        fields: list[str] = []

    model_admin: TermScreenAdmin
    request: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taxonomy = self.model_admin.taxonomy
        term = self.instance if self.instance.pk else None
        if "parent" in self.fields:
            terms = Term.objects.filter(taxonomy=taxonomy.slug)
            exclude = descendants(term) if term is not None else None
            self.fields["parent"].choices = [(0, "None"), *tree_choices(terms, exclude)]
        self.start = {"name": "", "slug": "", "description": "", "parent": 0}
        if term is not None:
            self.start = {
                "name": term.name,
                "slug": term.slug,
                "description": term.description,
                "parent": term.parent_id or 0,
            }
        self.start.update(meta_initial(TERM_META, term, taxonomy.slug))
        for name, value in self.start.items():
            self.initial.setdefault(name, value)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try_write(lambda: self.model_admin.write(self.request, self))
        return cleaned


class TermScreenAdmin(CapabilityAdmin):
    """One taxonomy's terms (edit-tags.php): list with counts, a tree for hierarchical ones."""

    taxonomy_slug = "category"
    menu_group = "Terms"
    form = TermForm
    search_fields = ("name", "slug", "description")
    list_per_page = 50

    def __init__(self, model: Any, admin_site: Any) -> None:
        taxonomy = self.taxonomy
        caps = taxonomy.capabilities
        # edit-tags.php needs manage_terms; creating follows check_can_create_term
        self.view_capability = self.change_capability = caps["manage_terms"]
        self.add_capability = caps["edit_terms"] if taxonomy.hierarchical else caps["manage_terms"]
        self.delete_capability = caps["delete_terms"]
        self.object_change_capability = "edit_term"
        self.list_display = ("name_column", "description_column", "slug", "count_column")
        super().__init__(model, admin_site)

    @property
    def taxonomy(self) -> Taxonomy:
        found = get_taxonomy(self.taxonomy_slug)
        assert found is not None, self.taxonomy_slug
        return found

    # --- the list ---------------------------------------------------------------------------
    def get_queryset(self, request: HttpRequest) -> QuerySet[Term]:
        # not ModelAdmin's queryset: its ordering names the annotation made here
        terms = self.model._default_manager.filter(taxonomy=self.taxonomy_slug)
        if not self.taxonomy.hierarchical:
            return terms.order_by("name", "id")
        order = tree_order(list(terms.values_list("pk", "parent_id", "name")))
        if not order:
            return terms.annotate(tree_position=Value(0), tree_depth=Value(0))
        position = Case(
            *[When(pk=pk, then=Value(index)) for index, (pk, _) in enumerate(order)],
            output_field=IntegerField(),
        )
        depth = Case(
            *[When(pk=pk, then=Value(level)) for pk, level in order if level],
            default=Value(0),
            output_field=IntegerField(),
        )
        return terms.annotate(tree_position=position, tree_depth=depth).order_by("tree_position")

    def get_ordering(self, request: HttpRequest) -> tuple[str, ...]:
        return ("tree_position",) if self.taxonomy.hierarchical else ("name",)

    @admin.display(description="Name", ordering="name")
    def name_column(self, term: Term) -> str:
        return format_html(
            "{}<strong>{}</strong>", "— " * getattr(term, "tree_depth", 0), term.name
        )

    @admin.display(description="Description")
    def description_column(self, term: Term) -> str:
        return term.description[:120]

    @admin.display(description="Count", ordering="count")
    def count_column(self, term: Term) -> str:
        """The stored count (published posts), linked to the posts in the term."""
        types = [slug for slug in self.taxonomy.object_types if slug != "attachment"]
        try:
            url = reverse(f"admin:{SCREENS_APP}_{types[0]}_changelist") if types else ""
        except NoReverseMatch:
            url = ""
        if not url:
            return str(term.count)
        return format_html(
            '<a href="{}?{}={}">{}</a>', url, self.taxonomy.rest_base, term.pk, term.count
        )

    # --- the form ---------------------------------------------------------------------------
    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        taxonomy = self.taxonomy
        attrs: dict[str, Any] = {
            "model_admin": self,
            "request": request,
            "Meta": type("Meta", (TermForm.Meta,), {"model": self.model}),
        }
        if taxonomy.hierarchical:
            attrs["parent"] = forms.TypedChoiceField(
                coerce=int, required=False, empty_value=0, label="Parent"
            )
        attrs.update(meta_fields(TERM_META, taxonomy.slug))
        return type("TermScreenForm", (TermForm,), attrs)

    def get_fieldsets(self, request: Any, obj: Any = None) -> list[Any]:
        names = ["name", "slug"]
        if self.taxonomy.hierarchical:
            names.append("parent")
        names.append("description")
        fieldsets: list[Any] = [(None, {"fields": names})]
        meta = list(meta_fields(TERM_META, self.taxonomy.slug))
        if meta:
            fieldsets.append(("Custom fields", {"fields": meta}))
        return fieldsets

    def write(self, request: Any, form: TermForm) -> Term:
        """term_create / term_update with what the form changed, after the REST API's checks."""
        user, taxonomy = request.user, self.taxonomy
        data, start = form.cleaned_data, form.start
        meta = changed_meta(data, start) or None
        parent = int(data.get("parent") or 0)
        if form.instance.pk is None:
            check_can_create_term(user, taxonomy)
            prospective = Term(taxonomy=taxonomy.slug, parent_id=parent or None)
            TERM_META.check_can_write(prospective, meta, user)
            return term_create(
                taxonomy=taxonomy,
                name=data["name"],
                slug=data.get("slug") or None,
                description=data.get("description") or None,
                parent_id=parent,
                meta=meta,
            )
        term = Term.objects.get(pk=form.instance.pk)
        check_can_edit_term(user, term)
        TERM_META.check_can_write(term, meta, user)
        changes: dict[str, Any] = {}
        for name in ("name", "slug", "description"):
            if data.get(name, "") != start[name]:
                changes[name] = data.get(name, "")
        if taxonomy.hierarchical and parent != start["parent"]:
            changes["parent_id"] = parent
        return term_update(term=term, meta=meta, **changes)

    def save_model(self, request: Any, obj: Term, form: Any, change: bool) -> None:
        saved = self.write(request, form)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        pass  # the service wrote everything

    # --- delete -----------------------------------------------------------------------------
    def has_delete_permission(self, request: Any, obj: Term | None = None) -> bool:
        if obj is not None:
            return can_delete_term(request.user, obj)  # never the default category
        return super().has_delete_permission(request)

    def delete_model(self, request: Any, obj: Term) -> None:
        term_delete(term=Term.objects.get(pk=obj.pk))

    def delete_queryset(self, request: Any, queryset: QuerySet[Term]) -> None:
        for term in queryset:
            if can_delete_term(request.user, term):
                term_delete(term=Term.objects.get(pk=term.pk))


def register_taxonomy_screen(slug: str, site: admin.AdminSite | None = None) -> type[Term]:
    """Add the screen of one taxonomy (at start-up for every registered one; tests call it
    for taxonomies they register)."""
    site = site or admin.site
    taxonomy = get_taxonomy(slug)
    assert taxonomy is not None, slug
    model = screen_model(Term, screen_name(slug, "term"), taxonomy.singular_name, taxonomy.name)
    if not site.is_registered(model):
        order = 50 + list(taxonomies()).index(slug)
        model_admin = type(
            f"{slug.title().replace('_', '')}Admin",
            (TermScreenAdmin,),
            {"taxonomy_slug": slug, "menu_order": order},
        )
        site.register(model, model_admin)
    return model


for _slug, _taxonomy in taxonomies().items():
    if _taxonomy.show_ui:
        register_taxonomy_screen(_slug)
