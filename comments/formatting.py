"""Comment text on the way in (kses, rel="ugc") and on the way out (comment_text filters).

WordPress filters a comment's content with kses' comment allow-list for users without
`unfiltered_html`, adds rel="nofollow ugc" to links, and renders it for display with
wptexturize, make_clickable and wpautop. These are small re-implementations of those rules;
nh3 (a maintained sanitiser) does the HTML cleaning.
"""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any

import nh3

# kses' $allowedtags: what a comment may contain when its author lacks unfiltered_html.
COMMENT_TAGS: dict[str, set[str]] = {
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
# wp_allowed_protocols()
ALLOWED_PROTOCOLS = {
    "http", "https", "ftp", "ftps", "mailto", "news", "irc", "irc6", "ircs", "gopher", "nntp",
    "feed", "telnet", "mms", "rtsp", "sms", "svn", "tel", "fax", "xmpp", "webcal", "urn",
}


def kses_comment(content: str) -> str:
    """wp_filter_kses on a comment: only the comment tags, no event handlers or scripts,
    links limited to WordPress's allowed protocols and marked rel="nofollow ugc"."""
    return nh3.clean(
        content,
        tags=set(COMMENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in COMMENT_TAGS.items() if attrs},
        url_schemes=ALLOWED_PROTOCOLS,
        link_rel="nofollow ugc",
        strip_comments=True,
    )


A_TAG = re.compile(r"<a\s([^>]*)>", re.IGNORECASE)
REL_ATTR = re.compile(r"""\srel\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def rel_ugc(content: str) -> str:
    """wp_rel_ugc: every link in a comment gets rel="nofollow ugc" (kept values are merged)."""

    def fix(match: re.Match[str]) -> str:
        attrs = " " + match.group(1)
        found = REL_ATTR.search(attrs)
        values = found.group(2).split() if found else []
        for value in ("nofollow", "ugc"):
            if value not in values:
                values.append(value)
        attrs = REL_ATTR.sub("", attrs).rstrip()
        return f'<a{attrs} rel="{" ".join(values)}">'

    return A_TAG.sub(fix, content)


# --- text fields ---------------------------------------------------------------------------
TAGS = re.compile(r"<[^>]*>")
OCTETS = re.compile(r"%[a-fA-F0-9]{2}")


def sanitize_text_field(value: Any) -> str:
    """sanitize_text_field(): no tags, no line breaks or tabs, no surrounding or repeated space."""
    text = value if isinstance(value, str) else str(value)
    text = re.sub(r"<(script|style)[^>]*?>.*?</\1>", "", text, flags=re.IGNORECASE | re.DOTALL)
    text = TAGS.sub("", text)
    text = text.replace("<", "&lt;")
    text = re.sub(r"[\r\n\t ]+", " ", text)
    if OCTETS.search(text):  # percent-encoded octets are removed, as WordPress does
        while OCTETS.search(text):
            text = OCTETS.sub("", text)
        text = re.sub(r" +", " ", text)
    return text.strip()


def sanitize_key(value: Any) -> str:
    """sanitize_key(): lower case letters, digits, dashes and underscores only."""
    return re.sub(r"[^a-z0-9_\-]", "", str(value).lower())


URL_STRIP = re.compile(r"[^a-z0-9\-~+_.?#=!&;,/:%@$|*'()\[\]\x80-\uffff]", re.IGNORECASE)


def esc_url_raw(url: Any) -> str:
    """esc_url_raw(): a URL fit for the database, or "" when its protocol is not allowed."""
    text = str(url or "").strip()
    if not text:
        return ""
    text = text.replace(" ", "%20")
    text = URL_STRIP.sub("", text)
    if not text:
        return ""
    if (":" not in text and text[0] not in "/#?"
            and not re.match(r"^[a-z0-9-]+?\.php", text, re.IGNORECASE)):
        text = "http://" + text
    if ":" in text:
        scheme = text.split(":", 1)[0].lower()
        if "/" not in scheme and "?" not in scheme and "#" not in scheme \
                and scheme not in ALLOWED_PROTOCOLS:
            return ""
    return text


# --- display (comment_text) ------------------------------------------------------------------
def render_comment(content: str) -> str:
    """The comment_text filters: wptexturize, make_clickable, wpautop."""
    return wpautop(make_clickable(wptexturize(content)))


TEXTURIZE_SPLIT = re.compile(r"(<[^>]*>|\[[^\]]*\])")
NO_TEXTURIZE = {"code", "kbd", "pre", "script", "style", "tt"}


def wptexturize(text: str) -> str:
    """A subset of wptexturize(): curly quotes and apostrophes, dashes and ellipses outside tags
    and <code>/<pre>."""
    if not text:
        return text
    parts = TEXTURIZE_SPLIT.split(text)
    skip: list[str] = []
    out = []
    for part in parts:
        if part.startswith("<"):
            tag = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if tag and tag.group(1).lower() in NO_TEXTURIZE:
                if part.startswith("</"):
                    if skip:
                        skip.pop()
                elif not part.endswith("/>"):
                    skip.append(tag.group(1).lower())
            out.append(part)
            continue
        if skip or not part or part.startswith("["):
            out.append(part)
            continue
        out.append(_texturize_text(part))
    return "".join(out)


def _texturize_text(text: str) -> str:
    text = text.replace("...", "&#8230;")
    text = re.sub(r"(?<=\s)---(?=\s)", "&#8212;", text)
    text = text.replace("---", "&#8212;")
    text = re.sub(r"(?<=\s)--(?=\s)", "&#8211;", text)
    text = re.sub(r"(?<=\s)-(?=\s)", "&#8211;", text)
    text = text.replace("--", "&#8211;")
    text = re.sub(r"(?<=\w)'(?=\w)", "&#8217;", text)
    text = re.sub(r"(^|(?<=[\s(\[{\"-]))'", "&#8216;", text)
    text = text.replace("'", "&#8217;")
    text = re.sub(r"(^|(?<=[\s(\[{-]))\"", "&#8220;", text)
    text = text.replace('"', "&#8221;")
    text = re.sub(r"(?<=\d)x(?=\d)", "&#215;", text)
    return LONE_AMP.sub("&#038;", text)


LONE_AMP = re.compile(r"&(?!#(?:\d+|x[a-f0-9]+);|[a-z1-4]{1,8};)", re.IGNORECASE)


URL_IN_TEXT = re.compile(r"(?<![\"'=>\w/])((?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])",
                         re.IGNORECASE)


def make_clickable(text: str) -> str:
    """make_clickable(): bare URLs in text (not inside tags or links) become nofollow links."""
    parts = re.split(r"(<[^>]*>)", text)
    depth = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            if re.match(r"<a[\s>]", part, re.IGNORECASE):
                depth += 1
            elif re.match(r"</a\s*>", part, re.IGNORECASE):
                depth = max(0, depth - 1)
            continue
        if depth == 0 and "://" in part:
            parts[index] = URL_IN_TEXT.sub(
                lambda m: '<a href="{0}" rel="nofollow">{0}</a>'.format(
                    LONE_AMP.sub("&#038;", m.group(1))), part)
    return "".join(parts)


BLOCK = (r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
         r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
         r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)")


def wpautop(text: str, br: bool = True) -> str:
    """wpautop(): paragraphs from blank lines, <br /> from single line breaks."""
    if not text.strip():
        return ""
    pre_blocks: dict[str, str] = {}
    if "<pre" in text:
        def keep(match: re.Match[str]) -> str:
            key = f"<pre wp-pre-tag-{len(pre_blocks)}></pre>"
            pre_blocks[key] = match.group(0)
            return key
        text = re.sub(r"<pre[\s>].*?</pre>", keep, text, flags=re.DOTALL | re.IGNORECASE)
    text += "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(rf"(<{BLOCK}[\s/>])", r"\n\n\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</{BLOCK}>)", r"\1\n\n", text, flags=re.IGNORECASE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\n\n+", "\n\n", text)
    pieces = [piece for piece in re.split(r"\n\s*\n", text) if piece.strip()]
    text = "".join(f"<p>{piece.strip(chr(10))}</p>\n" for piece in pieces)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{BLOCK}[^>]*>)\s*</p>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{BLOCK}[^>]*>)", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</?{BLOCK}[^>]*>)\s*</p>", r"\1", text, flags=re.IGNORECASE)
    if br:
        text = re.sub(r"<br>|<br/>", "<br />", text)
        text = re.sub(r"(?<!<br />)\s*\n(?!$)", "<br />\n", text)
        text = re.sub(rf"(</?{BLOCK}[^>]*>)\s*<br />", r"\1", text, flags=re.IGNORECASE)
        text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text,
                      flags=re.IGNORECASE)
    text = re.sub(r"\n</p>$", "</p>", text)
    for key, block in pre_blocks.items():
        text = text.replace(key, block)
    return text


# --- avatars -----------------------------------------------------------------------------------
AVATAR_SIZES = (24, 48, 96)


def avatar_urls(email: str, secure: bool) -> dict[str, str]:
    """rest_get_avatar_urls(): Gravatar URLs for 24, 48 and 96 pixels."""
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest() if email else ""
    if secure:
        base = "https://secure.gravatar.com/avatar/"
    else:
        server = int(digest[0], 16) % 3 if digest else 0
        base = f"http://{server}.gravatar.com/avatar/"
    return {str(size): f"{base}{digest}?s={size}&d=mm&r=g" for size in AVATAR_SIZES}


def unescape(text: str) -> str:
    return html.unescape(text)
