"""Who may read which posts. Lists, search, `_embed`, revisions and comments all use these."""

from typing import Any

from django.db.models import Q, QuerySet

from content.models import Post
from content.registry import post_type_caps_for
from users.capabilities import user_can


def readable_posts(user: Any, posts: QuerySet[Post], post_type: str = "post") -> QuerySet[Post]:
    """Posts `user` may see in a list: published ones, plus private ones with read_private_posts,
    plus their own drafts/private posts."""
    caps = post_type_caps_for(post_type)
    readable = Q(status=Post.Status.PUBLISH)
    if user is not None and user.is_authenticated:
        if user_can(user, caps["read_private_posts"]):
            readable |= Q(status=Post.Status.PRIVATE)
        else:
            readable |= Q(status=Post.Status.PRIVATE, author=user)
    return posts.filter(readable)


def can_read_post(user: Any, post: Post) -> bool:
    """check_read_permission(): may `user` see this one post at all?"""
    if post.status == Post.Status.PUBLISH:
        return True
    if user is None or not user.is_authenticated:
        return False
    return user_can(user, "read_post", post)
