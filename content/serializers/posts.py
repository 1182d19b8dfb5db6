"""One serializer class for every post type: `PostSerializer.for_type("page")` returns the class
for one type, whose `schema` is that type's item schema (posts have sticky, format and their
taxonomies; hierarchical types parent; page-attributes menu_order)."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import unquote

from content.formatting import render_content, render_excerpt, render_title
from content.meta_fields import POST_META
from content.models import Post
from content.permalinks import post_guid, post_permalink
from content.policies import can_access_password_content
from content.serializers.schema import build_schema
from content.services import POST_FIELDS
from users.capabilities import user_can
from wpapi.links import rest_url, site_url
from wpapi.registry import PostType, get_post_type, type_taxonomies
from wpapi.serializers import WPSerializer


class PostSerializer(WPSerializer):
    """A post of any type, as WP_REST_Posts_Controller::prepare_item_for_response()."""

    post_type = "post"
    schema: dict[str, Any] = {"title": "post", "type": "object", "properties": {}}

    @classmethod
    def for_type(cls, slug: str) -> type[PostSerializer]:
        post_type = get_post_type(slug)
        if post_type is None:
            raise LookupError(slug)
        # the schema depends on registered meta too (settings), so that is part of the key
        return _serializer_for(post_type, tuple(type_taxonomies(slug)), POST_META.signature(slug))

    # --- helpers reading the per-page data the view loaded -----------------------------------
    @property
    def type_object(self) -> PostType:
        return get_post_type(self.post_type)

    @property
    def user(self) -> Any:
        return self.context["request"].user

    def rest_base(self) -> str:
        return self.type_object.rest_base or self.post_type

    def can_edit(self, post: Post) -> bool:
        return user_can(self.user, "edit_post", post)

    def can_see_protected(self, post: Post) -> bool:
        return can_access_password_content(
            self.user, post, self.context.get("password"), self.wp_context
        )

    def permalink(self, post: Post, sample: bool = False) -> str:
        return post_permalink(
            site_url(self.context.get("request")), post, self.context.get("ancestors", {}), sample
        )

    def site(self) -> str:
        return site_url(self.context.get("request"))

    def guid(self, post: Post) -> str:
        return post_guid(self.site(), post)

    # --- the item ------------------------------------------------------------------------------
    def to_representation(self, post: Post) -> dict[str, Any]:  # noqa: C901 - one field each
        want = self.wants
        props = self.schema["properties"]
        data: dict[str, Any] = {}
        if want("id"):
            data["id"] = post.pk
        self.put_date(data, "date", post.date)
        if want("guid"):
            data["guid"] = {"rendered": self.guid(post), "raw": self.guid(post)}
        self.put_date(data, "modified", post.modified)
        visible = self.can_see_protected(post)
        if want("password"):
            # edit context lists every readable post; only those who may edit one see its
            # password (WordPress 6.1 shows it to anyone allowed context=edit)
            data["password"] = post.password if self.can_edit(post) else ""
        self.put_fields(data, post, "slug", "status", "type")
        if want("link"):
            data["link"] = self.permalink(post)
        if "title" in props and want("title"):
            # get_the_title(): "Private: " stays; REST drops only the "Protected: " prefix
            shown = post.title
            if post.status == "private" and not post.password:
                shown = f"Private: {shown}"
            data["title"] = {"raw": post.title}
            if "rendered" in props["title"]["properties"]:
                data["title"]["rendered"] = render_title(shown)
        if "content" in props and want("content"):
            # reusable blocks have no rendered content; their raw markup is for every reader
            rendered = "rendered" in props["content"]["properties"]
            content = {"raw": post.content if visible or not rendered else ""}
            if rendered:
                content["rendered"] = (
                    render_content(post.content, self.site(), self.context.get("render"), post)
                    if visible
                    else ""
                )
            content["protected"] = bool(post.password)
            content["block_version"] = 1 if "<!-- wp:" in post.content else 0
            data["content"] = content
        if "excerpt" in props and want("excerpt"):
            data["excerpt"] = {
                "raw": post.excerpt if visible else "",
                "rendered": (
                    render_excerpt(post.excerpt, post.content, self.site()) if visible else ""
                ),
                "protected": bool(post.password),
            }
        if "author" in props and want("author"):
            data["author"] = post.author_id or 0
        if "featured_media" in props and want("featured_media"):
            data["featured_media"] = post.featured_media_id or 0
        if "parent" in props and want("parent"):
            data["parent"] = post.parent_id or 0
        if "menu_order" in props and want("menu_order"):
            data["menu_order"] = post.menu_order
        if "comment_status" in props and want("comment_status"):
            data["comment_status"] = post.comment_status
        if "ping_status" in props and want("ping_status"):
            data["ping_status"] = post.ping_status
        if "sticky" in props and want("sticky"):
            data["sticky"] = post.sticky
        if want("template"):
            data["template"] = post.template
        if "format" in props and want("format"):
            data["format"] = post.format or "standard"
        if want("meta"):
            data["meta"] = self.meta(post)
        terms = self.context.get("terms", {}).get(post.pk, {})
        for taxonomy in type_taxonomies(post.type):
            if taxonomy.rest_base in props and want(taxonomy.rest_base):
                data[taxonomy.rest_base] = terms.get(taxonomy.slug, [])
        if "permalink_template" in props and want("permalink_template"):
            data["permalink_template"] = self.permalink(post, sample=True)
        if "generated_slug" in props and want("generated_slug"):
            # the editable_slug filter shows it URL-decoded
            data["generated_slug"] = unquote(
                self.context.get("generated_slugs", {}).get(post.pk, "")
            )
        return data

    def meta(self, post: Post) -> Any:
        return POST_META.value(self.context.get("meta", {}).get(post.pk), post.type)

    # --- _links -------------------------------------------------------------------------------
    def links(self, post: Post) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        base = f"/wp/v2/{self.rest_base()}"
        supports = set(self.type_object.supports)
        links: dict[str, list[dict[str, Any]]] = {
            "self": [{"href": rest_url(request, f"{base}/{post.pk}")}],
            "collection": [{"href": rest_url(request, base)}],
            "about": [{"href": rest_url(request, f"/wp/v2/types/{post.type}")}],
        }
        if "author" in supports and post.author_id:
            links["author"] = [
                {"embeddable": True, "href": rest_url(request, f"/wp/v2/users/{post.author_id}")}
            ]
        if "comments" in supports:
            links["replies"] = [
                {"embeddable": True, "href": rest_url(request, f"/wp/v2/comments?post={post.pk}")}
            ]
        if "revisions" in supports:
            count, last = self.context.get("revisions", {}).get(post.pk, (0, None))
            links["version-history"] = [
                {"count": count, "href": rest_url(request, f"{base}/{post.pk}/revisions")}
            ]
            if count:
                links["predecessor-version"] = [
                    {"id": last, "href": rest_url(request, f"{base}/{post.pk}/revisions/{last}")}
                ]
        if self.type_object.hierarchical and post.parent_id:
            parent_type = self.context.get("parent_types", {}).get(post.parent_id, post.type)
            parent_object = get_post_type(parent_type)
            parent_base = (parent_object.rest_base if parent_object else "") or parent_type
            links["up"] = [
                {
                    "embeddable": True,
                    "href": rest_url(request, f"/wp/v2/{parent_base}/{post.parent_id}"),
                }
            ]
        if post.featured_media_id:
            links["wp:featuredmedia"] = [
                {
                    "embeddable": True,
                    "href": rest_url(request, f"/wp/v2/media/{post.featured_media_id}"),
                }
            ]
        if post.type not in ("attachment", "nav_menu_item", "revision"):
            links["wp:attachment"] = [{"href": rest_url(request, f"/wp/v2/media?parent={post.pk}")}]
        taxonomies = type_taxonomies(post.type)
        if taxonomies:
            links["wp:term"] = [
                {
                    "taxonomy": tax.slug,
                    "embeddable": True,
                    "href": rest_url(request, f"/wp/v2/{tax.rest_base}?post={post.pk}"),
                }
                for tax in taxonomies
            ]
        if self.wp_context == "edit":
            self_href = rest_url(request, f"{base}/{post.pk}")
            for rel in self.available_actions(taxonomies):
                links[f"wp:{rel}"] = [{"href": self_href}]
        return links

    def available_actions(self, taxonomies: list[Any]) -> list[str]:
        """get_available_actions(): what the current user may do, for editors' UIs."""
        from wpapi.registry import post_type_caps_for

        user = self.user
        caps = post_type_caps_for(self.post_type)
        rels = []
        if user_can(user, caps["publish_posts"]):
            rels.append("action-publish")
        if user_can(user, "unfiltered_html"):
            rels.append("action-unfiltered-html")
        if (
            self.post_type == "post"
            and user_can(user, caps["edit_others_posts"])
            and user_can(user, caps["publish_posts"])
        ):
            rels.append("action-sticky")
        if "author" in self.type_object.supports and user_can(user, caps["edit_others_posts"]):
            rels.append("action-assign-author")
        for tax in taxonomies:
            create_cap = tax.capabilities.get(
                "edit_terms" if tax.hierarchical else "assign_terms", "manage_categories"
            )
            if user_can(user, create_cap):
                rels.append(f"action-create-{tax.rest_base}")
            if user_can(user, tax.capabilities.get("assign_terms", "edit_posts")):
                rels.append(f"action-assign-{tax.rest_base}")
        return rels


@cache
def _serializer_for(
    post_type: PostType, taxonomies: tuple[Any, ...], meta_key: str = ""
) -> type[PostSerializer]:
    name = "".join(part.title() for part in post_type.slug.replace("-", "_").split("_"))
    return type(
        f"{name}Serializer",
        (PostSerializer,),
        {"post_type": post_type.slug, "schema": build_schema(post_type, taxonomies)},
    )


def write_fields(params: dict[str, Any], post_type: str) -> dict[str, Any]:
    """A write request's arguments as the post services take them (prepare_item_for_database's
    reading of the request): title, content and excerpt as a string or as {"raw": ...}, the
    taxonomy arguments (`categories`, `tags`, ...) as `terms` by taxonomy."""
    bases = {taxonomy.rest_base: taxonomy.slug for taxonomy in type_taxonomies(post_type)}
    fields: dict[str, Any] = {}
    terms: dict[str, list[int]] = {}
    for name, value in params.items():
        if name in bases:
            if value is not None:  # a list of IDs; one ID for menu items' `menus`
                values = value if isinstance(value, list) else [value]
                terms[bases[name]] = [int(term) for term in values]
        elif name in ("title", "content", "excerpt"):
            text = value.get("raw") if isinstance(value, dict) else value
            if name == "title" and isinstance(value, dict) and text in ("", "0"):
                continue  # `! empty( $request['title']['raw'] )`: an empty raw title is no title
            if isinstance(text, str):
                fields[name] = text
        elif name in POST_FIELDS:
            fields[name] = value
    if terms:
        fields["terms"] = terms
    return fields
