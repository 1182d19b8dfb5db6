"""A post's revisions (revision.php): the list, a side-by-side comparison of a revision with the
post as it is now, and a button that restores it (wp_restore_post_revision: the post takes the
revision's title, content and excerpt through post_update, which stores a new revision)."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from content import policies, services
from content.models import Post
from content.services import REVISIONED_FIELDS
from wpapi.admin.base import SCREENS_APP

LABELS = {"title": "Title", "content": "Content", "excerpt": "Excerpt"}


def side_by_side(before: str, after: str, left: str, right: str) -> str:
    """Two texts line by line, changes marked (difflib's HTML table, escaped by difflib)."""
    table = difflib.HtmlDiff(tabsize=4, wrapcolumn=72).make_table(
        before.splitlines(), after.splitlines(), escape(left), escape(right)
    )
    return mark_safe(table)  # noqa: S308 - difflib escapes the compared text itself


def _stamp(revision: Post) -> str:
    return timezone.localtime(revision.date).strftime("%Y/%m/%d %H:%M:%S")


def _check(request: Any, post: Post) -> None:
    """Revisions are for those who may edit the post (the revisions route's rule)."""
    if not policies.can_edit_post(request.user, post):
        raise PermissionDenied


def revisions_view(model_admin: Any, request: Any, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk, type=model_admin.post_type_slug)
    _check(request, post)
    revisions = list(
        Post.objects.filter(type="revision", parent=post)
        .select_related("author")
        .order_by("-date", "-id")
    )
    chosen = None
    wanted = request.GET.get("revision", "")
    if wanted.isdigit():
        chosen = next((r for r in revisions if r.pk == int(wanted)), None)
    if chosen is None and revisions:
        chosen = revisions[0]
    diffs = []
    previous = None
    if chosen is not None:
        # as revision.php: the chosen revision (right) against the one before it (left)
        index = revisions.index(chosen)
        previous = revisions[index + 1] if index + 1 < len(revisions) else None
        left = f"Revision of {_stamp(previous)}" if previous else "(nothing before)"
        right = f"Revision of {_stamp(chosen)}"
        for field in REVISIONED_FIELDS:
            before = getattr(previous, field) if previous else ""
            after = getattr(chosen, field)
            diffs.append(
                {
                    "label": LABELS[field],
                    "same": before == after,
                    "table": side_by_side(before, after, left, right),
                }
            )
    name = f"admin:{SCREENS_APP}_{model_admin.post_type_slug}"
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": f"Revisions of “{post}”",
        "post": post,
        "revisions": revisions,
        "chosen": chosen,
        "previous": previous,
        "current": chosen is not None
        and all(getattr(chosen, f) == getattr(post, f) for f in REVISIONED_FIELDS),
        "diffs": diffs,
        "change_url": reverse(f"{name}_change", args=[post.pk]),
        "restore_url": reverse(f"{name}_restore", args=[post.pk, chosen.pk]) if chosen else "",
    }
    return TemplateResponse(request, "admin/wp/revisions.html", context)


def restore_view(model_admin: Any, request: Any, pk: int, revision: int) -> HttpResponse:
    """POST: the post takes the revision's title, content and excerpt."""
    post = get_object_or_404(Post, pk=pk, type=model_admin.post_type_slug)
    _check(request, post)
    old = get_object_or_404(Post, pk=revision, type="revision", parent=post)
    change_url = reverse(f"admin:{SCREENS_APP}_{model_admin.post_type_slug}_change", args=[pk])
    if request.method != "POST":
        return HttpResponseRedirect(change_url)
    user = request.user
    services.post_update(
        post=post,
        actor_id=user.pk,
        kses=policies.needs_kses(user),
        **{field: getattr(old, field) for field in REVISIONED_FIELDS},
    )
    messages.success(request, f"Restored the revision of {_stamp(old)}.")
    return HttpResponseRedirect(change_url)
