"""Rendering of titles, content and excerpts as WordPress's display filters produce them.

`the_content` on plain and block content: block comment delimiters removed (do_blocks),
typographic punctuation (wptexturize), paragraphs (wpautop, skipped for block content as
WordPress does), "Wordpress" spelled right (capital_P_dangit). `the_title`: texturize. Excerpts
are generated from the content (55 words + " [&hellip;]") when none is written. Slugs
(sanitize_title) and kses live in wpapi.formatting. Written from WordPress's documented
behaviour; no code copied.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wpapi.formatting import (  # noqa: F401 - sanitize_title and remove_accents re-exported
    ALLOWED_TAGS,
    kses,
    remove_accents,
    sanitize_title,
    strip_all_tags,
)

# --- blocks -----------------------------------------------------------------------------------
BLOCK_DELIMITER = re.compile(r"<!--\s+/?wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?\s.*?-->", re.S)
BLOCK_OPENER = re.compile(r"<!--\s+wp:")


def has_blocks(content: str) -> bool:
    return "<!-- wp:" in content


BLOCK_TOKEN = re.compile(
    r"<!--\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(?:\{.*?\}\s+)?(/)?-->", re.S
)
EXCERPT_BLOCKS = {
    "freeform",
    "heading",
    "html",
    "list",
    "media-text",
    "paragraph",
    "preformatted",
    "pullquote",
    "quote",
    "table",
    "verse",
}
EXCERPT_WRAPPERS = {"columns", "column", "group"}


def excerpt_remove_blocks(content: str) -> str:
    """excerpt_remove_blocks(): only text-like blocks (and those inside columns/groups) feed a
    generated excerpt; code, images, embeds and the like are dropped."""
    if not has_blocks(content):
        return content
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (block name, kept)
    pos = 0
    for match in BLOCK_TOKEN.finditer(content):
        keep_here = all(kept for _, kept in stack)
        if keep_here and (not stack or stack[-1][0] not in EXCERPT_WRAPPERS or True):
            chunk = content[pos : match.start()]
            if not stack or stack[-1][0] not in EXCERPT_WRAPPERS:
                out.append(chunk)
        pos = match.end()
        closing, name, self_closing = match.group(1), match.group(2), match.group(3)
        short = name.split("/", 1)[1] if name.startswith("core/") else name
        if closing:
            if stack:
                stack.pop()
            continue
        if self_closing:
            continue
        parent_kept = all(kept for _, kept in stack)
        stack.append(
            (short, parent_kept and (short in EXCERPT_BLOCKS or short in EXCERPT_WRAPPERS))
        )
    if all(kept for _, kept in stack):
        out.append(content[pos:])
    return "".join(out)


SHORTCODE_BLOCK = re.compile(r"<!--\s+wp:shortcode\s+-->(.*?)<!--\s+/wp:shortcode\s+-->", re.S)


def strip_block_delimiters(content: str) -> str:
    """do_blocks() for static blocks: the delimiters go, inner HTML stays; the shortcode
    block renders its text through wpautop (render_block_core_shortcode)."""
    if "wp:shortcode" in content:
        content = SHORTCODE_BLOCK.sub(lambda m: wpautop(m.group(1)), content)
    return BLOCK_DELIMITER.sub("", content)


# --- wptexturize --------------------------------------------------------------------------------
SPACES = r"(?:[\r\n\t ]|\xc2\xa0|\u00a0|&nbsp;)"
NO_TEXTURIZE_TAGS = ("pre", "code", "kbd", "style", "script", "tt")
#: WordPress's own shortcodes; unregistered [brackets] are plain text to texturize
SHORTCODES = ("caption", "wp_caption", "gallery", "playlist", "audio", "video", "embed")
TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>|\[/?(?:" + "|".join(SHORTCODES) + r")\b[^\[\]]*\])", re.S)

OPEN_Q, CLOSE_Q = "&#8220;", "&#8221;"
OPEN_SQ, CLOSE_SQ, APOS = "&#8216;", "&#8217;", "&#8217;"
PRIME, DOUBLE_PRIME = "&#8242;", "&#8243;"
EN_DASH, EM_DASH = "&#8211;", "&#8212;"
_APOS_FLAG, _OPEN_SQ_FLAG, _OPEN_Q_FLAG = "\x01", "\x02", "\x03"

STATIC = [
    ("...", "&#8230;"),
    ("``", OPEN_Q),
    ("''", CLOSE_Q),
    (" (tm)", " &#8482;"),
    ("'tain't", APOS + "tain" + APOS + "t"),
    ("'twere", APOS + "twere"),
    ("'twas", APOS + "twas"),
    ("'tis", APOS + "tis"),
    ("'til", APOS + "til"),
    ("'bout", APOS + "bout"),
    ("'nuff", APOS + "nuff"),
    ("'round", APOS + "round"),
    ("'cause", APOS + "cause"),
    ("'em", APOS + "em"),
]

SINGLE_RULES = [
    # '99' and '99" read as an abbreviated year closing a quotation
    (
        re.compile(r"'(\d\d)'(?=\Z|[.,:;!?)}\-\]]|&gt;|" + SPACES + ")"),
        _APOS_FLAG + r"\1" + CLOSE_SQ,
    ),
    (
        re.compile(r"'(\d\d)\"(?=\Z|[.,:;!?)}\-\]]|&gt;|" + SPACES + ")"),
        _APOS_FLAG + r"\1" + CLOSE_Q,
    ),
    (re.compile(r"'(?=\d\d(?:\Z|(?![%\d]|[.,]\d)))"), _APOS_FLAG),
    (
        re.compile(r"(?:(?<=\A)|(?<=[\r\n\t ])|(?<=\u00a0)|(?<=&nbsp;))'(\d[.,\d]*)'"),
        _OPEN_SQ_FLAG + r"\1" + CLOSE_SQ,
    ),
    (
        re.compile(
            r"(?:(?<=\A)|(?<=[(\[{\"\-])|(?<=&lt;)|(?<=[\r\n\t ])|(?<=\u00a0)|(?<=&nbsp;))'"
        ),
        _OPEN_SQ_FLAG,
    ),
    (
        re.compile(r"(?<![\r\n\t \u00a0])'(?!\Z|[.,:;!?\"'(){}\[\]\-]|&[lg]t;|" + SPACES + ")"),
        _APOS_FLAG,
    ),
]
DOUBLE_RULES = [
    (
        re.compile(r"(?:(?<=\A)|(?<=[\r\n\t ])|(?<=\u00a0)|(?<=&nbsp;))\"(\d[.,\d]*)\""),
        _OPEN_Q_FLAG + r"\1" + CLOSE_Q,
    ),
    (
        re.compile(
            r"(?:(?<=\A)|(?<=[(\[{\-])|(?<=&lt;)|(?<=[\r\n\t ])|(?<=\u00a0)|(?<=&nbsp;))"
            r"\"(?!" + SPACES + ")"
        ),
        _OPEN_Q_FLAG,
    ),
]
DASH_RULES = [
    (re.compile(r"---"), EM_DASH),
    (
        re.compile(r"(?:(?<=\A)|(?<=[\r\n\t ])|(?<=\u00a0)|(?<=&nbsp;))--(?=\Z|" + SPACES + ")"),
        EM_DASH,
    ),
    (re.compile(r"(?<!xn)--"), EN_DASH),
    (
        re.compile(r"(?:(?<=\A)|(?<=[\r\n\t ])|(?<=\u00a0)|(?<=&nbsp;))-(?=\Z|" + SPACES + ")"),
        EN_DASH,
    ),
]
LONE_AMP = re.compile(r"&(?!#(?:\d+|x[a-f0-9]+);|[a-z1-4]{1,8};)", re.I)
TIMES = re.compile(r"\b((?:[1-9][\d.,]*|0[\d.,]+))x(\d[\d.,]*)\b")


def _primes(text: str, quote: str, prime: str, open_flag: str, close: str) -> str:
    """Quotes left after the rules: within each stretch after an opening quote, a quote
    followed by punctuation or space closes it (primes after digits when several compete);
    elsewhere digits take primes. Unmatched single quotes stay as typed."""
    flag = "\x04"
    quote_pattern = re.compile(re.escape(quote) + r"(?=\Z|[.,:;!?)}\-\]]|&gt;|" + SPACES + ")")
    prime_pattern = re.compile(r"(?<=\d)" + re.escape(quote))
    sentences = text.split(open_flag)
    for index, sentence in enumerate(sentences):
        if quote not in sentence:
            continue
        if index and close not in sentence:
            sentence, count = quote_pattern.subn(flag, sentence)
            if count > 1:
                sentence, replaced = re.subn(r"(?<!\d)" + flag, close, sentence)
                if not replaced:
                    at = sentence.rfind(flag + ".")
                    at = at if at != -1 else sentence.rfind(flag)
                    sentence = sentence[:at] + close + sentence[at + 1 :]
                sentence = prime_pattern.sub(prime, sentence)
                sentence = re.sub(r"(?<=\d)" + flag, prime, sentence)
                sentence = sentence.replace(flag, close)
            elif count == 1:
                sentence = prime_pattern.sub(prime, sentence.replace(flag, close))
            else:
                sentence = prime_pattern.sub(prime, sentence)
        else:
            sentence = quote_pattern.sub(close, prime_pattern.sub(prime, sentence))
        if quote == '"':
            sentence = sentence.replace('"', close)
        sentences[index] = sentence
    return open_flag.join(sentences)


TAG_NAME = re.compile(r"<(/?)([a-zA-Z0-9]+)")
HTML_TAG_SPLIT = re.compile(r"(<[^>]*>)")


@lru_cache(maxsize=8192)  # pure; the same bits of text come back in every list of posts
def _texturize_text(text: str) -> str:
    for old, new in STATIC:
        text = text.replace(old, new)
    if "'" in text:
        for pattern, replacement in SINGLE_RULES:
            text = pattern.sub(replacement, text)
        text = _primes(text, "'", PRIME, _OPEN_SQ_FLAG, CLOSE_SQ)
        text = text.replace(_APOS_FLAG, APOS).replace(_OPEN_SQ_FLAG, OPEN_SQ)
    if '"' in text:
        for pattern, replacement in DOUBLE_RULES:
            text = pattern.sub(replacement, text)
        text = _primes(text, '"', DOUBLE_PRIME, _OPEN_Q_FLAG, CLOSE_Q)
        text = text.replace(_OPEN_Q_FLAG, OPEN_Q)
    if "-" in text:
        for pattern, replacement in DASH_RULES:
            text = pattern.sub(replacement, text)
    if re.search(r"(?<=\d)x\d", text):
        text = TIMES.sub(r"\1&#215;\2", text)
    return LONE_AMP.sub("&#038;", text)


def wptexturize(text: str) -> str:
    """Curly quotes, apostrophes, dashes, ellipses and &#215; outside tags, code and pre."""
    if not text:
        return text
    skip: list[str] = []
    out = []
    for part in TOKEN.split(text):
        if not part:
            continue
        if part.startswith("<!--"):
            out.append(part)
        elif part.startswith("<"):
            match = TAG_NAME.match(part)
            if match:
                closing, name = match.group(1), match.group(2).lower()
                if name in NO_TEXTURIZE_TAGS:
                    if closing:
                        if name in skip:
                            skip.remove(name)
                    elif not part.endswith("/>"):
                        skip.append(name)
            out.append(part)
        elif (part.startswith("[") and TOKEN.fullmatch(part)) or skip:
            out.append(part)
        else:
            out.append(_texturize_text(part))
    return "".join(out)


def capital_p_dangit(text: str) -> str:
    return re.sub(r"(?<=[\s>(\"'])Wordpress\b|\AWordpress\b", "WordPress", text)


# --- wpautop ------------------------------------------------------------------------------------
ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|"
    r"pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|"
    r"section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|"
    r"summary)"
)
TAG = re.compile(r"<[^>]*>", re.S)


def wpautop(text: str, br: bool = True) -> str:
    """Double line breaks become paragraphs, single ones <br /> (outside block elements)."""
    if not text.strip():
        return ""
    pre_tags: dict[str, str] = {}
    text = text + "\n"
    if "<pre" in text:
        parts = text.split("</pre>")
        last = parts.pop()
        rebuilt = []
        for index, part in enumerate(parts):
            start = part.find("<pre")
            if start == -1:
                rebuilt.append(part)
                continue
            name = f"<pre wp-pre-tag-{index}></pre>"
            pre_tags[name] = part[start:] + "</pre>"
            rebuilt.append(part[:start] + name)
        text = "".join(rebuilt) + last
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + ALLBLOCKS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + ALLBLOCKS + r">)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = TAG.sub(lambda m: m.group(0).replace("\n", " <!-- wpnl --> "), text)
    if "<option" in text:
        text = re.sub(r"\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [chunk for chunk in re.split(r"\n\s*\n", text) if chunk]
    text = "".join("<p>" + chunk.strip("\n") + "</p>\n" for chunk in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + ALLBLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + ALLBLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + ALLBLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    if br:
        text = re.sub(
            r"<(script|style|svg).*?</\1>",
            lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"),
            text,
            flags=re.S,
        )
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(r"(</?" + ALLBLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    if "<!-- wpnl -->" in text:
        text = text.replace(" <!-- wpnl --> ", "\n").replace("<!-- wpnl -->", "\n")
    return text


# --- the filters ---------------------------------------------------------------------------------
@lru_cache(maxsize=2048)  # pure; the same titles come back on every list
def render_title(title: str) -> str:
    """the_title: texturized, trimmed, "WordPress" capitalised."""
    return capital_p_dangit(wptexturize(title).strip())


# smilies_init(): most smilies are emoji now; :mrgreen: still has an image.
SMILIES = {
    ":mrgreen:": "mrgreen.png",
    ":neutral:": "\U0001f610",
    ":twisted:": "\U0001f608",
    ":arrow:": "\u27a1",
    ":shock:": "\U0001f62f",
    ":smile:": "\U0001f642",
    ":???:": "\U0001f615",
    ":cool:": "\U0001f60e",
    ":evil:": "\U0001f47f",
    ":grin:": "\U0001f600",
    ":idea:": "\U0001f4a1",
    ":oops:": "\U0001f633",
    ":razz:": "\U0001f61b",
    ":roll:": "\U0001f644",
    ":wink:": "\U0001f609",
    ":cry:": "\U0001f625",
    ":eek:": "\U0001f62e",
    ":lol:": "\U0001f606",
    ":mad:": "\U0001f621",
    ":sad:": "\U0001f641",
    "8-)": "\U0001f60e",
    "8-O": "\U0001f62f",
    ":-(": "\U0001f641",
    ":-)": "\U0001f642",
    ":-?": "\U0001f615",
    ":-D": "\U0001f600",
    ":-P": "\U0001f61b",
    ":-o": "\U0001f62e",
    ":-x": "\U0001f621",
    ":-|": "\U0001f610",
    ";-)": "\U0001f609",
    "8O": "\U0001f62f",
    ":(": "\U0001f641",
    ":)": "\U0001f642",
    ":?": "\U0001f615",
    ":D": "\U0001f600",
    ":P": "\U0001f61b",
    ":o": "\U0001f62e",
    ":x": "\U0001f621",
    ":|": "\U0001f610",
    ";)": "\U0001f609",
    ":!:": "\u2757",
    ":?:": "\u2753",
}
# between spaces (wp_spaces_regexp: [\r\n\t ], a no-break space or &nbsp;) or the line's ends
SMILEY = re.compile(
    rf"(?:(?<=[\r\n\t ])|(?<=\u00a0)|(?<=&nbsp;)|^)"
    rf"({'|'.join(re.escape(key) for key in sorted(SMILIES, key=len, reverse=True))})"
    r"(?=[\r\n\t \u00a0]|&nbsp;|$)",
    re.MULTILINE,
)
SMILEY_SKIP_TAGS = ("code", "pre", "style", "script", "textarea")


def smilies_on() -> bool:
    """The use_smilies option."""
    from wpapi.site import get_option

    return bool(get_option("use_smilies", True))


def convert_smilies(text: str, site: str = "") -> str:
    """convert_smilies(): text smilies become emoji (or the :mrgreen: image under `site`),
    outside tags and code, pre, style, script and textarea."""
    if not any(key in text for key in (":", ";", "8")):
        return text
    out, skip = [], None
    for part in HTML_TAG_SPLIT.split(text):
        if part.startswith("<"):
            match = TAG_NAME.match(part)
            if match:
                name = match.group(2).lower()
                if skip is None and not match.group(1) and name in SMILEY_SKIP_TAGS:
                    skip = name
                elif match.group(1) and name == skip:
                    skip = None
            out.append(part)
        elif skip is None and part.strip():
            out.append(_smilies_text(part, site))
        else:
            out.append(part)
    return "".join(out)


@lru_cache(maxsize=8192)  # pure, as _texturize_text
def _smilies_text(text: str, site: str) -> str:
    return SMILEY.sub(lambda m: _smiley(m.group(1), site), text)


def _smiley(code: str, site: str) -> str:
    image = SMILIES[code]
    if not image.endswith(".png"):
        return image
    return (
        f'<img src="{site}/wp-includes/images/smilies/{image}" alt="{html_escape(code)}" '
        'class="wp-smiley" style="height: 1em; max-height: 1em;" />'
    )


IMG_TAG = re.compile(r"<img\s[^>]+>", re.I)


IFRAME_TAG = re.compile(r"<iframe\s[^>]+>", re.I)


def filter_content_tags(content: str) -> str:
    """wp_filter_content_tags(): images get loading="lazy" (when sized) and decoding="async";
    sized iframes loading="lazy", except WordPress embeds (data-secret). Images of the media
    library also get their size and srcset (content.blocks.images, which needs the database)."""

    def tag(match: re.Match) -> str:
        image = match.group(0)
        if " loading=" not in image and " width=" in image and " height=" in image:
            image = image.replace("<img", '<img loading="lazy"', 1)
        if " decoding=" not in image:
            image = image.replace("<img", '<img decoding="async"', 1)
        return image

    def frame(match: re.Match) -> str:
        iframe = match.group(0)
        if ' data-secret="' in iframe or " loading=" in iframe:
            return iframe
        if ' src="' in iframe and ' width="' in iframe and ' height="' in iframe:
            return iframe.replace("<iframe", '<iframe loading="lazy"', 1)
        return iframe

    if "<img" in content:
        content = IMG_TAG.sub(tag, content)
    if "<iframe" in content:
        content = IFRAME_TAG.sub(frame, content)
    return content


# --- shortcodes (do_shortcode): [caption] / [wp_caption] ----------------------------------
CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.S)
SHORTCODE_ATTR = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
)
UNAUTOP = re.compile(
    r"<p>\s*(\[(caption|wp_caption)\b[^\]]*\].*?\[/\2\])\s*(?:<br />\s*)?</p>", re.S
)


def shortcode_atts(text: str) -> dict[str, str]:
    """shortcode_parse_atts() for name="value", name='value' and name=value pairs."""
    found = {}
    for match in SHORTCODE_ATTR.finditer(text):
        if match.group(1):
            found[match.group(1).lower()] = match.group(2)
        elif match.group(3):
            found[match.group(3).lower()] = match.group(4)
        elif match.group(5):
            found[match.group(5).lower()] = match.group(6)
    return found


def sanitize_html_class(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", re.sub(r"%[a-fA-F0-9][a-fA-F0-9]", "", name))


def _php_int(value: str) -> int:
    found = re.match(r"\s*[+-]?\d+", value or "")
    return int(found.group(0)) if found else 0


def _caption(match: re.Match) -> str:
    """img_caption_shortcode() with the theme's HTML5 captions: a <figure> with <figcaption>."""
    attrs, content = shortcode_atts(match.group(2)), match.group(3)
    if "caption" not in attrs:
        parts = re.match(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", content, re.S | re.I)
        if parts:
            content, attrs["caption"] = parts.group(1), parts.group(2).strip()
    elif "<" in attrs["caption"]:
        attrs["caption"] = kses_post(attrs["caption"])
    width = _php_int(attrs.get("width", ""))
    if width < 1 or not attrs.get("caption"):
        return content
    element_id = sanitize_html_class(attrs.get("id", ""))
    caption_id = sanitize_html_class(attrs.get("caption_id", "")) or (
        "caption-" + element_id.replace("_", "-") if element_id else ""
    )
    classes = " ".join(
        f"wp-caption {attrs.get('align') or 'alignnone'} {attrs.get('class', '')}".split()
    )
    id_attr = f'id="{element_id}" ' if element_id else ""
    described = f'aria-describedby="{caption_id}" ' if caption_id else ""
    caption_attr = f'id="{caption_id}" ' if caption_id else ""
    return (
        f'<figure {id_attr}{described}style="width: {width}px" class="{html_escape(classes)}">'
        f'{content}<figcaption {caption_attr}class="wp-caption-text">{attrs["caption"]}'
        "</figcaption></figure>"
    )


def do_shortcodes(content: str) -> str:
    if "[" not in content:
        return content
    content = UNAUTOP.sub(r"\1", content)  # shortcode_unautop()
    return CAPTION.sub(_caption, content)


def html_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def render_content(content: str, site: str = "", ctx: object = None, post: object = None) -> str:
    """the_content (`site`: the site URL, for links and smiley images). Content with blocks,
    shortcodes or embeds rendered on the server goes through content.blocks.pipeline with
    the request's RenderContext `ctx` (one is made when none is given) and its `post`."""
    from content.blocks.pipeline import needs_server_rendering, render_dynamic_content

    blocks = has_blocks(content)
    # after a post with blocks, shortcodes in classic content keep their paragraphs
    late_autop = getattr(ctx, "autop_moved", False) and not blocks and "[" in content
    if late_autop or needs_server_rendering(content, site):
        return render_dynamic_content(content, site, smilies_on(), ctx, post)
    if blocks and ctx is not None:
        ctx.autop_moved = True  # type: ignore[attr-defined]
    return _render_content(content, smilies_on(), site)


@lru_cache(maxsize=512)  # pure; rendering is most of a list's CPU time
def _render_content(content: str, smilies: bool, site: str = "") -> str:
    blocks = has_blocks(content)
    if blocks:
        content = strip_block_delimiters(content)
    content = wptexturize(content)
    if not blocks:
        content = wpautop(content)
    content = filter_content_tags(capital_p_dangit(do_shortcodes(content)))
    # convert_smilies runs last on the_content (priority 20): its images stay as they are
    return convert_smilies(content, site) if smilies else content


def trim_words(text: str, count: int = 55, more: str = " [&hellip;]") -> str:
    words = [word for word in re.split(r"[\n\r\t ]+", strip_all_tags(text)) if word]
    if len(words) > count:
        return " ".join(words[:count]) + more
    return " ".join(words)


def teaser(content: str) -> str:
    """The part of the content before <!--more-->, as get_the_content() shows outside a
    single-post view."""
    match = re.search(r"<!--more(.*?)?-->", content)
    return content[: match.start()] if match else content


def render_excerpt(excerpt: str, content: str, site: str = "") -> str:
    """get_the_excerpt + the_excerpt: the written excerpt, or 55 words of the content."""
    return _render_excerpt(excerpt, content, smilies_on(), site)


@lru_cache(maxsize=1024)  # pure; excerpts repeat with their posts
def _render_excerpt(excerpt: str, content: str, smilies: bool, site: str = "") -> str:
    if not excerpt.strip():
        excerpt = _generated_excerpt(content, 55, smilies, site)
    text = wptexturize(excerpt)
    if smilies:
        text = convert_smilies(text, site)
    return wpautop(capital_p_dangit(text))


def _generated_excerpt(content: str, words: int, smilies: bool, site: str = "") -> str:
    """wp_trim_excerpt(): the teaser without shortcodes or non-text blocks, rendered, cut to
    `words` words."""
    text = excerpt_remove_blocks(strip_shortcodes(teaser(content)))
    text = _render_content(text, smilies, site).replace("]]>", "]]&gt;")
    return trim_words(text, words)


def generated_excerpt(content: str, words: int = 55, site: str = "") -> str:
    return _generated_excerpt(content, words, smilies_on(), site)


STRIP_SHORTCODE = re.compile(
    r"\[(\[?)(" + "|".join(SHORTCODES) + r")(?![\w-])([^\]/]*+(?:/(?!\])[^\]/]*+)*+)"
    r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)(\]?)",
    re.S,
)


def strip_shortcodes(content: str) -> str:
    """strip_shortcodes(): WordPress's own shortcodes removed (with what they enclose);
    an escaped [[tag]] keeps one pair of brackets."""
    if "[" not in content:
        return content

    def strip(match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]
        return match.group(1) + match.group(6)

    return STRIP_SHORTCODE.sub(strip, content)


# --- kses: what authors without unfiltered_html may save ----------------------------------------
#: <td> and <th> take the same attributes
TABLE_CELL_ATTRIBUTES = {
    "abbr",
    "align",
    "axis",
    "bgcolor",
    "char",
    "charoff",
    "colspan",
    "headers",
    "height",
    "nowrap",
    "rowspan",
    "scope",
    "valign",
    "width",
}
#: $allowedposttags (wp_kses_post): tag -> its own attributes; every tag also takes the global
#: ones (class, id, style, title, role, dir, lang, xml:lang, aria-*, data-*)
POST_TAGS: dict[str, set[str]] = {
    "address": set(),
    "a": {"href", "rel", "rev", "name", "target", "download", "hreflang"},
    "abbr": set(),
    "acronym": set(),
    "area": {"alt", "coords", "href", "nohref", "shape", "target"},
    "article": {"align"},
    "aside": {"align"},
    "audio": {"autoplay", "controls", "loop", "muted", "preload", "src"},
    "b": set(),
    "bdo": set(),
    "big": set(),
    "blockquote": {"cite"},
    "br": set(),
    "button": {"disabled", "name", "type", "value"},
    "caption": {"align"},
    "cite": set(),
    "code": set(),
    "col": {"align", "char", "charoff", "span", "valign", "width"},
    "colgroup": {"align", "char", "charoff", "span", "valign", "width"},
    "del": {"datetime"},
    "dd": set(),
    "dfn": set(),
    "details": {"align", "open"},
    "div": {"align"},
    "dl": set(),
    "dt": set(),
    "em": set(),
    "fieldset": set(),
    "figure": {"align"},
    "figcaption": {"align"},
    "font": {"color", "face", "size"},
    "footer": {"align"},
    "h1": {"align"},
    "h2": {"align"},
    "h3": {"align"},
    "h4": {"align"},
    "h5": {"align"},
    "h6": {"align"},
    "header": {"align"},
    "hgroup": {"align"},
    "hr": {"align", "noshade", "size", "width"},
    "i": set(),
    "img": {
        "alt",
        "align",
        "border",
        "height",
        "hspace",
        "loading",
        "longdesc",
        "vspace",
        "src",
        "usemap",
        "width",
        "decoding",
        "srcset",
        "sizes",
    },
    "ins": {"datetime", "cite"},
    "kbd": set(),
    "label": {"for"},
    "legend": {"align"},
    "li": {"align", "value"},
    "main": {"align"},
    "map": {"name"},
    "mark": set(),
    "menu": {"type"},
    "nav": {"align"},
    "object": {"data", "type"},
    "p": {"align"},
    "pre": {"width"},
    "q": {"cite"},
    "rb": set(),
    "rp": set(),
    "rt": set(),
    "rtc": set(),
    "ruby": set(),
    "s": set(),
    "samp": set(),
    "span": {"align"},
    "section": {"align"},
    "small": set(),
    "strike": set(),
    "strong": set(),
    "sub": set(),
    "summary": {"align"},
    "sup": set(),
    "table": {
        "align",
        "bgcolor",
        "border",
        "cellpadding",
        "cellspacing",
        "rules",
        "summary",
        "width",
    },
    "tbody": {"align", "char", "charoff", "valign"},
    "td": TABLE_CELL_ATTRIBUTES,
    "textarea": {"cols", "rows", "disabled", "name", "readonly"},
    "tfoot": {"align", "char", "charoff", "valign"},
    "th": TABLE_CELL_ATTRIBUTES,
    "thead": {"align", "char", "charoff", "valign"},
    "title": set(),
    "tr": {"align", "bgcolor", "char", "charoff", "valign"},
    "track": {"default", "kind", "label", "src", "srclang"},
    "tt": set(),
    "u": set(),
    "ul": {"type"},
    "ol": {"start", "type", "reversed"},
    "var": set(),
    "video": {
        "autoplay",
        "controls",
        "height",
        "loop",
        "muted",
        "playsinline",
        "poster",
        "preload",
        "src",
        "width",
    },
}
GLOBAL_ATTRIBUTES = {"class", "id", "style", "title", "role", "dir", "lang", "xml:lang"}


def kses_post(text: str) -> str:
    """wp_filter_post_kses (content, excerpt): the post allow-list, block comments kept,
    disallowed tags dropped with their text kept, links limited to allowed protocols."""
    if "<" not in text and "&" not in text:
        return text
    return kses(
        text,
        POST_TAGS,
        global_attributes=GLOBAL_ATTRIBUTES,
        attribute_prefixes={"data-", "aria-"},
        keep_comments=True,
    )


def kses_title(text: str) -> str:
    """wp_filter_kses (title): the small inline allow-list ($allowedtags)."""
    if "<" not in text and "&" not in text:
        return text
    return kses(text, ALLOWED_TAGS, keep_comments=True)
