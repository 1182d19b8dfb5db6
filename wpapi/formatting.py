"""Text sanitising every resource shares (WordPress's formatting.php and kses.php): written
once here so that a name, a description, a slug or a comment author is cleaned the same way
everywhere. Post rendering (wpautop, wptexturize, the_content) lives in content.formatting."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import nh3

_PCT_OCTET = re.compile(r"%[a-f0-9]{2}", re.IGNORECASE)
_LONE_AMP = re.compile(r"&(?!(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")


def strip_all_tags(text: str) -> str:
    """wp_strip_all_tags(): drop <script>/<style> with their content, then every tag."""
    text = re.sub(r"<(script|style)[^>]*?>.*?</\1\s*>", "", text, flags=re.S | re.I)
    return re.sub(r"<[^>]*>", "", text)


def sanitize_text_field(value: Any) -> str:
    """sanitize_text_field(): no tags, no line breaks or runs of whitespace, no %-octets."""
    if not isinstance(value, str):
        return "" if isinstance(value, dict | list) or value is None else str(value)
    text = value.replace("\x00", "")  # PHP's strip_tags drops NUL bytes; databases refuse them
    if "<" in text:
        # wp_pre_kses_less_than: a "<" that opens no tag is text, not markup.
        text = re.sub(r"<[^>]*?(?=<|$)", lambda m: m.group(0).replace("<", "&lt;"), text)
        text = strip_all_tags(text)
    text = re.sub(r"[\r\n\t ]+", " ", text).strip()
    found = False
    while match := _PCT_OCTET.search(text):
        text = text.replace(match.group(0), "")
        found = True
    if found:
        text = re.sub(r" +", " ", text).strip()
    return text


def specialchars(text: str) -> str:
    """_wp_specialchars() without quotes and without double encoding: &, < and >."""
    return _LONE_AMP.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def esc_html(text: str) -> str:
    """esc_html(): _wp_specialchars() with both quotes, without double encoding."""
    return specialchars(text).replace('"', "&quot;").replace("'", "&#039;")


def without_nul(value: Any, replacement: str = "") -> Any:
    """`value` with NUL characters removed from every string (and object key) in it, or
    replaced by `replacement`: MySQL keeps them, PostgreSQL refuses them in text and JSON, so
    they are dropped on the way in. (A loop, not recursion: a request body may nest 511 deep.)"""

    def clean(item: Any) -> Any:
        if isinstance(item, str):
            return item.replace("\x00", replacement)
        if isinstance(item, dict):
            return {}
        if isinstance(item, list):
            return []
        return item

    result = clean(value)
    pending = [(value, result)] if isinstance(value, dict | list) else []
    while pending:
        source, target = pending.pop()
        for key, item in source.items() if isinstance(source, dict) else enumerate(source):
            copy = clean(item)
            if isinstance(target, dict):
                target[clean(key) if isinstance(key, str) else key] = copy
            else:
                target.append(copy)
            if isinstance(item, dict | list):
                pending.append((item, copy))
    return result


def sanitize_key(value: Any) -> str:
    """sanitize_key(): lower case letters, digits, dashes and underscores only."""
    return re.sub(r"[^a-z0-9_\-]", "", str(value).lower())


# --- kses ---------------------------------------------------------------------------------------
#: kses' $allowedtags (wp_filter_kses): what titles, comments, term and user descriptions may
#: hold when their author lacks unfiltered_html. Tag -> its attributes.
ALLOWED_TAGS: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "b": set(),
    "blockquote": {"cite"},
    "cite": set(),
    "code": set(),
    "del": {"datetime"},
    "em": set(),
    "i": set(),
    "q": {"cite"},
    "s": set(),
    "strike": set(),
    "strong": set(),
}
#: wp_allowed_protocols()
ALLOWED_PROTOCOLS = {
    "http",
    "https",
    "ftp",
    "ftps",
    "mailto",
    "news",
    "irc",
    "irc6",
    "ircs",
    "gopher",
    "nntp",
    "feed",
    "telnet",
    "mms",
    "rtsp",
    "sms",
    "svn",
    "tel",
    "fax",
    "xmpp",
    "webcal",
    "urn",
}


def kses(
    text: str,
    tags: dict[str, set[str]] = ALLOWED_TAGS,
    *,
    global_attributes: set[str] | None = None,
    attribute_prefixes: set[str] | None = None,
    keep_comments: bool = True,
    drop_script_text: bool = False,
) -> str:
    """wp_kses() on nh3 (a maintained sanitiser): only `tags` with their attributes (plus
    `global_attributes` and `attribute_prefixes` such as data-* on every tag), URLs limited to
    the allowed protocols, no rel added, HTML comments kept (as wp_kses_split() keeps them).
    Disallowed tags go and their text stays (with `drop_script_text`, <script> and <style> go
    with their text)."""
    attributes = {tag: set(attrs) for tag, attrs in tags.items() if attrs}
    if global_attributes:
        attributes["*"] = set(global_attributes)
    return nh3.clean(
        strip_bad_protocols(text),
        tags=set(tags),
        attributes=attributes,
        generic_attribute_prefixes=attribute_prefixes,
        url_schemes=ALLOWED_PROTOCOLS,
        link_rel=None,
        strip_comments=not keep_comments,
        clean_content_tags={"script", "style"} if drop_script_text else set(),
    )


_SCHEME = re.compile(r"^\s*([^\s:/?#]+):")
#: wp_kses_uri_attributes(): the attributes whose value is a URL
_URL_ATTRIBUTE = re.compile(
    r"""(\s(?:action|archive|background|cite|classid|codebase|data|formaction|href|icon|"""
    r"""longdesc|manifest|poster|profile|src|usemap|xmlns)\s*=\s*)"""
    r"""(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""",
    re.IGNORECASE,
)


URI_ATTRIBUTES = frozenset(
    [
        "action",
        "archive",
        "background",
        "cite",
        "classid",
        "codebase",
        "data",
        "formaction",
        "href",
        "icon",
        "longdesc",
        "manifest",
        "poster",
        "profile",
        "src",
        "usemap",
        "xmlns",
    ]
)


def bad_protocol(value: str) -> str:
    """wp_kses_bad_protocol(): a disallowed scheme ("javascript:") cut off, repeatedly."""
    while (scheme := _SCHEME.match(value)) and scheme.group(1).lower() not in ALLOWED_PROTOCOLS:
        value = value[scheme.end() :]
    return value


def _strip_bad_protocol(match: re.Match[str]) -> str:
    value = next((group for group in match.groups()[1:] if group is not None), "")
    return f'{match.group(1)}"{bad_protocol(value).replace(chr(34), "&quot;")}"'


def strip_bad_protocols(text: str) -> str:
    """wp_kses_bad_protocol() on every URL attribute: a disallowed scheme ("javascript:") is
    cut off and the rest of the value stays, as kses keeps the attribute."""
    if "=" not in text:
        return text
    return re.sub(
        r"<[^<>]*>", lambda tag: _URL_ATTRIBUTE.sub(_strip_bad_protocol, tag.group(0)), text
    )


_TARGETED_LINK = re.compile(r"<a\s([^>]*target\s*=[^>]*)>", re.IGNORECASE)
_SCRIPT_OR_STYLE = re.compile(r"(<(script|style).*?</\2>)", re.IGNORECASE | re.DOTALL)
_HAIR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""", re.DOTALL)


def targeted_link_rel(text: str) -> str:
    """wp_targeted_link_rel(), on what is saved (titles, content, excerpts, comments, term and
    user descriptions), for everyone: a link with a target gets rel="noopener" added to the
    rel it has; script and style elements are left alone."""
    lowered = text.lower()
    if "target" not in lowered or "<a " not in lowered:
        return text
    parts = _SCRIPT_OR_STYLE.split(text)
    # split() keeps each script/style match and its tag name: [html, match, name, html, ...]
    for index in range(0, len(parts), 3):
        parts[index] = _TARGETED_LINK.sub(_add_noopener, parts[index])
    return "".join(part for index, part in enumerate(parts) if index % 3 != 2)


def _add_noopener(match: re.Match[str]) -> str:
    """wp_targeted_link_rel_callback(): the tag's attributes as wp_kses_hair() reads them
    (first of a name wins, URL schemes checked), rel="noopener" merged into its rel."""
    original = match.group(1)
    escaped = re.search(r"""(^|[^\\])['"]""", original) is None  # quotes escaped as \"
    html = re.sub(r"""\\(['"])""", r"\1", original) if escaped else original
    wholes: dict[str, str] = {}
    values: dict[str, str] = {}
    for attr in _HAIR.finditer(html):
        name = attr.group(1)
        if name in wholes:
            continue
        double, single, bare = attr.group(2), attr.group(3), attr.group(4)
        if double is None and single is None and bare is None:
            wholes[name] = name
            values[name] = ""
            continue
        value = next(group for group in (double, single, bare) if group is not None)
        if name.lower() in URI_ATTRIBUTES:
            value = bad_protocol(value)
        values[name] = value
        wholes[name] = f"{name}='{value}'" if single is not None else f'{name}="{value}"'
    if "target" not in wholes:
        return f"<a {original}>"
    rel = "noopener"
    if "rel" in values:
        rel = " ".join(dict.fromkeys(f"{values['rel']} {rel}".split()))
    quoted = specialchars(rel).replace('"', "&quot;").replace("'", "&#039;")  # esc_attr()
    wholes["rel"] = f'rel="{quoted}"'
    html = " ".join(wholes.values())
    if escaped:
        html = re.sub(r"""(['"])""", r"\\\1", html)
    return f"<a {html}>"


_URL_STRIP = re.compile(r"[^a-z0-9\-~+_.?#=!&;,/:%@$|*'()\[\]\x80-\uffff]", re.IGNORECASE)


def esc_url_raw(url: Any) -> str:
    """esc_url_raw(): a URL fit for the database, or "" when its protocol is not allowed."""
    text = str(url or "").strip()
    if not text:
        return ""
    text = text.replace(" ", "%20")
    text = _URL_STRIP.sub("", text)
    if not text:
        return ""
    if (
        ":" not in text
        and text[0] not in "/#?"
        and not re.match(r"^[a-z0-9-]+?\.php", text, re.IGNORECASE)
    ):
        text = "http://" + text
    if ":" in text:
        scheme = text.split(":", 1)[0].lower()
        if (
            "/" not in scheme
            and "?" not in scheme
            and "#" not in scheme
            and scheme not in ALLOWED_PROTOCOLS
        ):
            return ""
    return text


# --- slugs --------------------------------------------------------------------------------------
# Latin letters without a canonical decomposition that remove_accents() still spells in ASCII.
_ACCENTS = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "œ": "oe",
    "Œ": "OE",
    "þ": "th",
    "Þ": "TH",
    "ð": "d",
    "Ð": "D",
    "ĳ": "ij",
    "Ĳ": "IJ",
    "ŉ": "n",
    "ŀ": "l",
    "Ŀ": "L",
    "ſ": "s",
    "ħ": "h",
    "Ħ": "H",
    "ŧ": "t",
    "Ŧ": "T",
    "ı": "i",
    "ĸ": "k",
    "ŋ": "n",
    "Ŋ": "N",
}


def remove_accents(text: str) -> str:
    """remove_accents(): Latin letters lose their accents (a few spelled out); letters of other
    scripts, ligatures and compatibility characters (ﬁ, ², full-width) stay as they are."""
    out = []
    for char in text:
        if ord(char) < 128:
            out.append(char)
        elif char in _ACCENTS:
            out.append(_ACCENTS[char])
        else:
            decomposed = unicodedata.normalize("NFD", char)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
            out.append(base if base and all(ord(c) < 128 for c in base) else char)
    return "".join(out)


# What sanitize_title() turns into a hyphen, or drops, when saving.
_TO_HYPHEN = (
    "\u00a0",
    "\u2013",
    "\u2014",
    "&nbsp;",
    "&#160;",
    "&ndash;",
    "&#8211;",
    "&mdash;",
    "&#8212;",
    "/",
    *(chr(code) for code in range(0x2000, 0x200B)),
    "\u2028",
    "\u2029",
    "\u202f",
)
_DROPPED = (
    "\u00ad\u00a1\u00bf\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\u201b\u201c\u201d"
    "\u201e\u201f\u2022\u00a9\u00ae\u00b0\u2026\u2122\u00b4\u02ca\u0301\u0341\u0300"
    "\u0304\u030c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"
)
SLUG_MAX_LENGTH = 200


def sanitize_title(title: Any) -> str:
    """sanitize_title() for saving (remove_accents + sanitize_title_with_dashes): lower case
    ASCII with hyphens; other characters kept as lower case %-encoded UTF-8 octets."""
    text = re.sub(r"<[^>]*>", "", remove_accents(title if isinstance(title, str) else str(title)))
    text = re.sub(r"%([a-fA-F0-9][a-fA-F0-9])", r"---\1---", text)
    text = text.replace("%", "")
    text = re.sub(r"---([a-fA-F0-9][a-fA-F0-9])---", r"%\1", text)
    text = text.lower()
    for dash in _TO_HYPHEN:
        text = text.replace(dash, "-")
    for char in _DROPPED:
        text = text.replace(char, "")
    text = text.replace("\u00d7", "x")
    text = "".join(c if ord(c) < 128 else "".join(f"%{b:02x}" for b in c.encode()) for c in text)
    text = re.sub(r"&.+?;", "", text)
    text = text.replace(".", "-")
    text = re.sub(r"[^%a-z0-9 _-]", "", text)
    text = re.sub(r"\s+", "-", text)
    text = re.sub(r"-+", "-", text)
    return text.strip("-")[:SLUG_MAX_LENGTH].strip("-")


def slug_list(values: Any) -> list[str]:
    """wp_parse_slug_list(): a list (or a comma/space separated text) of sanitize_title()d
    slugs, each once."""
    if isinstance(values, dict):
        values = list(values.values())
    elif not isinstance(values, list):
        values = [item for item in re.split(r"[\s,]+", str(values)) if item]
    return list(dict.fromkeys(sanitize_title(value) for value in values))
