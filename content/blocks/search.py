"""The search block: a form that searches the site (render_block_core_search), with its label,
input and button placed as the attributes say."""

from __future__ import annotations

from typing import Any

from content.blocks.context import RenderContext
from content.blocks.parser import Block
from content.blocks.render import renders
from content.blocks.supports import wrapper_attributes
from content.blocks.util import esc_attr, esc_url
from content.formatting import kses_post, strip_all_tags

SEARCH_ICON = (
    '<svg class="search-icon" viewBox="0 0 24 24" width="24" height="24">\n'
    '\t\t\t\t\t<path d="M13.5 6C10.5 6 8 8.5 8 11.5c0 1.1.3 2.1.9 3l-3.4 3 1 1.1 3.4-2.9c1 .9 '
    "2.2 1.4 3.6 1.4 3 0 5.5-2.5 5.5-5.5C19 8.5 16.5 6 13.5 6zm0 9.5c-2.2 0-4-1.8-4-4s1.8-4 "
    '4-4 4 1.8 4 4-1.8 4-4 4z"></path>\n\t\t\t\t</svg>'
)
POSITIONS = {
    "button-inside": "wp-block-search__button-inside",
    "button-outside": "wp-block-search__button-outside",
    "no-button": "wp-block-search__no-button",
    "button-only": "wp-block-search__button-only",
}


def _classnames(attrs: dict[str, Any]) -> str:
    position = attrs.get("buttonPosition")
    names = [POSITIONS[position]] if position in POSITIONS else []
    if "buttonUseIcon" in attrs and position and position != "no-button":
        names.append(
            "wp-block-search__icon-button"
            if attrs["buttonUseIcon"]
            else "wp-block-search__text-button"
        )
    return " ".join(names)


def _typography_classes(attrs: dict[str, Any]) -> str:
    """The font size and family presets, on the label, the input and the button."""
    classes = []
    if attrs.get("fontSize"):
        classes.append(f"has-{esc_attr(attrs['fontSize'])}-font-size")
    if attrs.get("fontFamily"):
        classes.append(f"has-{esc_attr(attrs['fontFamily'])}-font-family")
    return " ".join(classes)


def _color_classes(attrs: dict[str, Any]) -> str:
    """The colour presets, on the button."""
    style = (attrs.get("style") or {}).get("color") or {}
    classes = []
    if attrs.get("textColor"):
        classes.append(f"has-text-color has-{attrs['textColor']}-color")
    elif style.get("text"):
        classes.append("has-text-color")
    if any(
        (attrs.get("backgroundColor"), style.get("background"), attrs.get("gradient"))
    ) or style.get("gradient"):
        classes.append("has-background")
    if attrs.get("backgroundColor"):
        classes.append(f"has-{attrs['backgroundColor']}-background-color")
    if attrs.get("gradient"):
        classes.append(f"has-{attrs['gradient']}-gradient-background")
    return " ".join(classes)


@renders("core/search")
def search(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    attrs = {"label": "Search", "buttonText": "Search", **attrs}
    input_id = ctx.unique_id("wp-block-search__input-")
    position = attrs.get("buttonPosition")
    show_label = bool(attrs.get("showLabel"))
    use_icon = bool(attrs.get("buttonUseIcon"))
    show_input = position != "button-only"
    show_button = position != "no-button"
    inside = position == "button-inside"
    width_style = ""
    if attrs.get("width") and attrs.get("widthUnit") and position != "button-only":
        width_style = f'style="width: {int(float(attrs["width"]))}{esc_attr(attrs["widthUnit"])};"'
    label_text = kses_post(str(attrs["label"])) if attrs.get("label") else "Search"
    label = (
        f'<label for="{esc_attr(input_id)}" class="wp-block-search__label screen-reader-text">'
        f"{label_text}</label>"
    )
    typography = _typography_classes(attrs)
    if show_label and attrs.get("label"):
        label_classes = " ".join(c for c in ("wp-block-search__label", typography) if c)
        label = (
            f'<label for="{esc_attr(input_id)}" class="{esc_attr(label_classes)}" >'
            f"{label_text}</label>"
        )
    input_markup = ""
    if show_input:
        classes = ["wp-block-search__input"]
        if inside:
            classes.append("")  # the border colour classes, none here
        if typography:
            classes.append(typography)
        input_markup = (
            f'<input type="search" id="{input_id}" class="wp-block-search__input '
            f'{esc_attr(" ".join(classes))}" name="s" value="" placeholder="'
            f'{esc_attr(attrs.get("placeholder", ""))}"  required />'
        )
    hidden = "".join(
        f'<input type="hidden" name="{esc_attr(name)}" value="{esc_attr(value)}" />'
        for name, value in (attrs.get("query") or {}).items()
    )
    button = ""
    if show_button:
        classes = ["wp-block-search__button"]
        for extra in (_color_classes(attrs), typography):
            if extra:
                classes.append(extra)
        aria = ""
        if use_icon:
            aria = f'aria-label="{esc_attr(strip_all_tags(str(attrs["buttonText"])))}"'
            classes.append("has-icon")
            inner = SEARCH_ICON
        else:
            inner = kses_post(str(attrs["buttonText"])) if attrs.get("buttonText") else ""
        classes.append("wp-element-button")
        button = (
            f'<button type="submit" class="{esc_attr(" ".join(classes))}"  {aria}>{inner}</button>'
        )
    field = (
        f'<div class="wp-block-search__inside-wrapper " {width_style}>'
        f"{input_markup}{hidden}{button}</div>"
    )
    wrapper = wrapper_attributes("core/search", attrs, {"class": _classnames(attrs)})
    return (
        f'<form role="search" method="get" action="{esc_url(ctx.site + "/")}" {wrapper}>'
        f"{label}{field}</form>"
    )
