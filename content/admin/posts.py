"""Posts, pages, reusable blocks and every registered post type, one screen each (edit.php and
post.php): filters, search, sortable columns and bulk actions in the list; the edit screen of
content/admin/forms.py. Every write is the REST API's: the same policy checks
(content.policies, the meta codec's), then the same services (post_create, post_update,
post_trash, post_delete), so revisions, slugs, counts, dates and scheduling follow."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from content import policies, services
from content.admin.forms import PostForm, fieldsets, post_form
from content.meta_fields import POST_META
from content.models import Post
from content.queries import editable_q, readable_q
from content.serializers import PostSerializer
from taxonomy.models import Term
from wpapi.admin import CapabilityAdmin
from wpapi.admin.base import SCREENS_APP
from wpapi.errors import forbidden
from wpapi.registry import PostType, get_post_type, post_type_caps_for, type_taxonomies

#: the statuses of the status filter, in edit.php's order (All leaves out the trash)
STATUS_VIEWS = [
    ("publish", "Published"),
    ("future", "Scheduled"),
    ("draft", "Drafts"),
    ("pending", "Pending"),
    ("private", "Private"),
    ("trash", "Trash"),
]


class StatusFilter(admin.SimpleListFilter):
    """All (everything but the trash) | Mine | Published | Scheduled | Drafts | Pending |
    Private | Trash, with counts, as edit.php's status links."""

    title = "status"
    parameter_name = "post_status"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        counts = dict(
            model_admin.get_queryset(request)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        found = [
            (status, f"{label} ({counts[status]})")
            for status, label in STATUS_VIEWS
            if counts.get(status)
        ]
        mine = model_admin.get_queryset(request).filter(author=request.user)
        mine_count = mine.exclude(status="trash").count()
        return [("mine", f"Mine ({mine_count})"), *found] if mine_count else found

    def choices(self, changelist: Any) -> Any:
        for choice in super().choices(changelist):
            if choice["display"] == "All":
                choice["display"] = "All (but the trash)"
            yield choice

    def queryset(self, request: Any, queryset: QuerySet[Post]) -> QuerySet[Post]:
        value = self.value()
        if value == "mine":
            return queryset.filter(author=request.user).exclude(status="trash")
        if value:
            return queryset.filter(status=value)
        return queryset.exclude(status="trash")


class MonthFilter(admin.SimpleListFilter):
    """edit.php's "All dates" menu: the months that have posts of this type."""

    title = "month"
    parameter_name = "m"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        months = (
            model_admin.get_queryset(request)
            .annotate(month=TruncMonth("date"))
            .values_list("month", flat=True)
            .distinct()
            .order_by("-month")
        )
        return [(m.strftime("%Y%m"), m.strftime("%B %Y")) for m in months if m is not None]

    def queryset(self, request: Any, queryset: QuerySet[Post]) -> QuerySet[Post]:
        value = self.value() or ""
        if len(value) == 6 and value.isdigit():
            return queryset.filter(date__year=int(value[:4]), date__month=int(value[4:]))
        return queryset


def term_filter(taxonomy: Any) -> type[admin.SimpleListFilter]:
    """A filter by one taxonomy's terms (parameter: its rest_base, as the API's)."""
    from taxonomy.admin import tree_choices

    def lookups(self: Any, request: Any, model_admin: Any) -> list[tuple[int, str]]:
        return tree_choices(Term.objects.filter(taxonomy=taxonomy.slug))

    def queryset(self: Any, request: Any, queryset: QuerySet[Post]) -> QuerySet[Post]:
        value = self.value()
        if value and str(value).isdigit():
            return queryset.filter(term_relationships__term_id=int(value))
        return queryset

    return type(
        f"{taxonomy.slug.title()}Filter",
        (admin.SimpleListFilter,),
        {
            "title": taxonomy.singular_name.lower(),
            "parameter_name": taxonomy.rest_base,
            "lookups": lookups,
            "queryset": queryset,
        },
    )


class PostTypeAdmin(CapabilityAdmin):
    """The screens of one post type; subclassed per type by register_post_type_screen()."""

    post_type_slug = "post"
    menu_group = "Content"
    object_view_capability = "read_post"
    object_change_capability = "edit_post"
    object_delete_capability = "delete_post"
    search_fields = ("title", "content", "excerpt")
    list_per_page = 20
    ordering = ("-date", "-id")
    actions = ["publish_selected", "trash_selected", "restore_selected"]
    change_form_template = "admin/wp/post_change_form.html"
    save_on_top = False

    def __init__(self, model: Any, admin_site: Any) -> None:
        caps = post_type_caps_for(self.post_type_slug)
        self.view_capability = self.change_capability = caps["edit_posts"]
        self.add_capability = caps["create_posts"]
        self.delete_capability = caps["delete_posts"]
        post_type = self.post_type
        taxonomies = [t for t in type_taxonomies(post_type.slug) if t.show_ui]
        columns: list[Any] = ["title_column"]
        if "author" in post_type.supports:
            columns.append("author_column")
        columns += [self.terms_column(taxonomy) for taxonomy in taxonomies]
        if "comments" in post_type.supports:
            columns.append("comments_column")
        columns.append("date_column")
        self.list_display = columns
        self.list_display_links = ["title_column"]
        filters: list[Any] = [StatusFilter]
        if "author" in post_type.supports:
            filters.append(("author", admin.RelatedOnlyFieldListFilter))
        filters += [term_filter(taxonomy) for taxonomy in taxonomies]
        filters.append(MonthFilter)
        if "post-formats" in post_type.supports:
            filters.append("format")
        self.list_filter = filters
        super().__init__(model, admin_site)

    @property
    def post_type(self) -> PostType:
        found = get_post_type(self.post_type_slug)
        assert found is not None, self.post_type_slug
        return found

    def properties(self) -> frozenset[str]:
        """The fields of this type's REST schema (what a write may set)."""
        return frozenset(PostSerializer.for_type(self.post_type_slug).schema["properties"])

    # --- the list ---------------------------------------------------------------------------
    def get_queryset(self, request: HttpRequest) -> QuerySet[Post]:
        """This type's posts the user may read or edit (the API's visibility rule)."""
        slug, user = self.post_type_slug, request.user
        posts = self.model.objects.filter(type=slug).exclude(status="auto-draft")
        if not policies.type_can(user, slug, "edit_others_posts"):
            posts = posts.filter(readable_q(user, [slug]) | editable_q(user, [slug]))
        return posts.select_related("author").prefetch_related(
            Prefetch("terms", queryset=Term.objects.only("pk", "name", "taxonomy"))
        )

    def glance(self, request: HttpRequest) -> tuple[int, str, str]:
        """The dashboard's count: published items of this type, and the user's drafts."""
        published = self.get_queryset(request).filter(status="publish").count()
        name = self.post_type.name if published != 1 else self.post_type.singular_name
        return published, f"published {name.lower()}", "?post_status=publish"

    @admin.display(description="Title", ordering="title")
    def title_column(self, post: Post) -> str:
        """The title with edit.php's state labels."""
        states = []
        if post.status == "private":
            states.append("Private")
        elif post.password:
            states.append("Password protected")
        if post.status in ("draft", "pending", "future", "trash"):
            states.append(
                {"draft": "Draft", "pending": "Pending", "future": "Scheduled"}.get(
                    post.status, "Trash"
                )
            )
        if post.sticky:
            states.append("Sticky")
        return format_html(
            "<strong>{}</strong>{}",
            post.title or "(no title)",
            format_html_join("", ' <span class="wp-state">— {}</span>', ((s,) for s in states)),
        )

    @admin.display(description="Author", ordering="author__display_name")
    def author_column(self, post: Post) -> str:
        return str(post.author) if post.author_id and post.author else "—"

    def terms_column(self, taxonomy: Any) -> Any:
        def column(post: Post) -> str:
            names = sorted(t.name for t in post.terms.all() if t.taxonomy == taxonomy.slug)
            return ", ".join(names) or "—"

        column.short_description = taxonomy.name  # type: ignore[attr-defined]
        column.__name__ = f"terms_{taxonomy.slug}"
        return column

    @admin.display(description="Comments", ordering="comment_count")
    def comments_column(self, post: Post) -> int:
        return post.comment_count

    @admin.display(description="Date", ordering="date")
    def date_column(self, post: Post) -> str:
        label = {
            "publish": "Published",
            "future": "Scheduled",
            "private": "Published",
        }.get(post.status, "Last modified")
        when = post.date if label != "Last modified" else post.modified
        local = timezone.localtime(when)
        return format_html("{}<br>{}", label, local.strftime("%Y/%m/%d at %H:%M"))

    # --- the edit screen --------------------------------------------------------------------
    def get_form(
        self, request: Any, obj: Post | None = None, change: bool = False, **kwargs: Any
    ) -> type[PostForm]:
        return post_form(self, request, self.properties())

    def get_fieldsets(self, request: Any, obj: Post | None = None) -> list[Any]:
        return fieldsets(self.get_form(request, obj))

    def get_readonly_fields(self, request: Any, obj: Post | None = None) -> tuple[str, ...]:
        return ()

    def write(self, request: Any, form: PostForm) -> Post:
        """post_create / post_update with what the form changed, after the REST API's checks
        in its order (PostViewSet.check_create_permission / perform_create and the update
        counterparts)."""
        user, slug = request.user, self.post_type_slug
        fields, new_names = form.write_fields()
        if new_names:
            fields.setdefault("terms", {}).update(self.tag_ids(user, new_names))
        current = Post.objects.get(pk=form.stored.pk) if form.stored is not None else None
        kses = policies.needs_kses(user)
        if current is None:
            policies.check_can_assign_author(user, slug, fields.get("author"), creating=True)
            policies.check_can_assign_sticky(user, slug, fields.get("sticky"))
            if not policies.type_can(user, slug, "create_posts"):
                raise forbidden(
                    user,
                    "rest_cannot_create",
                    "Sorry, you are not allowed to create posts as this user.",
                )
            policies.check_can_assign_terms(user, fields.get("terms") or {})
            if "status" in fields:
                policies.check_can_set_status(user, slug, fields["status"])
            prospective = Post(
                type=slug,
                status=fields.get("status") or "draft",
                author_id=fields.get("author") or user.pk,
            )
            POST_META.check_can_write(prospective, fields.get("meta"), user)
            return services.post_create(post_type=slug, actor_id=user.pk, kses=kses, **fields)
        if not policies.can_edit_post(user, current):
            raise forbidden(
                user, "rest_cannot_edit", "Sorry, you are not allowed to edit this post."
            )
        policies.check_can_assign_author(user, slug, fields.get("author"), creating=False)
        policies.check_can_assign_sticky(user, slug, fields.get("sticky"))
        policies.check_can_assign_terms(user, fields.get("terms") or {})
        if "status" in fields and fields["status"] != current.status:
            policies.check_can_set_status(user, slug, fields["status"])
        POST_META.check_can_write(current, fields.get("meta"), user)
        return services.post_update(post=current, actor_id=user.pk, kses=kses, **fields)

    def tag_ids(self, user: Any, names_by_taxonomy: dict[str, list[str]]) -> dict[str, list[int]]:
        """The IDs of the named terms; names not yet in the taxonomy become terms, as the tag
        box does (term_create after check_can_create_term, the REST terms route's check)."""
        from taxonomy.policies import check_can_create_term
        from taxonomy.services import sanitize_term_name, term_create
        from wpapi.registry import get_taxonomy

        found: dict[str, list[int]] = {}
        for slug, names in names_by_taxonomy.items():
            taxonomy = get_taxonomy(slug)
            ids = []
            for name in names:
                clean = sanitize_term_name(name)
                term = Term.objects.filter(taxonomy=slug, name__iexact=clean).first()
                if term is None:
                    check_can_create_term(user, taxonomy)
                    term = term_create(taxonomy=taxonomy, name=name)
                ids.append(term.pk)
            found[slug] = ids
        return found

    def save_model(self, request: Any, obj: Post, form: Any, change: bool) -> None:
        saved = self.write(request, form)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        pass  # the service wrote the terms and meta

    def delete_model(self, request: Any, obj: Post) -> None:
        services.post_delete(post=Post.objects.get(pk=obj.pk))

    def delete_queryset(self, request: Any, queryset: QuerySet[Post]) -> None:
        for post in queryset:
            if policies.can_delete_post(request.user, post):
                services.post_delete(post=Post.objects.get(pk=post.pk))

    def change_view(
        self, request: Any, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        extra = dict(extra_context or {})
        post = Post.objects.filter(pk=object_id, type=self.post_type_slug).first()
        if post is not None:
            extra.update(self.object_links(request, post))
        return super().change_view(request, object_id, form_url, extra)

    def object_links(self, request: Any, post: Post) -> dict[str, Any]:
        """Preview, View, Revisions (n) and Move to trash, for the edit screen's tools."""
        from content.permalinks import post_permalink
        from wpapi.links import site_url

        name = f"admin:{SCREENS_APP}_{self.post_type_slug}"
        links: dict[str, Any] = {"preview_url": reverse(f"{name}_preview", args=[post.pk])}
        if self.post_type.viewable and post.status == "publish":
            links["view_url"] = post_permalink(site_url(request), post, {})
        if "revisions" in self.post_type.supports:
            count = Post.objects.filter(type="revision", parent=post).count()
            links["revision_count"] = count
            if count:
                links["revisions_url"] = reverse(f"{name}_revisions", args=[post.pk])
        if post.status != "trash" and policies.can_delete_post(request.user, post):
            links["trash_url"] = reverse(f"{name}_trash", args=[post.pk])
        links["rest_url"] = (
            f"/wp-json/wp/v2/{self.post_type.rest_base or self.post_type_slug}/{post.pk}"
        )
        return links

    # --- more views -------------------------------------------------------------------------
    def get_urls(self) -> list[Any]:
        from content.admin.revisions import restore_view, revisions_view

        name = f"{SCREENS_APP}_{self.post_type_slug}"
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name=f"{name}_preview"),
            path("<int:pk>/trash/", view(self.trash_view), name=f"{name}_trash"),
            path(
                "<int:pk>/revisions/",
                view(lambda request, pk: revisions_view(self, request, pk)),
                name=f"{name}_revisions",
            ),
            path(
                "<int:pk>/revisions/<int:revision>/restore/",
                view(lambda request, pk, revision: restore_view(self, request, pk, revision)),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def get_post(self, request: Any, pk: int) -> Post:
        return get_object_or_404(Post, pk=pk, type=self.post_type_slug)

    def preview_view(self, request: Any, pk: int) -> HttpResponse:
        """The post as the API renders it (title.rendered, content.rendered), drafts too,
        for those who may read it: what a headless front end would show."""
        from content.formatting import render_content, render_excerpt, render_title
        from wpapi.links import site_url

        post = self.get_post(request, pk)
        if not policies.can_read_post(request.user, post) and not policies.can_edit_post(
            request.user, post
        ):
            raise PermissionDenied
        site = site_url(request)
        context = {
            "post": post,
            "title": render_title(post.title),
            "content": render_content(post.content, site),
            "excerpt": render_excerpt(post.excerpt, post.content, site),
            "featured": post.featured_media,
        }
        return TemplateResponse(request, "admin/wp/preview.html", context)

    def trash_view(self, request: Any, pk: int) -> HttpResponse:
        """Move to trash (POST), the edit screen's link: post_trash, as DELETE without force."""
        post = self.get_post(request, pk)
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse(f"admin:{SCREENS_APP}_{self.post_type_slug}_change", args=[pk])
            )
        if not policies.can_delete_post(request.user, post):
            raise PermissionDenied
        if post.status != "trash":
            services.post_trash(post=post, actor_id=request.user.pk)
        self.message_user(request, f"“{post}” moved to the trash.", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{SCREENS_APP}_{self.post_type_slug}_changelist")
        )

    # --- bulk actions -----------------------------------------------------------------------
    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        """Publish is offered to those who may publish (the action checks each post again)."""
        actions = super().get_actions(request)
        if not policies.type_can(request.user, self.post_type_slug, "publish_posts"):
            actions.pop("publish_selected", None)
        return actions

    @admin.action(description="Publish", permissions=["change"])
    def publish_selected(self, request: Any, queryset: QuerySet[Post]) -> None:
        user, slug = request.user, self.post_type_slug

        def allowed(post: Post) -> bool:
            return post.status in ("draft", "pending") and policies.can_edit_post(user, post)

        def publish(post: Post) -> None:
            policies.check_can_set_status(user, slug, "publish")
            current = Post.objects.get(pk=post.pk)
            services.post_update(
                post=current, actor_id=user.pk, kses=policies.needs_kses(user), status="publish"
            )

        self.each_allowed(request, queryset, allowed, publish, "{n} published.")

    @admin.action(description="Move to trash", permissions=["delete"])
    def trash_selected(self, request: Any, queryset: QuerySet[Post]) -> None:
        user = request.user
        self.each_allowed(
            request,
            queryset.exclude(status="trash"),
            lambda post: policies.can_delete_post(user, post),
            lambda post: services.post_trash(post=Post.objects.get(pk=post.pk), actor_id=user.pk),
            "{n} moved to the trash.",
        )

    @admin.action(description="Restore from trash", permissions=["delete"])
    def restore_selected(self, request: Any, queryset: QuerySet[Post]) -> None:
        """wp_untrash_post(): back to draft with the slug it had (delete_post, as wp-admin's
        untrash link needs)."""
        user = request.user
        self.each_allowed(
            request,
            queryset.filter(status="trash"),
            lambda post: policies.can_delete_post(user, post),
            lambda post: services.post_update(
                post=Post.objects.get(pk=post.pk), actor_id=user.pk, status="draft"
            ),
            "{n} restored from the trash (as drafts).",
        )


def register_post_type_screen(slug: str, site: admin.AdminSite | None = None) -> Any:
    """Add the screen of one post type (at start-up for every registered one; tests call it
    for types they register)."""
    from wpapi.admin import screen_model, screen_name
    from wpapi.registry import post_types

    site = site or admin.site
    post_type = get_post_type(slug)
    assert post_type is not None, slug
    model = screen_model(Post, screen_name(slug, "post"), post_type.singular_name, post_type.name)
    if not site.is_registered(model):
        order = 10 + 2 * list(post_types()).index(slug)
        model_admin = type(
            f"{slug.title().replace('_', '').replace('-', '')}Admin",
            (PostTypeAdmin,),
            {"post_type_slug": slug, "menu_order": order},
        )
        site.register(model, model_admin)
    return model


__all__ = ["PostTypeAdmin", "register_post_type_screen"]
