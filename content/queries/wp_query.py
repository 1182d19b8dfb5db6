"""WP_Query's work for every collection of posts (posts, pages, registered types, media,
`/wp/v2/search`): visibility (content.queries.visibility), the ID arguments, dates, terms,
search and its relevance, ordering with MySQL's tie-breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Left

from content.models import Post
from content.queries.visibility import readable_q
from wpapi.lookups import CollationKey

# --- search ------------------------------------------------------------------------------------
#: get_search_stopwords(): the words a search leaves out (WordPress's English list)
SEARCH_STOPWORDS = frozenset(
    [
        "about",
        "an",
        "are",
        "as",
        "at",
        "be",
        "by",
        "com",
        "for",
        "from",
        "how",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "what",
        "when",
        "where",
        "who",
        "will",
        "with",
        "www",
    ]
)
_SEARCH_TOKEN = re.compile(r'".*?("|$)|((?<=[\t ",+])|^)[^\t ",+]+', re.DOTALL)


def parse_search(text: str) -> tuple[list[str], int]:
    """WP_Query::parse_search(): the terms to match and how many the text held. Quoted
    phrases stay whole, the rest splits on tabs, spaces, commas and plus signs; single letters,
    lone dashes and stopwords go; when none is left, or more than nine, the whole text is one
    term (a sentence)."""
    text = text.replace("\x00", "").replace("\r", "").replace("\n", "")
    tokens = [match.group(0) for match in _SEARCH_TOKEN.finditer(text) if match.group(0)]
    if not tokens:
        return ([text] if text else []), 0
    terms = []
    for token in tokens:
        if re.fullmatch(r'".+"', token, re.DOTALL):
            term = token.strip("\"'")
        else:
            term = token.strip("\"' ")
        if not term or term == "0" or re.fullmatch(r"[a-zA-Z\-]", term):
            continue
        if term.lower() in SEARCH_STOPWORDS:
            continue
        terms.append(term)
    if not terms or len(terms) > 9:
        terms = [text]
    return terms, len(tokens)


def search_terms(text: str) -> list[str]:
    return parse_search(text)[0]


def search_q(text: str, *, filename: bool = False) -> Q:
    """Every term in the title, excerpt or content (and an attachment's file name when
    `filename`); a leading "-" excludes a term."""
    condition = Q()
    for term in search_terms(text):
        exclude = term.startswith("-") and len(term) > 1
        if exclude:
            term = term[1:]
        match = Q(title__icontains=term) | Q(excerpt__icontains=term) | Q(content__icontains=term)
        if filename:
            match |= Q(file__icontains=term)
        condition &= ~match if exclude else match
    return condition


def relevance(text: str) -> Case:
    """WP_Query::parse_search_order(): the whole phrase in the title first, then every term in
    the title, then any term in the title, then the phrase in the excerpt, then in the
    content. One term ranks by the title alone."""
    found, count = parse_search(text)
    terms = [term for term in found if not term.startswith("-")]
    phrase = not re.search(r"(?:\s|^)-", text)
    if count <= 1:
        return Case(
            When(title__icontains=terms[0] if terms else text, then=Value(1)),
            default=Value(6),
            output_field=IntegerField(),
        )
    ranks = [When(title__icontains=text, then=Value(1))] if phrase else []
    if len(terms) < 7:
        every, some = Q(), Q()
        for term in terms:
            every &= Q(title__icontains=term)
            some |= Q(title__icontains=term)
        ranks += [When(every, then=Value(2)), When(some, then=Value(3))]
    if phrase:
        ranks += [
            When(excerpt__icontains=text, then=Value(4)),
            When(content__icontains=text, then=Value(5)),
        ]
    return Case(*ranks, default=Value(6), output_field=IntegerField())


# --- the query ---------------------------------------------------------------------------------
@dataclass
class PostQuery:
    """WP_Query's variables, as the REST controllers fill them (prepare_items_query)."""

    post_type: list[str]
    post_status: list[str] = field(default_factory=lambda: ["publish"])
    post__in: list[int] = field(default_factory=list)
    post__not_in: list[int] = field(default_factory=list)
    author__in: list[int] = field(default_factory=list)
    author__not_in: list[int] = field(default_factory=list)
    post_parent__in: list[int] = field(default_factory=list)
    post_parent__not_in: list[int] = field(default_factory=list)
    post_name__in: list[str] = field(default_factory=list)
    after: datetime | None = None
    before: datetime | None = None
    modified_after: datetime | None = None
    modified_before: datetime | None = None
    menu_order: int | None = None
    sticky: bool | None = None
    #: [(taxonomy, term IDs (with their descendants when asked), "IN" / "AND" / "NOT IN")]
    tax_query: list[tuple[str, list[set[int]], str]] = field(default_factory=list)
    tax_relation: str = "AND"
    post_mime_type: list[str] | None = None
    s: str = ""
    #: search attachments' file names too (the attachments controller's filter)
    search_filename: bool = False
    orderby: str = "date"
    order: str = "desc"


def query_posts(user: Any, query: PostQuery, posts: QuerySet[Post] | None = None) -> QuerySet:
    """The posts `query` asks for that `user` may read, in its order."""
    rows = posts if posts is not None else Post.objects.all()
    rows = rows.filter(readable_q(user, query.post_type, query.post_status))
    if query.post__in:
        rows = rows.filter(pk__in=query.post__in)
    elif query.post__not_in:  # WP_Query ignores post__not_in when post__in is given
        rows = rows.exclude(pk__in=query.post__not_in)
    # WP_Query::get_posts(): author__not_in, when given, leaves author__in unused
    if query.author__not_in:
        rows = rows.exclude(author_id__in=query.author__not_in)
    elif query.author__in:
        rows = rows.filter(author_id__in=query.author__in)
    if query.post_parent__in:
        rows = rows.filter(_parent_q(query.post_parent__in))
    if query.post_parent__not_in:
        rows = rows.exclude(_parent_q(query.post_parent__not_in))
    if query.post_name__in:
        rows = rows.filter(slug__in=query.post_name__in)
    for value, lookup in (
        (query.after, "date__gt"),
        (query.before, "date__lt"),
        (query.modified_after, "modified__gt"),
        (query.modified_before, "modified__lt"),
    ):
        if value is not None:
            rows = rows.filter(**{lookup: value})
    if query.menu_order is not None:
        rows = rows.filter(menu_order=query.menu_order)
    if query.sticky is not None:
        rows = rows.filter(sticky=query.sticky)
    if query.tax_query:
        rows = rows.filter(_tax_q(query.tax_query, query.tax_relation))
    if query.post_mime_type is not None:
        rows = rows.filter(mime_type__in=query.post_mime_type)
    if query.s:
        rows = rows.filter(search_q(query.s, filename=query.search_filename))
        if user is None or not user.is_authenticated:
            # WP_Query leaves password-protected posts out of logged-out visitors' searches
            rows = rows.filter(password="")
    return order_posts(rows, query)


def found_posts_recounted(window: Any, params: dict[str, Any]) -> bool:
    """WP_Query counts found_posts only when the page has rows; the posts controllers count
    again for a page past the end (page > 1, no offset), so that it can be refused."""
    return window.page > 1 and not params.get("offset")


def _parent_q(parents: list[int]) -> Q:
    """post_parent__in: 0 means "no parent" (stored as NULL)."""
    condition = Q(parent_id__in=[pk for pk in parents if pk])
    if 0 in parents:
        condition |= Q(parent__isnull=True)
    return condition


def _tax_q(clauses: list[tuple[str, list[set[int]], str]], relation: str) -> Q:
    from taxonomy.models import TermRelationship

    def tagged(ids: set[int]) -> Q:
        return Q(pk__in=TermRelationship.objects.filter(term_id__in=ids).values("post_id"))

    combined: Q | None = None
    for _taxonomy, families, operator in clauses:
        if operator == "NOT IN":
            clause = ~tagged(set().union(*families))
        elif operator == "AND":
            clause = Q()
            for family in families:
                clause &= tagged(family)
        else:
            clause = tagged(set().union(*families))
        if combined is None:
            combined = clause
        else:
            combined = combined | clause if relation == "OR" else combined & clause
    return combined if combined is not None else Q()


def term_families(ids: list[int], include_children: bool) -> list[set[int]]:
    """Each term with (when asked) its descendants, for a hierarchical tax query."""
    from taxonomy.models import Term

    families = [{term_id} for term_id in ids]
    if include_children and ids:
        children: dict[int, list[int]] = {}
        for child, parent in Term.objects.filter(parent__isnull=False).values_list(
            "pk", "parent_id"
        ):
            children.setdefault(parent, []).append(child)
        for family in families:
            stack = list(family)
            while stack:
                for child in children.get(stack.pop(), []):
                    if child not in family:
                        family.add(child)
                        stack.append(child)
    return families


#: the title characters `orderby=title` sorts by first (content migration 0007 indexes them)
TITLE_SORT_PREFIX = 250

ORDER_COLUMNS = {
    "author": "author_id",
    "date": "date",
    "id": "id",
    "modified": "modified",
    "parent": "parent_id",
    "slug": "slug",
    "title": "title",
    "menu_order": "menu_order",
    "include_slugs": "date",
}


def order_posts(rows: QuerySet, query: PostQuery) -> QuerySet:
    """WP_Query's ORDER BY, with the tie-breaks MySQL gives WordPress's queries: walking the
    (type, status, date, ID) index for dates, the ID follows the date's direction; other
    columns are sorted from table order, ascending IDs."""
    orderby = query.orderby
    descending = query.order == "desc"
    sign = "-" if descending else ""
    if orderby == "include" and query.post__in:
        return rows.order_by(_position(query.post__in, "pk"))
    if orderby == "include_slugs" and query.post_name__in:
        return rows.order_by(_position(query.post_name__in, "slug"))
    if orderby == "relevance" and query.s:
        return rows.order_by(relevance(query.s), "-date", "-id")
    field_name = ORDER_COLUMNS.get(orderby, "date")
    if field_name == "id":
        return rows.order_by(f"{sign}id")
    tie = f"{sign}id" if field_name == "date" else "id"
    if field_name == "title":  # MySQL's case-insensitive collation, as WordPress sorts
        # MySQL sorts text by its first bytes only (max_sort_length, 1,024): the first
        # TITLE_SORT_PREFIX characters lead (an index holds them on PostgreSQL), the whole
        # title then breaks ties, so titles shorter than that keep the order of the whole
        keys = [CollationKey(Left("title", TITLE_SORT_PREFIX)), CollationKey("title")]
        keys = [key.desc() if descending else key.asc() for key in keys]
        return rows.order_by(*keys, tie)
    if field_name in ("parent_id", "author_id"):
        # WordPress stores "none" as 0, the smallest value; NULL sorts the same everywhere
        column = F(field_name)
        return rows.order_by(
            column.desc(nulls_last=True) if descending else column.asc(nulls_first=True), tie
        )
    return rows.order_by(f"{sign}{field_name}", tie)


def _position(values: list[Any], lookup: str) -> Case:
    """FIELD(): the rows in the order of `values`, those not listed last."""
    return Case(
        *[When(**{lookup: value}, then=Value(index)) for index, value in enumerate(values)],
        default=Value(len(values)),
        output_field=IntegerField(),
    )
