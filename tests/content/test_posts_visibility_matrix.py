"""One rule of post visibility: whatever the single-object check says of a post, every list says
of it too. Role x post type x status x own/others' posts (password-protected, future, private,
trash with its former status, and attachments inheriting from parents of every status)."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from content.models import Post
from content.policies import can_read_post, can_see_post
from content.queries import editable_q, readable_q
from tests.conftest import ROLES
from tests.factories import PostFactory, UserFactory
from users.capabilities import user_can

TYPES = ["post", "page", "wp_block"]
STATUSES = ["publish", "future", "draft", "pending", "private", "trash"]
TRASHED_FROM = ["publish", "private", "draft"]


@pytest.fixture
def world(db):
    """The caller's and someone else's posts of every kind, and media attached to them."""
    me = UserFactory(role="subscriber")
    other = UserFactory(role="author")
    later = timezone.now() + timedelta(days=30)
    posts = []
    for post_type, status, owner in itertools.product(TYPES, STATUSES, (me, other)):
        for former in TRASHED_FROM if status == "trash" else [""]:
            posts.append(
                PostFactory(
                    type=post_type,
                    status=status,
                    author=owner,
                    trashed_from_status=former,
                    date=later if status == "future" else timezone.now(),
                )
            )
    posts.append(PostFactory(password="secret", author=other))
    parents = [post for post in posts if post.type in ("post", "page")]
    media = [
        PostFactory(type="attachment", status="inherit", author=owner, parent=parent)
        for parent, owner in itertools.product([None, *parents], (me, other))
    ]
    media += [
        PostFactory(type="attachment", status=status, author=owner)
        for status, owner in itertools.product(("private", "trash"), (me, other))
    ]
    return me, posts + media


def _caller(me, role):
    if role is None:
        return AnonymousUser()
    me.role = role
    me.save(update_fields=["role"])
    return me


@pytest.mark.parametrize("role", [None, *ROLES])
def test_lists_show_exactly_what_the_single_check_allows(world, role):
    me, posts = world
    user = _caller(me, role)
    types = ["post", "page", "wp_block", "attachment"]
    listed = set(Post.objects.filter(readable_q(user, types)).values_list("pk", flat=True))
    for post in Post.objects.filter(pk__in=[p.pk for p in posts]).select_related("parent"):
        assert (post.pk in listed) == can_see_post(user, post), (
            role,
            post.type,
            post.status,
            post.trashed_from_status,
            post.author_id == getattr(user, "pk", None),
            post.parent and (post.parent.type, post.parent.status),
        )


@pytest.mark.parametrize("role", ROLES)
def test_editable_posts_are_exactly_those_edit_post_allows(world, role):
    me, posts = world
    user = _caller(me, role)
    types = ["post", "page", "wp_block", "attachment"]
    listed = set(Post.objects.filter(editable_q(user, types)).values_list("pk", flat=True))
    for post in Post.objects.filter(pk__in=[p.pk for p in posts]).select_related("parent"):
        assert (post.pk in listed) == user_can(user, "edit_post", post), (
            role,
            post.type,
            post.status,
            post.trashed_from_status,
        )


@pytest.mark.parametrize("role", [None, *ROLES])
@pytest.mark.parametrize(("route", "post_type"), [("posts", "post"), ("pages", "page")])
def test_collections_and_items_agree_over_http(api_client, world, role, route, post_type):
    me, posts = world
    user = _caller(me, role)
    if role is not None:
        api_client.force_authenticate(user)
    mine = [post for post in posts if post.type == post_type]
    statuses = ["publish"]
    if role is not None and user_can(user, "edit_posts" if post_type == "post" else "edit_pages"):
        statuses = STATUSES
    listed = api_client.get(
        f"/wp-json/wp/v2/{route}",
        {
            "status": ",".join(statuses),
            "per_page": 100,
            "include": ",".join(str(p.pk) for p in mine),
        },
    )
    assert listed.status_code == 200
    shown = {item["id"] for item in listed.json()}
    assert listed["X-WP-Total"] == str(len(shown))
    for post in mine:
        single = api_client.get(f"/wp-json/wp/v2/{route}/{post.pk}")
        readable = can_read_post(user, post)
        assert (single.status_code == 200) == readable, (role, post.status)
        if post.status in statuses:
            assert (post.pk in shown) == readable, (role, post.status)


@pytest.mark.parametrize("role", [None, *ROLES])
def test_media_collection_and_items_agree_over_http(api_client, world, role):
    me, posts = world
    user = _caller(me, role)
    if role is not None:
        api_client.force_authenticate(user)
    media = [post for post in posts if post.type == "attachment"]
    statuses = ["inherit"]
    if role is not None and user_can(user, "edit_posts"):
        statuses = ["inherit", "private", "trash"]
    listed = api_client.get(
        "/wp-json/wp/v2/media",
        {
            "status": ",".join(statuses),
            "per_page": 100,
            "include": ",".join(str(p.pk) for p in media),
        },
    )
    assert listed.status_code == 200
    shown = {item["id"] for item in listed.json()}
    for item in Post.objects.filter(pk__in=[p.pk for p in media]).select_related("parent"):
        single = api_client.get(f"/wp-json/wp/v2/media/{item.pk}")
        readable = can_read_post(user, item)
        assert (single.status_code == 200) == readable, (role, item.status, item.parent_id)
        if item.status in statuses:
            assert (item.pk in shown) == readable, (role, item.status, item.parent_id)
