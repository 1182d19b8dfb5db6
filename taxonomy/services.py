"""Writes on terms (wp_insert_term, wp_update_term, wp_delete_term) and the term rules other apps
rely on: the default category, slugs, and the text sanitising WordPress applies to term fields."""

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, Q, QuerySet, Value, When

from taxonomy.meta import TERM_META
from taxonomy.models import Term, TermRelationship
from wpapi import locks
from wpapi.errors import WPError
from wpapi.formatting import (
    kses,
    sanitize_text_field,
    sanitize_title,
    specialchars,
    targeted_link_rel,
)
from wpapi.registry import Taxonomy, get_taxonomy
from wpapi.site import get_option

DEFAULT_CATEGORY_SLUG = "uncategorized"
NAME_MAX_LENGTH = 200


def _default_category_id() -> int | None:
    """The default_category option (set to "Uncategorized", ID 1, when the site is installed)."""
    value = get_option("default_category")
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def default_category() -> Term:
    """The category a post gets when it has none (WordPress's default_category, "Uncategorized")."""
    term_id = _default_category_id()
    if term_id:
        term = Term.objects.filter(pk=term_id, taxonomy="category").first()
        if term is not None:
            return term
    term, _ = Term.objects.get_or_create(
        taxonomy="category", slug=DEFAULT_CATEGORY_SLUG, defaults={"name": "Uncategorized"}
    )
    return term


def is_default_term(term: Term) -> bool:
    """Is `term` its taxonomy's default term (default_category), which cannot be deleted?
    Renaming it or changing its slug keeps it the default, as the option holds its ID."""
    if term.taxonomy != "category":
        return False
    term_id = _default_category_id()
    if term_id:
        return term.pk == term_id
    return term.slug == DEFAULT_CATEGORY_SLUG


# --- counts ------------------------------------------------------------------------------------
def counted_relationships(taxonomy: Taxonomy) -> Q:
    """_update_post_term_count(): the relationships a term's count counts, for its taxonomy's
    object types: published posts, and attachments that are published or inherit from a
    published parent."""
    types = [slug for slug in taxonomy.object_types if slug != "attachment"]
    counted = Q(post__type__in=types, post__status="publish")
    if "attachment" in taxonomy.object_types:
        counted |= Q(post__type="attachment") & (
            Q(post__status="publish") | Q(post__status="inherit", post__parent__status="publish")
        )
    return Q(term__taxonomy=taxonomy.slug) & counted


def counts_post(taxonomy: Taxonomy, post: Any) -> bool:
    """counted_relationships() for one post: does its relationship with a term of `taxonomy`
    count?"""
    if post.type == "attachment":
        if "attachment" not in taxonomy.object_types:
            return False
        if post.status == "publish":
            return True
        return bool(post.status == "inherit" and post.parent_id and post.parent.status == "publish")
    return post.type in taxonomy.object_types and post.status == "publish"


def count_new_post(post: Any, added: dict[str, list[int]]) -> None:
    """A post created in the current transaction was put in these terms (by taxonomy): one
    more for each stored count that counts it. No other writer can see the post before the
    commit, so adding one is as right as counting again (update_term_counts), and costs the
    same on a term with a million posts as on one with ten."""
    counted = [
        pk
        for slug, ids in added.items()
        if (taxonomy := get_taxonomy(slug)) is not None and counts_post(taxonomy, post)
        for pk in ids
    ]
    if counted:
        Term.objects.filter(pk__in=counted).update(count=F("count") + 1)


@transaction.atomic
def update_term_counts(term_ids: Iterable[int] | None = None) -> int:
    """wp_update_term_count(): store each term's count again (every term when `term_ids` is
    None), in one query per taxonomy for the counts and one for the update. Returns how many
    stored counts changed. The terms are locked first (in ID order), so a writer adding one
    to a count (count_new_post) waits for this one's total, or this one counts its post."""
    terms = Term.objects.all() if term_ids is None else Term.objects.filter(pk__in=set(term_ids))
    current = {
        pk: (taxonomy, count)
        for pk, taxonomy, count in terms.order_by("pk")
        .select_for_update()
        .values_list("pk", "taxonomy", "count")
    }
    if not current:
        return 0
    counts = dict.fromkeys(current, 0)
    for slug in {taxonomy for taxonomy, _ in current.values()}:
        taxonomy = get_taxonomy(slug)
        if taxonomy is None:
            continue
        ids = [pk for pk, (tax, _) in current.items() if tax == slug]
        rows = (
            TermRelationship.objects.filter(counted_relationships(taxonomy), term_id__in=ids)
            .values("term_id")
            .annotate(total=Count("pk"))
            .values_list("term_id", "total")
        )
        counts.update(rows)
    changed = {pk: n for pk, n in counts.items() if current[pk][1] != n}
    if changed:
        Term.objects.filter(pk__in=changed).update(
            count=Case(*[When(pk=pk, then=Value(n)) for pk, n in changed.items()])
        )
    return len(changed)


def terms_of(taxonomy: Taxonomy) -> QuerySet[Term]:
    """The terms of one taxonomy."""
    return Term.objects.filter(taxonomy=taxonomy.slug)


# --- text --------------------------------------------------------------------------------------
def sanitize_term_name(value: Any) -> str:
    """A term name as WordPress stores it (sanitize_text_field, kses, _wp_specialchars)."""
    return specialchars(sanitize_text_field(value))


_CR = "\ue000"  # carries "\r" through the HTML parser, which would turn CRLF into LF


def sanitize_term_description(value: Any) -> str:
    """wp_filter_kses() on term descriptions: WordPress's small $allowedtags set, for everyone."""
    text = (value if isinstance(value, str) else str(value)).replace("\x00", "")
    text = kses(text.replace("\r", _CR)).replace(_CR, "\r")
    return targeted_link_rel(text)  # pre_term_description, after kses


# --- slugs and hierarchy -------------------------------------------------------------------------
def _slug_taken(slug: str, taxonomy: str | None = None, exclude_id: int | None = None) -> bool:
    terms = Term.objects.filter(slug=slug)
    if taxonomy is not None:
        terms = terms.filter(taxonomy=taxonomy)
    if exclude_id is not None:
        terms = terms.exclude(pk=exclude_id)
    return terms.exists()


def unique_term_slug(
    slug: str, taxonomy: Taxonomy, parent_id: int | None, term_id: int | None = None
) -> str:
    """wp_unique_term_slug(): a taken slug gets its parents' slugs appended (hierarchical
    taxonomies), else the first free -2, -3, ... suffix."""
    if not _slug_taken(slug, taxonomy.slug, term_id):
        return slug
    candidate = slug
    if taxonomy.hierarchical and parent_id:
        suffix = ""
        ancestor = Term.objects.filter(pk=parent_id, taxonomy=taxonomy.slug).first()
        while ancestor is not None:
            suffix += "-" + ancestor.slug
            if not _slug_taken(slug + suffix):
                break
            ancestor = ancestor.parent
        candidate = slug + suffix
    if candidate != slug and not _slug_taken(candidate, taxonomy.slug, term_id):
        return candidate
    if not _slug_taken(slug, None, term_id):
        return slug
    number = 2
    while _slug_taken(f"{slug}-{number}"):
        number += 1
    return f"{slug}-{number}"


def parent_without_loop(parent_id: int, term: Term | None) -> int:
    """wp_check_term_hierarchy_for_loops(): a parent that would make the term its own ancestor
    is dropped (the term becomes top-level), as WordPress does, instead of saving a loop."""
    if not parent_id:
        return 0
    if term is None:
        return parent_id
    if parent_id == term.pk:
        return 0
    parents = dict(Term.objects.filter(taxonomy=term.taxonomy).values_list("id", "parent_id"))
    seen: set[int] = set()
    current: int | None = parent_id
    while current and current not in seen:
        if current == term.pk:
            return 0
        seen.add(current)
        current = parents.get(current)
    return parent_id


def _check_name(name: str) -> None:
    if name.strip() == "":
        raise WPError("empty_term_name", "A name is required for this term.", 400)
    if len(name) > NAME_MAX_LENGTH:
        raise WPError("db_insert_error", "Could not insert term into the database.", 400)


def _check_name_exists(
    taxonomy: Taxonomy, name: str, slug: str, slug_provided: bool, parent_id: int
) -> None:
    """wp_insert_term()'s duplicate rules: a name already used at the same level is refused
    unless a different, free slug was asked for."""
    same_level = Term.objects.filter(taxonomy=taxonomy.slug, parent_id=parent_id or None)
    name_match = next(
        (
            term
            for term in same_level.filter(name__iexact=name)
            if term.name.lower() == name.lower()
        ),
        None,
    )
    if name_match is None:
        return
    slug_match = Term.objects.filter(taxonomy=taxonomy.slug, slug=slug).first()
    if slug_provided and name_match.slug != slug and slug_match is None:
        return
    if not taxonomy.hierarchical:
        raise term_exists(
            "A term with the name provided already exists in this taxonomy.", name_match.pk
        )
    siblings = list(same_level.values_list("name", "slug"))
    existing = None
    if (not slug_provided or name_match.slug == slug) and name in [n for n, _ in siblings]:
        existing = name_match
    elif slug_match is not None and slug in [s for _, s in siblings]:
        existing = slug_match
    if existing is not None:
        raise term_exists(
            "A term with the name provided already exists with this parent.", existing.pk
        )


def term_exists(message: str, term_id: int) -> WPError:
    """wp_insert_term()'s term_exists, with the data the terms controller adds to it."""
    error = WPError("term_exists", message, 400, term_id=term_id)
    error.additional_data = [term_id, term_id]
    return error


# --- writes ------------------------------------------------------------------------------------
@transaction.atomic
def term_create(
    *,
    taxonomy: Taxonomy,
    name: Any,
    slug: Any = None,
    description: Any = None,
    parent_id: int | None = None,
    meta: Any = None,
) -> Term:
    """wp_insert_term(): sanitised name, a unique slug, WordPress's duplicate-name rules; then
    the registered meta."""
    locks.hold("term", taxonomy.slug)  # names and slugs checked, then inserted
    clean_name = sanitize_term_name(name)
    _check_name(clean_name)
    parent_id = parent_id or 0
    # The REST slug argument is sanitised first; one that sanitises to "" counts as not given.
    clean_slug = sanitize_title(slug) if slug else ""
    slug_provided = bool(clean_slug)
    if not slug_provided:
        clean_slug = sanitize_title(clean_name)
    _check_name_exists(taxonomy, clean_name, clean_slug, slug_provided, parent_id)
    try:
        with transaction.atomic():  # a savepoint, so the transaction survives a refused insert
            term = Term.objects.create(
                taxonomy=taxonomy.slug,
                name=clean_name,
                slug=unique_term_slug(clean_slug, taxonomy, parent_id)
                if clean_slug
                else f"--new-{uuid.uuid4().hex}",  # replaced by the ID below
                description=sanitize_term_description(description) if description else "",
                parent_id=parent_id or None,
            )
    except IntegrityError:
        # Another request inserted the same term between the check above and this insert (on
        # PostgreSQL both run at once): answer as to the request that came second, term_exists.
        _check_name_exists(taxonomy, clean_name, clean_slug, slug_provided, parent_id)
        raise
    if not clean_slug:
        # A name with nothing slug-worthy ("!!!") gets its ID as slug, as wp_insert_term does.
        term.slug = unique_term_slug(str(term.pk), taxonomy, parent_id, term.pk)
        term.save(update_fields=["slug"])
    TERM_META.update(term, meta)
    return term


_UNSET: Any = object()


@transaction.atomic
def term_update(
    *,
    term: Term,
    name: Any = _UNSET,
    slug: Any = _UNSET,
    description: Any = _UNSET,
    parent_id: Any = _UNSET,
    meta: Any = None,
) -> Term:
    """wp_update_term(): only what is given changes; an empty slug is rebuilt from the name;
    a slug taken by another term is refused unless the parent changes. Then the registered
    meta."""
    taxonomy = term.taxonomy_object
    assert taxonomy is not None
    locks.hold("term", taxonomy.slug)
    new_name = term.name if name is _UNSET else sanitize_term_name(name)
    _check_name(new_name)
    new_parent = term.parent_id or 0
    if parent_id is not _UNSET:
        new_parent = parent_without_loop(int(parent_id or 0), term)
    if slug is _UNSET:
        new_slug, empty_slug = term.slug, False
    else:
        new_slug = sanitize_title(slug) if slug else ""
        empty_slug = not new_slug  # rebuilt from the name, made unique if taken
        if empty_slug:
            new_slug = sanitize_title(new_name)
    if not new_slug:
        new_slug = term.slug
    if _slug_taken(new_slug, taxonomy.slug, term.pk):
        if empty_slug or new_parent != (term.parent_id or 0):
            new_slug = unique_term_slug(new_slug, taxonomy, new_parent, term.pk)
        else:
            raise WPError(
                "duplicate_term_slug",
                f"The slug &#8220;{new_slug}&#8221; is already in use by another term.",
                400,
            )
    term.name = new_name
    term.slug = new_slug
    term.parent_id = new_parent or None
    if description is not _UNSET:
        term.description = sanitize_term_description(description) if description else ""
    term.save()
    TERM_META.update(term, meta)
    return term


@transaction.atomic
def term_delete(*, term: Term) -> None:
    """wp_delete_term(): children move up to the term's parent, and posts left without a
    category fall back to the default category."""
    if term.taxonomy_object is not None and term.taxonomy_object.hierarchical:
        Term.objects.filter(parent=term).update(parent_id=term.parent_id)
    if term.taxonomy == "category" and not is_default_term(term):
        post_ids = set(TermRelationship.objects.filter(term=term).values_list("post_id", flat=True))
        if post_ids:
            others = set(
                TermRelationship.objects.filter(post_id__in=post_ids, term__taxonomy="category")
                .exclude(term=term)
                .values_list("post_id", flat=True)
            )
            orphans = post_ids - others
            if orphans:
                fallback = default_category()
                TermRelationship.objects.bulk_create(
                    [TermRelationship(term=fallback, post_id=post_id) for post_id in orphans],
                    ignore_conflicts=True,
                )
                update_term_counts([fallback.pk])
    term.delete()
