"""Stored term counts follow every change that moves them, whoever makes it (the REST API, the
admin, a command, the ORM): a post's status transition (WordPress's
_update_term_count_on_transition_post_status), a post's deletion, and terms added to or taken
from a post (wp_set_object_terms). Writes in bulk (bulk_create, queryset updates) call
taxonomy.services.update_term_counts themselves."""

from typing import Any

from taxonomy.models import TermRelationship


def _recount(term_ids: Any) -> None:
    from taxonomy.services import update_term_counts

    if term_ids:
        update_term_counts(term_ids)


def _term_ids(post_id: int) -> list[int]:
    return list(TermRelationship.objects.filter(post_id=post_id).values_list("term_id", flat=True))


def post_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if not created and instance.status_changed:
        _recount(_term_ids(instance.pk))


def post_deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    instance.counted_terms = _term_ids(instance.pk)


def post_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    _recount(getattr(instance, "counted_terms", []))


def terms_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    """post.terms.add/remove/set/clear() (`reverse`: the instance is the post and `pk_set`
    holds terms), or term.posts...() (the instance is the term)."""
    if action == "pre_clear":
        instance.cleared_terms = _term_ids(instance.pk) if reverse else [instance.pk]
    elif action == "post_clear":
        _recount(getattr(instance, "cleared_terms", []))
    elif action in ("post_add", "post_remove"):
        _recount(pk_set if reverse else [instance.pk])
