"""/wp/v2/comments and /wp/v2/comments/<id>: WordPress's comments controller."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from rest_framework.request import Request
from rest_framework.response import Response

from comments import policies, services
from comments.meta import COMMENT_META
from comments.models import Comment
from comments.options import discussion_option
from comments.queries import comment_collection_args, filter_comments, normalise_list_params
from comments.serializers import CommentSerializer, comment_serializer_class, comment_write_fields
from content.models import Post
from content.permalinks import load_ancestors
from content.queries import posts_by_id
from users.capabilities import needs_kses
from wpapi import sql
from wpapi.errors import WPError
from wpapi.formatting import sanitize_key
from wpapi.links import rest_url, site_url
from wpapi.params import is_row_id, row_ids
from wpapi.site import get_option
from wpapi.viewsets import CONTEXT_ARG, FORCE_ARG, WPViewSet

PASSWORD_ARG = {
    "description": "The password for the parent post of the comment (if the post "
    "is password protected).",
    "type": "string",
}


def _ip(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_ip(meta: dict[str, Any], trusted: list[str]) -> str:
    address = _ip(meta.get("REMOTE_ADDR", ""))
    if not address or not ("*" in trusted or address in trusted):
        return address
    for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop_ip = _ip(hop)
        if not hop_ip:
            break
        address = hop_ip
        if "*" in trusted or hop_ip not in trusted:
            break
    return address


#: approved comments (the posts' stored counts) below which a page's replies are read whole
FEW_COMMENTS = 200


class CommentViewSet(WPViewSet):
    not_found_code, not_found_message = "rest_comment_invalid_id", "Invalid comment ID."
    invalid_page_code = "rest_comment_invalid_page_number"
    page_past_end_is_error = False  # WordPress answers a page past the end with [] (and prev)
    id_description = "Unique identifier for the comment."

    def get_serializer_class(self) -> type[CommentSerializer]:
        return comment_serializer_class()

    # --- arguments ---------------------------------------------------------------------------
    def collection_args(self) -> dict[str, dict[str, Any]]:
        return comment_collection_args()

    def item_args(self) -> dict[str, dict[str, Any]]:
        return {"context": CONTEXT_ARG, "password": PASSWORD_ARG}

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return {"force": FORCE_ARG, "password": PASSWORD_ARG}

    # --- rows ----------------------------------------------------------------------------------
    def get_queryset(self) -> QuerySet[Comment]:
        # The post and author are read for links, avatars and permissions; their large text
        # columns are not.
        return Comment.objects.select_related("post", "user").defer(
            "post__content",
            "post__excerpt",
            "post__media_details",
            "post__title",
            "user__password",
            "user__description",
        )

    def list_params(self) -> dict[str, Any]:
        """The collection arguments, sanitised as WordPress does before its checks. The Allow
        header runs the list check on other requests too, whose `post` is one ID."""
        params = dict(self.params)
        post = params.get("post")
        # (`! empty( $request['post'] )`: another request's post 0 is no post filter)
        if isinstance(post, int):
            params["post"] = [post] if post else []
        elif not isinstance(post, list):
            params["post"] = []
        return normalise_list_params(params)

    def filter_queryset(self, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        user = self.request.user
        params = self.list_params()
        posts = params["post"]
        if self.action != "list":  # _embed's replies: the readable ones, in the query
            queryset = policies.readable_comments(
                user,
                queryset,
                password=params.get("password"),
                single_post=posts[0] if len(posts) == 1 else None,
            )
        return filter_comments(queryset, params, search_private_fields=policies.is_moderator(user))

    def page_response(self, rows: list[Comment], total: int, max_pages: int, page: int) -> Response:
        """get_items(): WP_Comment_Query finds the page and its total (found_comments) without
        asking who may read what; then each comment the caller may not read is left out of
        the page, and the total still counts it."""
        params = self.list_params()
        named = len(params["post"]) == 1
        readable = [
            comment
            for comment in rows
            if policies.can_read_comment(
                self.request.user, comment, params.get("password"), named=named
            )
        ]
        return super().page_response(readable, total, max_pages, page)

    def response_fields(self) -> set[str] | None:
        # WordPress's comments controller computes a field only when `_fields` names it whole:
        # `_fields=content.rendered` leaves `content` out (unlike posts), so it does here too.
        fields = super().response_fields()
        requested = self.request_fields()
        if fields is None or requested is None:
            return fields
        whole = set(requested) | {"_links", "id"}
        return {name for name in fields if name in whole}

    def prepare_items(self, items: list[Comment]) -> dict[str, Any]:
        ids = [item.pk for item in items]
        extra: dict[str, Any] = {}
        fields = self.response_fields()
        if ids and "_links" in (fields or {"_links"}):
            parent, status = sql.column(Comment, "parent"), sql.column(Comment, "status")
            query = (
                f"SELECT DISTINCT {parent} FROM {sql.table(Comment)} "
                f"WHERE {parent} IN ({sql.placeholders(ids)}) AND {status} IN (%s, %s)"
            )
            extra["has_children"] = {row[0] for row in sql.fetch(query, [*ids, "0", "1"])}
        if fields is None or "content" in fields:
            extra["smilies"] = bool(get_option("use_smilies", True))
        if fields is None or "link" in fields:
            # pages' ancestors for the posts' permalinks (attachments' links are not built here)
            extra["ancestors"] = load_ancestors(
                [item.post for item in items if item.post.type != "attachment"]
            )
        if fields is None or "meta" in fields:
            extra["meta"] = COMMENT_META.load(ids)
        return extra

    # --- permissions -------------------------------------------------------------------------
    # --- _embed of many posts' replies (or comments' children) in one go ------------------------
    embeds_collections_by = ("post", "parent")

    def embed_collections(self, key: str, values: list[int]) -> dict[int, list[dict[str, Any]]]:
        """`?post=<id>` for every post of a page (or `?parent=<id>` for every comment), when
        this user may list them all: each one's first page of comments, in the list's order,
        from one query."""
        column = {"post": "post_id", "parent": "parent_id"}[key]
        self.params[key] = []
        try:
            self.check_list_permission()  # what does not depend on the values
        except WPError:
            return {}  # each one is asked on its own, for its own answer
        found: dict[int, Any] = {}
        if key == "post":  # each post is checked as a request naming it alone would be
            posts = posts_by_id(self.request, row_ids(values), with_parents=True)
            params = self.list_params()
            allowed = []
            for value in values:
                try:
                    policies.check_can_list(self.request.user, {**params, "post": [value]}, posts)
                except WPError as error:
                    found[value] = error.as_dict()
                    continue
                allowed.append(value)
            values = allowed
        self.params[key] = values
        comments = self.filter_queryset(self.get_queryset())
        per_page = self.params.get("per_page") or 10
        approved = (
            sum(getattr(posts.get(value), "comment_count", FEW_COMMENTS) for value in values)
            if key == "post"
            else None
        )
        if approved is not None and approved <= FEW_COMMENTS:
            # the posts' stored counts say their comments are few: all of them, each post's
            # first page kept here, costs less than a ranked query (Django wraps the window
            # in a subquery it compiles twice)
            taken: dict[int, int] = {}
            rows = []
            for row in comments:
                owner = getattr(row, column)
                if taken.get(owner, 0) < per_page:
                    taken[owner] = taken.get(owner, 0) + 1
                    rows.append(row)
        else:
            ranked = comments.annotate(
                embed_rank=Window(
                    RowNumber(), partition_by=F(column), order_by=list(comments.query.order_by)
                )
            )
            rows = list(ranked.filter(embed_rank__lte=per_page))
        items = dict(zip([row.pk for row in rows], self.serialize(rows), strict=True))
        found.update({value: [] for value in values})
        for row in rows:
            found[getattr(row, column)].append(items[row.pk])
        return found

    def check_list_permission(self) -> None:
        params = self.list_params()
        ids = [post_id for post_id in params["post"] if is_row_id(post_id)]
        posts = posts_by_id(self.request, ids, with_parents=True) if ids else {}
        policies.check_can_list(self.request.user, params, posts)

    def check_retrieve_permission(self, comment: Comment) -> None:
        policies.check_can_read(self.request.user, comment, self.params)

    def check_create_permission(self) -> None:
        params = dict(self.params)
        post = params.get("post")
        if not isinstance(post, int):
            # A list request's `post` is a list, which WordPress's (int) cast makes 1 or 0.
            params["post"] = 1 if isinstance(post, list) and post else 0
        self.target_post = policies.check_can_create(
            self.request.user,
            params,
            self.remote_addr(),
            getattr(settings, "WP_ALLOW_ANONYMOUS_COMMENTS", False)
            and not discussion_option("comment_registration"),
        )

    def check_update_permission(self, comment: Comment) -> None:
        policies.check_can_edit(self.request.user, comment)

    def check_destroy_permission(self, comment: Comment) -> None:
        policies.check_can_delete(self.request.user, comment)

    # --- handlers ------------------------------------------------------------------------------
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        comment = self.perform_create(self.params)
        self.object = self.reload(comment)
        self.wp_context = "edit" if policies.is_moderator(request.user) else "view"
        response = Response(self.serialize_one(self.object), status=201)
        response["Location"] = rest_url(request, f"/wp/v2/comments/{comment.pk}")
        return response

    def perform_create(self, params: dict[str, Any]) -> Comment:
        user = self.request.user
        if params.get("id"):
            raise WPError("rest_comment_exists", "Cannot create existing comment.", 400)
        if params.get("type") and params["type"] != "comment":
            raise WPError(
                "rest_invalid_comment_type", "Cannot create a comment with that type.", 400
            )
        post = self.target_post
        fields = self.prepared(params, creating=True)
        content = fields.get("content")
        if not isinstance(content, str) or not content.strip():
            raise WPError("rest_comment_content_invalid", "Invalid comment content.", 400)
        if discussion_option("require_name_email") and (
            not fields.get("author_name") or not fields.get("author_email")
        ):
            raise WPError(
                "rest_comment_author_data_required",
                "Creating a comment requires valid author name and email values.",
                400,
            )
        services.check_comment_lengths(fields)
        fields["content"] = services.filter_content(
            content, kses=needs_kses(user), site_host=self.site_host()
        )
        if not fields["content"].strip():
            raise WPError("rest_comment_content_invalid", "Invalid comment content.", 400)
        parent_id = services.checked_parent(params.get("parent") or 0, post.pk)
        status = sanitize_key(params["status"]) if "status" in params else None
        prospective = Comment(post=post, user_id=fields.get("user_id"))
        COMMENT_META.check_can_write(prospective, params.get("meta"), user)
        return services.comment_create(
            post=post,
            flood_check=not policies.is_flood_exempt(user),
            content=fields["content"],
            user_id=fields.get("user_id"),
            author_name=fields.get("author_name", ""),
            author_email=fields.get("author_email", ""),
            author_url=fields.get("author_url", ""),
            author_ip=fields["author_ip"],
            author_user_agent=fields.get("author_user_agent", ""),
            date=fields.get("date"),
            parent_id=parent_id,
            status=status,
            meta=params.get("meta"),
        )

    def perform_update(self, comment: Comment, params: dict[str, Any]) -> Comment:
        user = self.request.user
        if "type" in params and params["type"] != (comment.type or "comment"):
            raise WPError(
                "rest_comment_invalid_type",
                "Sorry, you are not allowed to change the comment type.",
                404,
            )
        policies.check_can_reassign(user, comment, params)
        changes = self.prepared(params, creating=False)
        if "post" in params:
            post = (
                Post.objects.filter(pk=params["post"]).first()
                if is_row_id(params["post"])
                else None
            )
            if post is None:
                raise WPError("rest_comment_invalid_post_id", "Invalid post ID.", 403)
            changes["post"] = post
        if "content" in changes:
            content = changes["content"]
            if not isinstance(content, str) or not content.strip():
                raise WPError("rest_comment_content_invalid", "Invalid comment content.", 400)
        services.check_comment_lengths(changes)
        # wp_update_comment() runs pre_comment_content again on the whole comment, the stored
        # text too when none is sent; kses applies when the editor lacks unfiltered_html or
        # the comment's own author does (a visitor has none)
        changes["content"] = services.filter_content(
            changes.get("content", comment.content),
            kses=needs_kses(user) or needs_kses(comment.user),
            site_host=self.site_host(),
        )
        if "parent" in params:
            post_id = changes["post"].pk if "post" in changes else comment.post_id
            changes["parent_id"] = services.checked_parent(
                params["parent"] or 0, post_id, comment.pk
            )
        status = sanitize_key(params["status"]) if "status" in params else None
        COMMENT_META.check_can_write(comment, params.get("meta"), user)
        return services.comment_update(
            comment=comment, changes=changes, status=status, meta=params.get("meta")
        )

    def perform_destroy(self, comment: Comment, params: dict[str, Any]) -> dict[str, Any]:
        self.wp_context = "edit"
        if params.get("force"):
            previous = self.serialize_one(comment)
            previous.pop("_links", None)  # $previous->get_data(): the data without its links
            services.comment_delete(comment=comment)
            return {"deleted": True, "previous": previous}
        if comment.status == Comment.Status.TRASH:
            raise WPError("rest_already_trashed", "The comment has already been trashed.", 410)
        services.comment_trash(comment=comment)
        return self.serialize_one(self.reload(comment))

    def prepared(self, params: dict[str, Any], *, creating: bool) -> dict[str, Any]:
        return comment_write_fields(
            params,
            user=self.request.user,
            creating=creating,
            remote_addr=self.remote_addr(),
            user_agent=self.request.META.get("HTTP_USER_AGENT", ""),
        )

    def site_host(self) -> str:
        return urlsplit(site_url(self.request)).hostname or ""

    def remote_addr(self) -> str:
        """The commenter's IP: REMOTE_ADDR, or behind trusted proxies (WP_TRUSTED_PROXIES) the
        last X-Forwarded-For address they did not add, so flood control and author_ip see the
        visitor rather than the load balancer."""
        return client_ip(self.request.META, settings.WP_TRUSTED_PROXIES)
