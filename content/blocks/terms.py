"""The categories list (or dropdown) and the tag cloud, from the stored terms and counts;
a hierarchical list counts each category with its descendants' posts (pad_counts)."""

from __future__ import annotations

import math
import re
from functools import cmp_to_key
from typing import Any

from content.blocks.context import RenderContext
from content.blocks.parser import Block
from content.blocks.render import renders
from content.blocks.supports import wrapper_attributes
from content.blocks.util import esc_attr, esc_html, esc_url, php_float
from wpapi.registry import get_taxonomy


def _terms(taxonomy: str) -> list[Any]:
    from taxonomy.models import Term

    return list(Term.objects.filter(taxonomy=taxonomy).order_by("name", "id"))


def _padded_counts(taxonomy: str) -> dict[int, int]:
    """_pad_term_counts(): each term's distinct published posts, its descendants' included."""
    from taxonomy.models import TermRelationship

    terms = {term.pk: term for term in _terms(taxonomy)}
    items: dict[int, set[int]] = {}
    rows = TermRelationship.objects.filter(
        term__taxonomy=taxonomy, post__status="publish"
    ).values_list("term_id", "post_id")
    for term_id, post_id in rows:
        items.setdefault(term_id, set()).add(post_id)
    padded: dict[int, set[int]] = {pk: set(found) for pk, found in items.items()}
    for term_id, found in items.items():
        seen = {term_id}
        parent = terms[term_id].parent_id if term_id in terms else None
        while parent and parent not in seen:
            seen.add(parent)
            padded.setdefault(parent, set()).update(found)
            parent = terms[parent].parent_id if parent in terms else None
    return {pk: len(found) for pk, found in padded.items()}


def term_link(term: Any, by_id: dict[int, Any], site: str) -> str:
    """get_term_link(): /category/<parent>/<child>/, /tag/<slug>/."""
    taxonomy = get_taxonomy(term.taxonomy)
    slugs = [term.slug]
    if taxonomy is not None and taxonomy.rewrite_hierarchical:
        seen, parent = {term.pk}, term.parent_id
        while parent and parent in by_id and parent not in seen:
            seen.add(parent)
            slugs.insert(0, by_id[parent].slug)
            parent = by_id[parent].parent_id
    base = taxonomy.link_base if taxonomy is not None else term.taxonomy
    return f"{site}/{base}/{'/'.join(slugs)}/"


def _natural(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]


# --- categories ---------------------------------------------------------------------------------
@renders("core/categories")
def categories(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    instance = ctx.count("core/categories")
    hierarchical = bool(attrs.get("showHierarchy"))
    show_count = bool(attrs.get("showPostCounts"))
    hide_empty = not attrs.get("showEmpty")
    top_only = bool(attrs.get("showOnlyTopLevel"))
    terms = ctx.load(("terms", "category"), lambda: _terms("category"))
    by_id = {term.pk: term for term in terms}
    pad = show_count and hierarchical  # pad_counts, in the list and the dropdown alike
    counts = (
        ctx.load(("padded-counts", "category"), lambda: _padded_counts("category"))
        if pad
        else {term.pk: term.count for term in terms}
    )
    shown = [term for term in terms if not top_only or not term.parent_id]
    if hide_empty:
        if hierarchical and not top_only:
            # an empty category stays when a descendant has posts
            keep = {term.pk for term in shown if counts.get(term.pk, 0)}
            for term in list(shown):
                if term.pk in keep:
                    parent = term.parent_id
                    while parent and parent not in keep:
                        keep.add(parent)
                        parent = by_id[parent].parent_id if parent in by_id else None
            shown = [term for term in shown if term.pk in keep]
        else:
            shown = [term for term in shown if counts.get(term.pk, 0)]
    if attrs.get("displayAsDropdown"):
        element_id = f"wp-block-categories-{instance}"
        items = _dropdown(shown, by_id, hierarchical, show_count, counts, element_id)
        script = _dropdown_script(element_id, ctx.site)
        items = items.replace("</select>", "</select>" + script, 1)
        wrapper = wrapper_attributes(
            "core/categories", attrs, {"class": "wp-block-categories-dropdown"}
        )
        return (
            f'<div {wrapper}><label class="screen-reader-text" for="{esc_attr(element_id)}">'
            f"Categories</label>{items}</div>"
        )
    wrapper = wrapper_attributes("core/categories", attrs, {"class": "wp-block-categories-list"})
    return f"<ul {wrapper}>{_list(shown, by_id, hierarchical, show_count, counts, ctx.site)}</ul>"


def _tree(shown: list[Any], hierarchical: bool) -> tuple[list[Any], dict[int, list[Any]]]:
    if not hierarchical:
        return shown, {}
    ids = {term.pk for term in shown}
    children: dict[int, list[Any]] = {}
    roots = []
    for term in shown:
        if term.parent_id and term.parent_id in ids:
            children.setdefault(term.parent_id, []).append(term)
        else:
            roots.append(term)
    return roots, children


def _list(
    shown: list[Any],
    by_id: dict[int, Any],
    hierarchical: bool,
    show_count: bool,
    counts: dict[int, int],
    site: str,
) -> str:
    """wp_list_categories() with an empty title_li (Walker_Category)."""
    if not shown:
        return '<li class="cat-item-none">No categories</li>'
    roots, children = _tree(shown, hierarchical)

    def walk(level: list[Any], depth: int) -> str:
        out = ""
        for term in level:
            name = esc_attr(term.name)
            out += (
                f'\t<li class="cat-item cat-item-{term.pk}"><a href="'
                f'{esc_url(term_link(term, by_id, site))}">{name}</a>'
            )
            if show_count:
                out += f" ({counts.get(term.pk, 0)})"
            kids = children.get(term.pk)
            if kids:
                indent = "\t" * depth
                out += f"\n{indent}<ul class='children'>\n{walk(kids, depth + 1)}{indent}</ul>\n"
            else:
                out += "\n"
            out += "</li>\n"
        return out

    return walk(roots, 0)


def _dropdown(
    shown: list[Any],
    by_id: dict[int, Any],
    hierarchical: bool,
    show_count: bool,
    counts: dict[int, int],
    element_id: str,
) -> str:
    """wp_dropdown_categories() (Walker_CategoryDropdown)."""
    roots, children = _tree(shown, hierarchical)
    out = f"<select  name='cat' id='{esc_attr(element_id)}' class='postform'>\n"
    out += "\t<option value='-1'>Select Category</option>\n"

    def walk(level: list[Any], depth: int) -> str:
        text = ""
        for term in level:
            pad = "&nbsp;" * (depth * 3)
            name = esc_html(term.name)
            count = f"&nbsp;&nbsp;({counts.get(term.pk, 0)})" if show_count else ""
            text += (
                f'\t<option class="level-{depth}" value="{term.pk}">{pad}{name}{count}</option>\n'
            )
            text += walk(children.get(term.pk, []), depth + 1)
        return text

    return out + walk(roots, 0) + "</select>\n"


def _dropdown_script(element_id: str, site: str) -> str:
    """The inline script that opens the chosen category (the block's dropdown script)."""
    return (
        "\t<script type='text/javascript'>\n\t/* <![CDATA[ */\n\t( function() {\n"
        f"\t\tvar dropdown = document.getElementById( '{element_id}' );\n"
        "\t\tfunction onCatChange() {\n"
        "\t\t\tif ( dropdown.options[ dropdown.selectedIndex ].value > 0 ) {\n"
        f'\t\t\t\tlocation.href = "{site}/?cat=" + '
        "dropdown.options[ dropdown.selectedIndex ].value;\n"
        "\t\t\t}\n\t\t}\n\t\tdropdown.onchange = onCatChange;\n\t})();\n"
        "\t/* ]]> */\n\t</script>\n\t"
    )


# --- tag cloud ----------------------------------------------------------------------------------
def _float(value: Any) -> float:
    found = re.match(r"\s*[+-]?(\d+\.?\d*|\.\d+)", str(value))
    return float(found.group(0)) if found else 0.0


@renders("core/tag-cloud")
def tag_cloud(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    taxonomy_name = str(attrs.get("taxonomy") or "post_tag")
    smallest_text = str(attrs.get("smallestFontSize") or "8pt")
    unit_match = re.match(r"^[0-9.]+(?P<unit>[a-z%]+)$", smallest_text, re.I)
    unit = unit_match.group("unit") if unit_match else "pt"
    smallest = _float(smallest_text)
    largest = _float(attrs.get("largestFontSize") or "22pt")
    number = int(_float(attrs.get("numberOfTags") or 45))
    terms = ctx.load(("terms", taxonomy_name), lambda: _terms(taxonomy_name))
    by_id = {term.pk: term for term in terms}
    # get_terms(orderby=count, order=DESC, number, hide_empty), then sorted by name
    chosen = sorted(
        (term for term in terms if term.count > 0), key=lambda term: (-term.count, term.pk)
    )
    if number > 0:
        chosen = chosen[:number]
    chosen.sort(key=cmp_to_key(lambda a, b: _compare(_natural(a.name), _natural(b.name))))
    cloud = ""
    if chosen:
        scaled = [round(math.log10(term.count + 1) * 100) for term in chosen]
        minimum = min(scaled)
        spread = max(scaled) - minimum or 1
        font_spread = largest - smallest
        if font_spread < 0:
            font_spread = 1
        step = font_spread / spread
        links = []
        for position, (term, count) in enumerate(zip(chosen, scaled, strict=True), start=1):
            size = php_float(smallest + (count - minimum) * step).replace(",", ".")
            items = "item" if term.count == 1 else "items"
            label = f' aria-label="{esc_attr(term.name)} ({esc_attr(f"{term.count:,} {items}")})"'
            counted = (
                f'<span class="tag-link-count"> ({term.count})</span>'
                if attrs.get("showTagCounts")
                else ""
            )
            links.append(
                f'<a href="{esc_url(term_link(term, by_id, ctx.site))}" class="tag-cloud-link '
                f'tag-link-{term.pk} tag-link-position-{position}" style="font-size: '
                f'{esc_attr(size + unit)};"{label}>{esc_html(term.name)}{counted}</a>'
            )
        cloud = "\n".join(links)
    if not cloud:
        taxonomy = get_taxonomy(taxonomy_name)
        label = str(taxonomy.labels.get("name", taxonomy_name)) if taxonomy else taxonomy_name
        cloud = esc_html(
            f"Your site doesn&#8217;t have any {label.lower()}, so there&#8217;s nothing to "
            "display here at the moment."
        )
    return f"<p {wrapper_attributes('core/tag-cloud', attrs, {})}>{cloud}</p>"


def _compare(a: list[Any], b: list[Any]) -> int:
    for left, right in zip(a, b, strict=False):
        if left == right:
            continue
        if isinstance(left, int) and isinstance(right, int):
            return -1 if left < right else 1
        return -1 if str(left) < str(right) else 1
    return (len(a) > len(b)) - (len(a) < len(b))
