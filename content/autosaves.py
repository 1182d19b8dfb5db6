"""Autosaves of posts, pages and every REST post type but media
(`/wp/v2/<type>/<id>/autosaves`, `/wp/v2/<type>/<parent>/autosaves/<id>`,
WP_REST_Autosaves_Controller), which the block editor saves to while someone types.

An autosave by the author of a draft updates the draft itself (without a revision); any other
autosave is a revision named "<id>-autosave-v1", one per user, replaced on each save.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.response import Response

from content import policies, services
from content.models import Post
from content.nested import UnderPostMixin
from content.permalinks import load_ancestors, post_permalink
from content.revisions import RevisionSerializer, post_type_schema
from content.serializers import write_fields
from content.serializers.schema import with_template_check
from users.authentication import create_nonce
from wpapi import schema as wp_schema
from wpapi.errors import WPError
from wpapi.links import site_url
from wpapi.params import is_row_id, php_intval
from wpapi.registry import post_types, type_taxonomies
from wpapi.routing import router
from wpapi.viewsets import CONTEXT_ARG, WPViewSet


def autosave_slug(post_id: int) -> str:
    return f"{post_id}-autosave-v1"


class AutosaveSerializer(RevisionSerializer):
    schema = {
        **RevisionSerializer.schema,
        "properties": {
            **RevisionSerializer.schema["properties"],
            "preview_link": {
                "description": "Preview link for the post.",
                "type": "string",
                "format": "uri",
                "context": ["edit"],
                "readonly": True,
            },
        },
    }

    def to_representation(self, item: Post) -> dict[str, Any]:
        data = super().to_representation(item)
        if not item.date_gmt_set:  # the draft itself, its date still floating
            for name in ("date", "date_gmt"):
                if name in data:
                    data[name] = None
        if "parent" in data:
            data["parent"] = item.parent_id or 0  # the draft itself may have no parent
        if self.wants("preview_link"):
            data["preview_link"] = self.context.get("preview_links", {}).get(item.pk, "")
        return data

    def links(self, item: Post) -> dict[str, list[dict[str, Any]]]:
        from wpapi.links import rest_url

        if not item.parent_id:  # the draft itself: no parent, no link
            return {}
        base = self.context["view"].parent_route
        return {"parent": [{"href": rest_url(self.context["request"], f"{base}/{item.parent_id}")}]}


class AutosaveViewSet(UnderPostMixin, WPViewSet):
    serializer_class = AutosaveSerializer
    parent_description = "The ID for the parent of the autosave."
    id_description = "The ID for the autosave."

    def get_serializer_class(self) -> type[AutosaveSerializer]:
        return self.serializer_class.for_type(self.post_type)

    # --- arguments ---------------------------------------------------------------------------
    def url_args(self) -> dict[str, dict[str, Any]]:
        # the collection route's own `id` is the post's; WordPress declares only `parent`
        args = {"parent": {"description": self.parent_description, "type": "integer"}}
        if "parent" in self.route.param_names:
            args["id"] = {"description": self.id_description, "type": "integer"}
        return args

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG}

    def create_args(self) -> dict[str, dict[str, Any]]:
        """The post's own update arguments (the parent controller's EDITABLE ones)."""
        args = wp_schema.args_from_schema(post_type_schema(self.post_type), creating=False)
        with_template_check(args, self.post_type, getattr(self, "kwargs", {}).get("id"))
        args.pop("id", None)
        return args

    # --- rows --------------------------------------------------------------------------------
    def parent_post(self) -> Post:
        if "parent" not in self.kwargs:  # the collection route names the post `id`
            self.kwargs = {**self.kwargs, "parent": self.kwargs.get("id")}
        return super().parent_post()

    def get_queryset(self) -> QuerySet[Post]:
        return Post.objects.filter(type=Post.Type.REVISION, status=Post.Status.INHERIT)

    def autosaves_of(self, post_id: int) -> QuerySet[Post]:
        return self.get_queryset().filter(parent_id=post_id, slug=autosave_slug(post_id))

    #: the item route's object is the parent post; its autosave is looked up in retrieve()
    embeds_in_bulk = False

    def get_object(self) -> Post:
        return self.parent_post()

    def prepare_items(self, items: list[Post]) -> dict[str, Any]:
        fields = self.response_fields()
        if self.wp_context != "edit" or (fields is not None and "preview_link" not in fields):
            return {}
        return {"preview_links": {item.pk: self.preview_link(item) for item in items}}

    def preview_link(self, item: Post) -> str:
        """get_preview_post_link(): the post's permalink with preview=true; for an autosave,
        the parent's, with preview_id and a preview nonce."""
        is_autosave = item.type == Post.Type.REVISION
        post = self.parent_post() if is_autosave else item
        if post.type_object is None or not post.type_object.viewable:
            return ""
        link = post_permalink(site_url(self.request), post, load_ancestors([post]))
        query = []
        if is_autosave:
            session = getattr(self.request._request, "session", None)
            nonce = create_nonce(
                self.request.user,
                getattr(session, "session_key", None) or "",
                f"post_preview_{post.pk}",
            )
            query += [f"preview_id={post.pk}", f"preview_nonce={nonce}"]
        query.append("preview=true")
        return link + ("&" if "?" in link else "?") + "&".join(query)

    # --- permissions -------------------------------------------------------------------------
    def check_parent_readable(self, message: str = "autosaves") -> Post:
        parent = self.parent_post()
        if not policies.can_edit_post(self.request.user, parent):
            raise self.forbid(
                "rest_cannot_read", f"Sorry, you are not allowed to view {message} of this post."
            )
        return parent

    def check_list_permission(self) -> None:
        self.check_parent_readable()

    def check_retrieve_permission(self, parent: Post) -> None:
        # WordPress checks the item route with the revisions controller's check
        self.check_parent_readable("revisions")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # WordPress answers the post's latest autosave (by anyone), whatever the ID asked for
        autosave = self.autosaves_of(self.object.pk).order_by("-date", "-id").first()
        if autosave is None:
            raise WPError(
                "rest_post_no_autosave", "There is no autosave revision for this post.", 404
            )
        return Response(self.serialize_one(autosave))

    def check_create_permission(self) -> None:
        """The post's update_item_permissions_check()."""
        user, params = self.request.user, self.params
        post = (
            Post.objects.filter(pk=php_intval(self.kwargs["id"]), type=self.post_type).first()
            if is_row_id(php_intval(self.kwargs["id"]))
            else None
        )
        if post is None:
            raise WPError("rest_post_invalid_id", "Invalid post ID.", 404)
        self._parent = post
        if not policies.can_edit_post(user, post):
            raise self.forbid("rest_cannot_edit", "Sorry, you are not allowed to edit this post.")
        policies.check_can_assign_author(user, self.post_type, params.get("author"), creating=False)
        policies.check_can_assign_sticky(user, self.post_type, params.get("sticky"))
        terms = {}
        for taxonomy in type_taxonomies(self.post_type):
            value = params.get(taxonomy.rest_base)
            if isinstance(value, list):
                terms[taxonomy.slug] = [int(term) for term in value]
        policies.check_can_assign_terms(user, terms)

    # --- handlers ----------------------------------------------------------------------------
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        parent = self.parent_post()
        autosaves = list(self.autosaves_of(parent.pk).order_by("-date", "-id"))
        return Response([] if request.method == "HEAD" else self.serialize(autosaves))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        post = self.parent_post()
        args = self.args_for("create")
        params = {name: value for name, value in self.params.items() if name in args}
        fields = write_fields(params, self.post_type)
        user = request.user
        if "status" in fields and fields["status"] != post.status:
            policies.check_can_set_status(user, self.post_type, fields["status"])
        kses = policies.needs_kses(user)
        if post.status in ("draft", "auto-draft") and post.author_id == user.pk:
            saved = services.autosave_draft(post=post, kses=kses, **fields)
        else:
            saved = services.put_autosave(post=post, actor_id=user.pk, kses=kses, **fields)
        saved = Post.objects.get(pk=saved.pk)
        self.wp_context = "edit"
        return Response(self.serialize_one(saved))


def register_autosave_routes() -> None:
    """For every REST post type but attachments, as WordPress does."""
    for slug, kind in post_types().items():
        if not kind.show_in_rest or slug == "attachment":
            continue
        base = f"/wp/v2/{kind.rest_base or slug}"
        typed = type(f"{slug.title()}AutosaveViewSet", (AutosaveViewSet,), {"post_type": slug})
        router.add(base + r"/(?P<id>[\d]+)/autosaves", typed, {"GET": "list", "POST": "create"})
        router.add(base + r"/(?P<parent>[\d]+)/autosaves/(?P<id>[\d]+)", typed, {"GET": "retrieve"})
