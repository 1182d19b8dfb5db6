"""wp-admin's addresses lead to the same screens here: /wp-admin/ to the dashboard,
edit.php?post_type=page to the pages, post.php?post=7&action=edit to that post's edit screen,
and so on (bookmarks, links in notification emails, editors' habits)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse

from wpapi.admin.base import SCREENS_APP


def _screen(name: str, action: str, *args: object) -> str:
    return reverse(f"admin:{SCREENS_APP}_{name}_{action}", args=args)


def _post_screen(query: dict[str, str], action: str) -> str:
    from content.models import Post

    try:
        post_id = int(query.get("post") or query.get("revision") or 0)
    except ValueError:
        post_id = 0
    row = Post.objects.filter(pk=post_id).values_list("type", "parent_id").first()
    if row is None:
        return reverse("admin:index")
    post_type, parent_id = row
    if post_type == "revision":
        parent_type = Post.objects.filter(pk=parent_id).values_list("type", flat=True).first()
        return _screen(parent_type or "post", "revisions", parent_id)
    return _screen(post_type, action, post_id)


def _term_screen(query: dict[str, str]) -> str:
    taxonomy = query.get("taxonomy") or "category"
    if query.get("tag_ID", "").isdigit():
        return _screen(taxonomy, "change", int(query["tag_ID"]))
    return _screen(taxonomy, "changelist")


def wp_admin(request: HttpRequest, page: str = "") -> HttpResponseRedirect:
    """/wp-admin/<page>: a redirect to the screen that does what that page did."""
    query = {key: request.GET.get(key, "") for key in request.GET}
    post_type = query.get("post_type") or "post"
    routes = {
        "": lambda: reverse("admin:index"),
        "index.php": lambda: reverse("admin:index"),
        "edit.php": lambda: _screen(post_type, "changelist"),
        "post-new.php": lambda: _screen(post_type, "add"),
        "post.php": lambda: _post_screen(query, "change"),
        "revision.php": lambda: _post_screen(query, "change"),
        "upload.php": lambda: _screen("attachment", "changelist"),
        "media-new.php": lambda: _screen("attachment", "add"),
        "edit-tags.php": lambda: _term_screen(query),
        "term.php": lambda: _term_screen(query),
        "edit-comments.php": lambda: reverse("admin:comments_comment_changelist"),
        "comment.php": lambda: reverse(
            "admin:comments_comment_change", args=[int(query.get("c") or 0)]
        ),
        "users.php": lambda: reverse("admin:users_user_changelist"),
        "user-new.php": lambda: reverse("admin:users_user_add"),
        "profile.php": lambda: reverse("admin:users_user_change", args=[request.user.pk or 0]),
        "user-edit.php": lambda: reverse(
            "admin:users_user_change", args=[int(query.get("user_id") or 0)]
        ),
    }
    for name in ("general", "writing", "reading", "discussion"):
        routes[f"options-{name}.php"] = lambda: reverse("admin:site_settings")
    route = routes.get(page)
    try:
        target = route() if route is not None else reverse("admin:index")
    except (NoReverseMatch, ValueError):
        target = reverse("admin:index")
    return HttpResponseRedirect(target)
