"""The wrapper attributes a dynamic block's outer element gets from its block supports
(get_block_wrapper_attributes()): alignment, colours, the custom class, the generated
`wp-block-<name>` class, spacing and typography, in the order WordPress applies them."""

from __future__ import annotations

import re
from typing import Any

from content.blocks.types import get_block_type
from content.formatting import html_escape

SIDES = ("top", "right", "bottom", "left")


def _support(supports: dict[str, Any], *path: str, default: Any = False) -> Any:
    value: Any = supports
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return default
        value = value[key]
    return value


def _preset(value: Any, kind: str) -> str | None:
    """A "var:preset|color|vivid-red" value's slug."""
    if isinstance(value, str) and value.startswith(f"var:preset|{kind}|"):
        return value.rsplit("|", 1)[1]
    return None


def _css_value(value: Any, kind: str) -> str:
    slug = _preset(value, kind)
    if slug:
        return f"var(--wp--preset--{kind}--{slug})"
    return str(value)


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def _colors(supports: dict[str, Any], attrs: dict[str, Any]) -> tuple[list[str], list[str]]:
    color = supports.get("color")
    if not color:
        return [], []
    color = color if isinstance(color, dict) else {}
    style = (attrs.get("style") or {}).get("color") or {}
    classes: list[str] = []
    css: list[str] = []
    if color.get("__experimentalSkipSerialization"):
        return [], []
    if color.get("text", True):
        if attrs.get("textColor"):
            classes += [f"has-{attrs['textColor']}-color", "has-text-color"]
        elif style.get("text"):
            classes.append("has-text-color")
            css.append(f"color:{_css_value(style['text'], 'color')};")
    if color.get("background", True):
        if attrs.get("backgroundColor"):
            classes += [f"has-{attrs['backgroundColor']}-background-color", "has-background"]
        elif style.get("background"):
            classes.append("has-background")
            css.append(f"background-color:{_css_value(style['background'], 'color')};")
    if color.get("gradients"):
        if attrs.get("gradient"):
            classes += [f"has-{attrs['gradient']}-gradient-background", "has-background"]
        elif style.get("gradient"):
            classes.append("has-background")
            css.append(f"background:{style['gradient']};")
    return classes, css


def _box(kind: str, value: Any) -> list[str]:
    if isinstance(value, dict):
        return [
            f"{kind}-{side}:{_css_value(value[side], 'spacing')};"
            for side in SIDES
            if value.get(side) not in (None, "")
        ]
    if value not in (None, ""):
        return [f"{kind}:{_css_value(value, 'spacing')};"]
    return []


def _spacing(supports: dict[str, Any], attrs: dict[str, Any]) -> list[str]:
    spacing = supports.get("spacing") or {}
    style = (attrs.get("style") or {}).get("spacing") or {}
    if not isinstance(spacing, dict) or not style or spacing.get("__experimentalSkipSerialization"):
        return []
    css: list[str] = []
    if spacing.get("padding"):
        css += _box("padding", style.get("padding"))
    if spacing.get("margin"):
        css += _box("margin", style.get("margin"))
    return css


def _typography(supports: dict[str, Any], attrs: dict[str, Any]) -> tuple[list[str], list[str]]:
    typography = supports.get("typography") or {}
    if not isinstance(typography, dict) or typography.get("__experimentalSkipSerialization"):
        return [], []
    style = (attrs.get("style") or {}).get("typography") or {}
    classes: list[str] = []
    css: list[str] = []
    if typography.get("fontSize"):
        if attrs.get("fontSize"):
            classes.append(f"has-{attrs['fontSize']}-font-size")
        elif style.get("fontSize"):
            # (themes with fluid typography turn this into a clamp())
            css.append(f"font-size:{_css_value(style['fontSize'], 'font-size')};")
    if typography.get("__experimentalFontFamily"):
        if attrs.get("fontFamily"):
            classes.append(f"has-{attrs['fontFamily']}-font-family")
        elif style.get("fontFamily"):
            css.append(f"font-family:{_css_value(style['fontFamily'], 'font-family')};")
    for key, flag in (
        ("fontStyle", "__experimentalFontStyle"),
        ("fontWeight", "__experimentalFontWeight"),
    ):
        if typography.get(flag) and style.get(key):
            css.append(f"{_kebab(key)}:{_css_value(style[key], _kebab(key))};")
    if typography.get("lineHeight") and style.get("lineHeight"):
        css.append(f"line-height:{style['lineHeight']};")
    for key, flag in (
        ("textDecoration", "__experimentalTextDecoration"),
        ("textTransform", "__experimentalTextTransform"),
        ("letterSpacing", "__experimentalLetterSpacing"),
    ):
        if typography.get(flag) and style.get(key):
            css.append(f"{_kebab(key)}:{style[key]};")
    return classes, css


def block_default_classname(name: str) -> str:
    """wp_get_block_default_classname(): core/latest-posts -> wp-block-latest-posts."""
    return "wp-block-" + re.sub(r"^core-", "", name.replace("/", "-"))


def wrapper_attributes(
    name: str, attrs: dict[str, Any], extra: dict[str, str] | None = None
) -> str:
    """get_block_wrapper_attributes(): `class` and `style` from the supports, merged after
    the block's own (`extra`), then the block's other attributes."""
    block = get_block_type(name) or {}
    supports = block.get("supports") or {}
    classes: list[str] = []
    css: list[str] = []  # one string per support, joined by spaces as WordPress does
    align = attrs.get("align")
    if supports.get("align") and align:
        allowed = supports["align"]
        if allowed is True or (isinstance(allowed, list) and align in allowed):
            classes.append(f"align{align}")
    color_classes, color_css = _colors(supports, attrs)
    classes += color_classes
    css.append("".join(color_css))
    if supports.get("customClassName", True) and attrs.get("className"):
        classes.append(str(attrs["className"]))
    if supports.get("className", True):
        classes.append(block_default_classname(name))
    css.append("".join(_spacing(supports, attrs)))
    type_classes, type_css = _typography(supports, attrs)
    classes += type_classes
    css.append("".join(type_css))
    extra = dict(extra or {})
    merged: dict[str, str] = {}
    for key, new in (
        ("style", " ".join(part for part in css if part)),
        ("class", " ".join(classes)),
    ):
        own = extra.pop(key, "")
        if not own and not new:
            continue
        merged[key] = f"{own} {new}" if own and new else (own or new)
    merged.update(extra)
    return " ".join(f'{key}="{html_escape(value)}"' for key, value in merged.items())
