"""The edit screen of a post of any type: WordPress's boxes (title, content, excerpt, Publish
with status, visibility and date, author, terms, featured image, attributes, discussion, custom
fields) as one form. What changed becomes the REST write's arguments, checked by trying the
write first, so WordPress's refusals show on the form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models import Q

from content.admin.widgets import MediaPickerWidget
from content.meta_fields import POST_META
from content.models import Post
from content.serializers.schema import POST_FORMATS, page_templates
from content.services import default_comment_status
from taxonomy.admin import TagNamesInput, TermChecklist, tree_choices
from taxonomy.models import Term, TermRelationship
from users.capabilities import AUTHOR_ROLES
from users.models import User
from wpapi.admin import ServiceForm, try_write
from wpapi.admin.meta import changed_meta, meta_fields, meta_initial
from wpapi.dates import format_gmt
from wpapi.registry import PostType, type_taxonomies

VISIBILITY = [("public", "Public"), ("password", "Password protected"), ("private", "Private")]
STATUS_LABELS = {
    "draft": "Draft",
    "pending": "Pending review",
    "publish": "Published",
    "future": "Scheduled",
}


class RawTextField(forms.CharField):
    """Text kept byte for byte: no stripping, and the CRLF line ends a browser sends for a
    textarea become LF again unless the stored text had CRLF itself (markup written
    elsewhere, e.g. block comments from the API, keeps its LF)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, strip=False, **kwargs)


def authors() -> Any:
    """Users who may be a post's author (who=authors: a role above subscriber)."""
    roles = Q(role__in=AUTHOR_ROLES) | Q(is_superuser=True)
    for role in AUTHOR_ROLES:
        roles |= Q(extra_roles__contains=f",{role},")
    return User.objects.filter(roles).order_by("display_name", "username")


class PostForm(ServiceForm):
    """One post's edit screen. Subclassed per post type by `post_form()`, which adds the
    fields the type has (author, terms, featured image, attributes, discussion, meta)."""

    title = RawTextField(
        widget=forms.TextInput(
            attrs={"class": "vLargeTextField wp-title", "placeholder": "Add title"}
        )
    )
    slug = forms.CharField(
        required=False,
        max_length=200,
        help_text="The last part of the address; made from the title when empty.",
    )
    content = RawTextField(
        widget=forms.Textarea(attrs={"rows": 16, "class": "wp-code", "spellcheck": "false"}),
        help_text="HTML and block markup (&lt;!-- wp:paragraph --&gt;) are kept as written.",
    )
    excerpt = RawTextField(widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(choices=[])
    visibility = forms.ChoiceField(choices=VISIBILITY, widget=forms.RadioSelect, initial="public")
    password = forms.CharField(required=False, max_length=255, strip=False)
    date = forms.SplitDateTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Publish on",
        help_text="Site time. Empty: when it is published. A later date schedules it.",
    )

    class Meta:
        model = Post
        fields: list[str] = []

    # set by post_form()
    post_type: PostType
    properties: frozenset[str] = frozenset()
    model_admin: Any = None
    request: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored = self.instance if self.instance.pk else None
        self.start = self.start_values()
        for name, value in self.start.items():
            self.initial.setdefault(name, value)
        self.fill_choices()

    # --- what the form starts from --------------------------------------------------------
    def start_values(self) -> dict[str, Any]:
        post, slug = self.stored, self.post_type.slug
        user = self.request.user if self.request is not None else None
        if post is None:
            values: dict[str, Any] = {
                "title": "",
                "slug": "",
                "content": "",
                "excerpt": "",
                "status": "draft",
                "visibility": "public",
                "password": "",
                "date": None,
                "author": getattr(user, "pk", None),
                "sticky": False,
                "format": "standard",
                "comment_status": default_comment_status(slug, "comment") == "open",
                "ping_status": default_comment_status(slug, "ping") == "open",
                "parent": 0,
                "menu_order": 0,
                "template": "",
                "featured_media": None,
            }
            for taxonomy in type_taxonomies(slug):
                values[taxonomy.rest_base] = [] if taxonomy.hierarchical else ""
            values.update(meta_initial(POST_META, None, slug))
            return values
        values = {
            "title": post.title,
            "slug": post.slug,
            "content": post.content,
            "excerpt": post.excerpt,
            "status": "publish" if post.status == "private" else post.status,
            "visibility": "private"
            if post.status == "private"
            else ("password" if post.password else "public"),
            "password": post.password,
            "date": post.date if post.date_gmt_set else None,
            "author": post.author_id,
            "sticky": post.sticky,
            "format": post.format or "standard",
            "comment_status": post.comment_status == "open",
            "ping_status": post.ping_status == "open",
            "parent": post.parent_id or 0,
            "menu_order": post.menu_order,
            "template": post.template,
            "featured_media": post.featured_media_id,
        }
        rows = TermRelationship.objects.filter(post=post).values_list(
            "term__taxonomy", "term_id", "term__name"
        )
        for taxonomy in type_taxonomies(slug):
            mine = sorted((name, pk) for tax, pk, name in rows if tax == taxonomy.slug)
            if taxonomy.hierarchical:
                values[taxonomy.rest_base] = sorted(pk for _, pk in mine)
            else:
                values[taxonomy.rest_base] = ", ".join(name for name, _ in mine)
        values.update(meta_initial(POST_META, post, slug))
        return values

    def fill_choices(self) -> None:
        """Choices that depend on the user or on the database."""
        from content import policies

        user, slug = self.request.user, self.post_type.slug
        statuses = ["draft", "pending"]
        if policies.type_can(user, slug, "publish_posts"):
            statuses.append("publish")
        current = self.start["status"]
        if current not in statuses:
            statuses.append(current)
        self.fields["status"].choices = [(s, STATUS_LABELS.get(s, s)) for s in statuses]
        if "author" in self.fields:
            self.fields["author"].queryset = authors()
            if not policies.type_can(user, slug, "edit_others_posts"):
                self.fields["author"].disabled = True  # check_can_assign_author's rule
        for taxonomy in type_taxonomies(slug):
            if taxonomy.hierarchical and taxonomy.rest_base in self.fields:
                terms = Term.objects.filter(taxonomy=taxonomy.slug)
                self.fields[taxonomy.rest_base].choices = tree_choices(terms)
        if "parent" in self.fields:
            siblings = Post.objects.filter(type=slug).exclude(status__in=["trash", "auto-draft"])
            exclude = _post_descendants(self.stored) if self.stored else set()
            rows = [
                (pk, parent, title or f"#{pk}")
                for pk, parent, title in siblings.values_list("pk", "parent_id", "title")
                if pk not in exclude
            ]
            from taxonomy.admin import tree_order

            names = {pk: title for pk, _, title in rows}
            choices = [(pk, "— " * depth + names[pk]) for pk, depth in tree_order(rows)]
            self.fields["parent"].choices = [(0, "(no parent)"), *choices]

    # --- reading the form back ------------------------------------------------------------
    def clean_content(self) -> str:
        return self._line_ends("content")

    def clean_excerpt(self) -> str:
        return self._line_ends("excerpt")

    def _line_ends(self, name: str) -> str:
        value = self.cleaned_data.get(name) or ""
        if "\r\n" not in (self.start.get(name) or ""):
            value = value.replace("\r\n", "\n")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("visibility") == "password" and not cleaned.get("password"):
            self.add_error("password", "A password protected post needs a password.")
        if not self.errors:
            try_write(lambda: self.model_admin.write(self.request, self))
        return cleaned

    def write_fields(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """The REST write's arguments for what changed (everything given, for a new post), and
        the names of flat-taxonomy terms to create first, by taxonomy."""
        data, start, creating = self.cleaned_data, self.start, self.stored is None
        fields: dict[str, Any] = {}

        def changed(name: str) -> bool:
            value, before = data.get(name), start.get(name)
            if isinstance(value, datetime) and isinstance(before, datetime):
                value, before = value.replace(microsecond=0), before.replace(microsecond=0)
            return name in data and (creating or value != before)

        for name in ("title", "content", "excerpt", "slug"):
            if changed(name) and (data[name] or not creating):
                fields[name] = data[name]
        visibility = data.get("visibility") or "public"
        status = "private" if visibility == "private" else data.get("status") or "draft"
        stored_status = self.stored.status if self.stored else None
        if status == "future" and stored_status == "future":
            status = "future" if not changed("date") else "publish"
        if creating or status != stored_status:
            fields["status"] = status
        password = data.get("password", "") if visibility == "password" else ""
        if password != (self.stored.password if self.stored else ""):
            fields["password"] = password
        if changed("date"):
            if data["date"] is None:
                if not creating:
                    fields["date"] = None  # back to "when it is published"
            else:
                fields["date_gmt"] = format_gmt(data["date"])
        if "author" in self.fields and not self.fields["author"].disabled and changed("author"):
            author = data["author"]
            fields["author"] = author.pk if author is not None else 0
        for name in ("sticky", "format", "menu_order", "template"):
            if name in self.fields and changed(name):
                fields[name] = data[name]
        for name in ("comment_status", "ping_status"):
            if name in self.fields and changed(name):
                fields[name] = "open" if data[name] else "closed"
        if "parent" in self.fields and changed("parent"):
            fields["parent"] = int(data["parent"] or 0)
        if "featured_media" in self.fields and changed("featured_media"):
            fields["featured_media"] = data["featured_media"] or 0
        terms: dict[str, list[int]] = {}
        new_names: dict[str, list[str]] = {}
        for taxonomy in type_taxonomies(self.post_type.slug):
            name = taxonomy.rest_base
            if name not in self.fields or not changed(name):
                continue
            if taxonomy.hierarchical:
                chosen = sorted(int(pk) for pk in data[name])
                if not chosen and creating:
                    continue  # wp_insert_post() gives a new post the default category
                if not chosen and taxonomy.slug == "category":
                    # wp_set_post_categories(), as wp-admin saves posts: no category
                    # ticked is the default category
                    from taxonomy.services import default_category

                    chosen = [default_category().pk]
                terms[taxonomy.slug] = chosen
            else:
                new_names[taxonomy.slug] = _names(data[name])
        if terms:
            fields["terms"] = terms
        meta = changed_meta(data, start)
        if meta:
            fields["meta"] = meta
        return fields, new_names


def _names(text: str) -> list[str]:
    seen: list[str] = []
    for name in (part.strip() for part in (text or "").split(",")):
        if name and name.lower() not in (other.lower() for other in seen):
            seen.append(name)
    return seen


def _post_descendants(post: Post) -> set[int]:
    rows = list(Post.objects.filter(type=post.type).values_list("pk", "parent_id"))
    found, frontier = {post.pk}, {post.pk}
    while frontier:
        frontier = {pk for pk, parent in rows if parent in frontier and pk not in found}
        found |= frontier
    return found


def post_form(model_admin: Any, request: Any, properties: frozenset[str]) -> type[PostForm]:
    """The form class of one post type: PostForm plus the fields its schema has."""
    post_type: PostType = model_admin.post_type
    attrs: dict[str, Any] = {
        "post_type": post_type,
        "properties": properties,
        "model_admin": model_admin,
        "request": request,
        "Meta": type("Meta", (PostForm.Meta,), {"model": model_admin.model}),
    }
    if "author" in properties:
        attrs["author"] = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    if "sticky" in properties:
        attrs["sticky"] = forms.BooleanField(required=False, label="Stick to the top of the blog")
    if "format" in properties:
        attrs["format"] = forms.ChoiceField(choices=[(f, f.title()) for f in POST_FORMATS])
    if "featured_media" in properties:
        attrs["featured_media"] = forms.IntegerField(
            required=False, label="Featured image", widget=MediaPickerWidget(), min_value=0
        )
    if "parent" in properties:
        attrs["parent"] = forms.TypedChoiceField(coerce=int, required=False, empty_value=0)
    if "menu_order" in properties:
        attrs["menu_order"] = forms.IntegerField(label="Order")
    templates = page_templates(post_type.slug)
    if "template" in properties and templates:
        choices = [("", "Default template"), *((t, t) for t in templates)]
        attrs["template"] = forms.ChoiceField(choices=choices, required=False)
    if "comment_status" in properties:
        attrs["comment_status"] = forms.BooleanField(required=False, label="Allow comments")
    if "ping_status" in properties:
        attrs["ping_status"] = forms.BooleanField(
            required=False, label="Allow trackbacks and pingbacks"
        )
    for taxonomy in type_taxonomies(post_type.slug):
        if taxonomy.rest_base not in properties:
            continue
        if taxonomy.hierarchical:
            attrs[taxonomy.rest_base] = forms.TypedMultipleChoiceField(
                coerce=int, required=False, label=taxonomy.name, widget=TermChecklist
            )
        else:
            attrs[taxonomy.rest_base] = forms.CharField(
                required=False,
                label=taxonomy.name,
                widget=TagNamesInput(),
                help_text="Separate with commas; new names are added to the "
                f"{taxonomy.name.lower()}.",
            )
    if "meta" in properties:
        attrs.update(meta_fields(POST_META, post_type.slug))
    name = f"{post_type.slug.title().replace('_', '').replace('-', '')}Form"
    return type(name, (PostForm,), attrs)


def fieldsets(form: type[PostForm]) -> list[tuple[str | None, dict[str, Any]]]:
    """wp-admin's boxes, in its order, with the fields this type's form has."""
    fields = form.base_fields
    present = lambda names: [n for n in names if n in fields]  # noqa: E731
    sets: list[tuple[str | None, dict[str, Any]]] = [
        (None, {"fields": present(["title", "slug", "content"])}),
        (
            "Publish",
            {"fields": present(["status", "visibility", "password", "sticky", "date", "author"])},
        ),
    ]
    taxonomies = [
        t.rest_base for t in type_taxonomies(form.post_type.slug) if t.rest_base in fields
    ]
    if taxonomies:
        sets.append(("Categories and tags", {"fields": taxonomies}))
    if "featured_media" in fields:
        sets.append(("Featured image", {"fields": ["featured_media"]}))
    sets.append(("Excerpt", {"fields": present(["excerpt"])}))
    attributes = present(["format", "parent", "menu_order", "template"])
    if attributes:
        sets.append(("Attributes", {"fields": attributes}))
    discussion = present(["comment_status", "ping_status"])
    if discussion:
        sets.append(("Discussion", {"fields": discussion, "classes": ["collapse"]}))
    meta = [name for name in fields if name.startswith("meta__")]
    if meta:
        sets.append(("Custom fields", {"fields": meta}))
    return [item for item in sets if item[1]["fields"]]
