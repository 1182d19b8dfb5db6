"""Who may see and change terms and taxonomies: WordPress's terms and taxonomies controllers'
permission checks, built on users.capabilities.user_can()."""

from typing import Any

from content.models import Post
from taxonomy.models import Term
from taxonomy.services import is_default_term
from users.capabilities import post_status_of, user_can
from wpapi.errors import forbidden
from wpapi.registry import Taxonomy, get_post_type


def can_assign_terms(user: Any, taxonomy: Taxonomy) -> bool:
    return user_can(user, taxonomy.capabilities["assign_terms"])


def check_can_list_terms(user: Any, taxonomy: Taxonomy, context: str) -> None:
    """The edit context of a terms collection needs the taxonomy's edit_terms capability."""
    if context == "edit" and not user_can(user, taxonomy.capabilities["edit_terms"]):
        raise forbidden(
            user,
            "rest_forbidden_context",
            "Sorry, you are not allowed to edit terms in this taxonomy.",
        )


def can_read_terms_for_post(user: Any, post: Post, taxonomy: Taxonomy) -> bool:
    """check_read_terms_permission_for_post(): the post's type uses the taxonomy and the post is
    publicly viewable (a viewable type, published) or `user` may read it (read_post), so
    `?post=` never reveals a draft's or private post's terms, nor a menu item's to visitors."""
    if post.type not in taxonomy.object_types:
        return False
    post_type = get_post_type(post.type)
    if post_type is not None and post_type.viewable and post_status_of(post) == "publish":
        return True
    return user_can(user, "read_post", post)


def check_can_read_terms_for_post(user: Any, post: Post, taxonomy: Taxonomy) -> None:
    if not can_read_terms_for_post(user, post, taxonomy):
        raise forbidden(
            user,
            "rest_forbidden_context",
            "Sorry, you are not allowed to view terms for this post.",
        )


def check_can_view_term(user: Any, term: Term, context: str) -> None:
    if context == "edit" and not user_can(user, "edit_term", term):
        raise forbidden(
            user, "rest_forbidden_context", "Sorry, you are not allowed to edit this term."
        )


def check_can_create_term(user: Any, taxonomy: Taxonomy) -> None:
    """Hierarchical taxonomies need edit_terms (manage_categories); flat ones only assign_terms,
    so authors and contributors may create tags but not categories."""
    needed = "edit_terms" if taxonomy.hierarchical else "assign_terms"
    if not user_can(user, taxonomy.capabilities[needed]):
        raise forbidden(
            user,
            "rest_cannot_create",
            "Sorry, you are not allowed to create terms in this taxonomy.",
        )


def check_can_edit_term(user: Any, term: Term) -> None:
    if not user_can(user, "edit_term", term):
        raise forbidden(user, "rest_cannot_update", "Sorry, you are not allowed to edit this term.")


def can_delete_term(user: Any, term: Term) -> bool:
    """delete_term, which map_meta_cap denies for the default category whoever asks."""
    return not is_default_term(term) and user_can(user, "delete_term", term)


def check_can_delete_term(user: Any, term: Term) -> None:
    if not can_delete_term(user, term):
        raise forbidden(
            user, "rest_cannot_delete", "Sorry, you are not allowed to delete this term."
        )


# --- taxonomies ---------------------------------------------------------------------------------
def check_can_list_taxonomies(user: Any, candidates: list[Taxonomy], context: str) -> None:
    """The edit context of /taxonomies needs assign_terms in at least one listed taxonomy."""
    if context != "edit":
        return
    if not any(can_assign_terms(user, taxonomy) for taxonomy in candidates):
        raise forbidden(
            user, "rest_cannot_view", "Sorry, you are not allowed to manage terms in this taxonomy."
        )


def check_can_view_taxonomy(user: Any, taxonomy: Taxonomy | None, context: str) -> None:
    if taxonomy is not None and context == "edit" and not can_assign_terms(user, taxonomy):
        raise forbidden(
            user,
            "rest_forbidden_context",
            "Sorry, you are not allowed to manage terms in this taxonomy.",
        )
