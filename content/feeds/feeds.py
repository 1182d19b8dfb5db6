"""RSS 2.0 and Atom feeds of posts and of comments, byte for byte as WordPress 6.1's feed
templates print them. Posts are what anyone may read (the project's WP_Query, published posts
only), their links the API's permalinks, their content the_content as the API renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from content.blocks.context import RenderContext
from content.blocks.util import esc_html, esc_url
from content.formatting import render_content, render_excerpt, strip_all_tags
from content.permalinks import load_ancestors, post_permalink
from wpapi.site import get_option

WP_VERSION = "6.1.9"
PASSWORD_FORM = (
    '<form action="{site}/wp-login.php?action=postpass" class="post-password-form" '
    'method="post">\n<p>This content is password protected. To view it please enter your '
    'password below:</p>\n<p><label for="pwbox-{id}">Password: <input name="post_password" '
    'id="pwbox-{id}" type="password" size="20" /></label> <input type="submit" name="Submit" '
    'value="Enter" /></p>\n</form>\n'
)
#: get_the_password_form() as it comes, without the_content's filters (comment feeds)
PASSWORD_FORM_RAW = (
    '<form action="{site}/wp-login.php?action=postpass" class="post-password-form" '
    'method="post">\n\t<p>This content is password protected. To view it please enter your '
    'password below:</p>\n\t<p><label for="pwbox-{id}">Password: <input name="post_password" '
    'id="pwbox-{id}" type="password" size="20" /></label> <input type="submit" name="Submit" '
    'value="Enter" /></p></form>\n\t'
)
NO_EXCERPT = "There is no excerpt because this is a protected post."


@dataclass
class Feed:
    """What a feed shows: its title, self link, the posts (or comments) and their data."""

    site: str
    self_link: str
    title: str
    posts: list[Any] = field(default_factory=list)
    comments: list[Any] = field(default_factory=list)
    #: the post of a single post's comment feed
    post: Any = None
    #: post id -> [(taxonomy, name)], categories first
    terms: dict[int, list[str]] = field(default_factory=dict)
    authors: dict[int, Any] = field(default_factory=dict)
    ancestors: dict[int, Any] = field(default_factory=dict)
    render: RenderContext | None = None
    #: the newest modification of the whole site, when the feed is empty
    last_modified: datetime | None = None
    #: comment id -> the comments the feed's comments answer
    parents: dict[int, Any] = field(default_factory=dict)


def generator() -> str:
    return getattr(settings, "WP_FEED_GENERATOR_VERSION", WP_VERSION)


def ent2ncr(text: str) -> str:
    """ent2ncr() for the entities the filters produce."""
    return (
        text.replace("&hellip;", "&#8230;")
        .replace("&nbsp;", "&#160;")
        .replace("&mdash;", "&#8212;")
        .replace("&ndash;", "&#8211;")
        .replace("&rsquo;", "&#8217;")
        .replace("&lsquo;", "&#8216;")
        .replace("&ldquo;", "&#8220;")
        .replace("&rdquo;", "&#8221;")
    )


def self_link(request: Any, site: str) -> str:
    """get_self_link(): the home URL's host (without its port, as WordPress 6.1 does) and the
    request's path."""
    parts = urlsplit(site)
    scheme = "https" if parts.scheme == "https" else "http"
    return esc_url(f"{scheme}://{parts.hostname}{request.get_full_path()}")


def rfc822(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")


def atom_date(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_date(feed: Feed) -> datetime | None:
    """get_feed_build_date(): the newest modification among the feed's posts (and comments)."""
    times = [post.modified for post in feed.posts]
    if feed.comments:
        times += [comment.date for comment in feed.comments]
    if times:
        return max(times)
    return feed.last_modified


def permalink(feed: Feed, post: Any) -> str:
    return post_permalink(feed.site, post, feed.ancestors)


def post_title(post: Any) -> str:
    """the_title_rss(): get_the_title() without tags, entities as numbers."""
    from content.blocks.lists import post_title as title

    return esc_html(ent2ncr(strip_all_tags(title(post))))


def excerpt_rss(feed: Feed, post: Any) -> str:
    if post.password:
        return NO_EXCERPT
    return ent2ncr(strip_all_tags(render_excerpt(post.excerpt, post.content, feed.site)).strip())


def content_rss(feed: Feed, post: Any) -> str:
    """get_the_content_feed(): the_content, or the password form."""
    if post.password:
        return PASSWORD_FORM.format(site=feed.site, id=post.pk)
    html = render_content(post.content, feed.site, feed.render, post)
    return html.replace("]]>", "]]&gt;")


def comments_count(post: Any) -> int:
    return post.comment_count


def comments_shown(post: Any) -> bool:
    from comments.policies import comments_open

    return bool(comments_count(post)) or comments_open(post)


def author_name(feed: Feed, post: Any) -> str:
    author = feed.authors.get(post.author_id)
    return author.display_name if author is not None else ""


def guid(feed: Feed, post: Any) -> str:
    from content.permalinks import post_guid

    return esc_html(post_guid(feed.site, post))


# --- RSS 2.0 ------------------------------------------------------------------------------------
def rss2(feed: Feed) -> str:
    built = build_date(feed)
    out = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
        '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n'
        "\t>\n\n<channel>\n"
        f"\t<title>{feed.title}</title>\n"
        f'\t<atom:link href="{feed.self_link}" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{feed.site}</link>\n"
        f"\t<description>{bloginfo('description')}</description>\n"
        f"\t<lastBuildDate>{rfc822(built) if built else ''}</lastBuildDate>\n"
        "\t<language>en-US</language>\n"
        "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        f"\t<generator>https://wordpress.org/?v={generator()}</generator>\n"
    )
    for post in feed.posts:
        link = permalink(feed, post)
        shown = comments_shown(post)
        count = comments_count(post)
        out += "\t<item>\n"
        out += f"\t\t<title>{post_title(post)}</title>\n"
        out += f"\t\t<link>{esc_url(link)}</link>\n"
        if shown:
            anchor = "#comments" if count else "#respond"
            out += f"\t\t\t\t\t<comments>{esc_url(link + anchor)}</comments>\n\t\t"
        else:
            out += "\t\t"
        out += "\n"
        out += f"\t\t<dc:creator><![CDATA[{author_name(feed, post)}]]></dc:creator>\n"
        out += f"\t\t<pubDate>{rfc822(post.date)}</pubDate>\n\t\t"
        for name in feed.terms.get(post.pk, []):
            out += f"\t\t<category><![CDATA[{name}]]></category>\n"
        out += f'\t\t<guid isPermaLink="false">{guid(feed, post)}</guid>\n\n'
        excerpt = excerpt_rss(feed, post)
        out += f"\t\t\t\t\t<description><![CDATA[{excerpt}]]></description>\n"
        content = content_rss(feed, post)
        out += (
            "\t\t\t\t\t\t\t\t\t\t<content:encoded>"
            f"<![CDATA[{content or excerpt}]]></content:encoded>\n"
        )
        out += "\t\t\t\t\t\n"
        if shown:
            out += (
                f"\t\t\t\t\t<wfw:commentRss>{esc_url(link + 'feed/')}</wfw:commentRss>\n"
                f"\t\t\t<slash:comments>{count}</slash:comments>\n"
            )
        out += "\t\t\n\t\t\n\t\t\t</item>\n\t"
    return out + "</channel>\n</rss>\n"


# --- Atom ---------------------------------------------------------------------------------------
def atom(feed: Feed) -> str:
    built = build_date(feed)
    out = (
        '<?xml version="1.0" encoding="UTF-8"?><feed\n'
        '\txmlns="http://www.w3.org/2005/Atom"\n'
        '\txmlns:thr="http://purl.org/syndication/thread/1.0"\n'
        '\txml:lang="en-US"\n\t>\n'
        f'\t<title type="text">{feed.title}</title>\n'
        f'\t<subtitle type="text">{bloginfo("description")}</subtitle>\n\n'
        f"\t<updated>{atom_date(built) if built else ''}</updated>\n\n"
        f'\t<link rel="alternate" type="text/html" href="{feed.site}" />\n'
        f"\t<id>{feed.site}/feed/atom/</id>\n"
        f'\t<link rel="self" type="application/atom+xml" href="{feed.self_link}" />\n\n'
        f'\t<generator uri="https://wordpress.org/" version="{generator()}">WordPress</generator>\n'
    )
    for post in feed.posts:
        link = permalink(feed, post)
        author = feed.authors.get(post.author_id)
        out += "\t<entry>\n\t\t<author>\n"
        out += f"\t\t\t<name>{author_name(feed, post)}</name>\n"
        url = getattr(author, "url", "") if author is not None else ""
        if url:
            out += f"\t\t\t\t\t\t\t<uri>{esc_url(url)}</uri>\n\t\t\t\t\t\t</author>\n\n"
        else:
            out += "\t\t\t\t\t</author>\n\n"
        out += f'\t\t<title type="html"><![CDATA[{post_title(post)}]]></title>\n'
        out += f'\t\t<link rel="alternate" type="text/html" href="{esc_url(link)}" />\n\n'
        out += f"\t\t<id>{guid(feed, post)}</id>\n"
        out += f"\t\t<updated>{atom_date(post.modified)}</updated>\n"
        out += f"\t\t<published>{atom_date(post.date)}</published>\n\t\t"
        out += "".join(
            f'<category scheme="{feed.site}" term="{esc_html(name)}" />'
            for name in feed.terms.get(post.pk, [])
        )
        out += "\n"
        out += f'\t\t<summary type="html"><![CDATA[{excerpt_rss(feed, post)}]]></summary>\n\n'
        content = content_rss(feed, post)
        out += (
            f'\t\t\t\t\t<content type="html" xml:base="{esc_url(link)}"><![CDATA[{content}]]>'
            "</content>\n\t\t\n"
        )
        if comments_shown(post):
            count = comments_count(post)
            out += (
                f'\t\t\t\t\t<link rel="replies" type="text/html" href="{esc_url(link)}#comments" '
                f'thr:count="{count}" />\n'
                '\t\t\t<link rel="replies" type="application/atom+xml" '
                f'href="{esc_url(link)}feed/atom/" thr:count="{count}" />\n'
                f"\t\t\t<thr:total>{count}</thr:total>\n"
            )
        out += "\t\t\t</entry>\n\t"
    return out + "</feed>\n"


# --- comments -----------------------------------------------------------------------------------
def comment_author(comment: Any) -> str:
    from content.blocks.lists import comment_author as name

    return name(comment)


def comment_link(feed: Feed, comment: Any) -> str:
    return f"{permalink(feed, comment.post)}#comment-{comment.pk}"


def comment_title(feed: Feed, comment: Any) -> str:
    author = esc_html(ent2ncr(comment_author(comment)))
    if feed.post is not None:
        return f"By: {author}"
    return f"Comment on {post_title(comment.post)} by {author}"


PROTECTED_COMMENTS = "Protected Comments: Please enter your password to view comments."


def comment_bodies(feed: Feed, comment: Any) -> tuple[str, str]:
    """(description, content) of a comment: its text escaped (in CDATA), and as comment_text
    shows it; for a password-protected post, a notice and the password form."""
    from comments.formatting import render_comment
    from content.formatting import smilies_on

    if comment.post.password:
        return PROTECTED_COMMENTS, PASSWORD_FORM_RAW.format(site=feed.site, id=comment.post.pk)
    text = comment.content
    parent = feed.parents.get(comment.parent_id) if comment.parent_id else None
    if parent is not None:  # get_comment_text() in a comment feed names the comment answered
        link = esc_url(f"{permalink(feed, parent.post)}#comment-{parent.pk}")
        text = f'In reply to <a href="{link}">{comment_author(parent)}</a>.\n\n{text}'
    description = f"<![CDATA[{ent2ncr(esc_html(text))}]]>"
    content = render_comment(text, feed.site, smilies_on()).replace("]]>", "]]&gt;")
    return description, content


def comments_rss2(feed: Feed) -> str:
    built = build_date(feed)
    link = permalink(feed, feed.post) if feed.post is not None else feed.site
    out = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
        "\t\n\t>\n<channel>\n"
        f"\t<title>\n\t{feed.title}\t</title>\n"
        f'\t<atom:link href="{feed.self_link}" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{esc_url(link)}</link>\n"
        f"\t<description>{bloginfo('description')}</description>\n"
        f"\t<lastBuildDate>{rfc822(built) if built else ''}</lastBuildDate>\n"
        "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        f"\t<generator>https://wordpress.org/?v={generator()}</generator>\n"
    )
    for comment in feed.comments:
        url = esc_url(comment_link(feed, comment))
        description, content = comment_bodies(feed, comment)
        out += (
            f"\t<item>\n\t\t<title>\n\t\t{comment_title(feed, comment)}\t\t</title>\n"
            f"\t\t<link>{url}</link>\n\n"
            f"\t\t<dc:creator><![CDATA[{comment_author(comment)}]]></dc:creator>\n"
            f"\t\t<pubDate>{rfc822(comment.date)}</pubDate>\n"
            f'\t\t<guid isPermaLink="false">{url}</guid>\n\n'
            f"\t\t\t\t\t<description>{description}</description>\n"
            f"\t\t\t<content:encoded><![CDATA[{content}]]></content:encoded>\n"
            "\t\t\n\t\t\t</item>\n\t"
        )
    return out + "</channel>\n</rss>\n"


def comments_atom(feed: Feed) -> str:
    built = build_date(feed)
    out = (
        '<?xml version="1.0" encoding="UTF-8" ?><feed\n'
        '\txmlns="http://www.w3.org/2005/Atom"\n'
        '\txml:lang="en-US"\n'
        '\txmlns:thr="http://purl.org/syndication/thread/1.0"\n\t>\n'
        f'\t<title type="text">\n\t{feed.title}\t</title>\n'
        f'\t<subtitle type="text">{bloginfo("description")}</subtitle>\n\n'
        f"\t<updated>{atom_date(built) if built else ''}</updated>\n\n"
    )
    if feed.post is not None:
        link = esc_url(permalink(feed, feed.post))
        out += (
            f'\t<link rel="alternate" type="text/html" href="{link}" />\n'
            f'\t<link rel="self" type="application/atom+xml" href="{link}feed/atom/" />\n'
            f"\t<id>{link}feed/atom/</id>\n"
        )
    else:
        out += (
            f'\t<link rel="alternate" type="text/html" href="{feed.site}" />\n'
            '\t<link rel="self" type="application/atom+xml" '
            f'href="{feed.site}/comments/feed/atom/" />\n'
            f"\t<id>{feed.site}/comments/feed/atom/</id>\n"
        )
    out += (
        f'<generator uri="https://wordpress.org/" version="{generator()}">WordPress</generator>\n'
    )
    for comment in feed.comments:
        url = esc_url(comment_link(feed, comment))
        post_link = esc_url(permalink(feed, comment.post))
        author_url = "" if comment.author_url == "http://" else comment.author_url
        uri = f"<uri>{esc_url(author_url)}</uri>" if author_url else ""
        _, content = comment_bodies(feed, comment)
        out += (
            f"\t<entry>\n\t\t<title>\n\t\t{comment_title(feed, comment)}\t\t</title>\n"
            f'\t\t<link rel="alternate" href="{url}" type="text/html" />\n\n'
            f"\t\t<author>\n\t\t\t<name>{comment_author(comment)}</name>\n\t\t\t{uri}\n"
            "\t\t</author>\n\n"
            f"\t\t<id>{url}</id>\n"
            f"\t\t<updated>{atom_date(comment.date)}</updated>\n"
            f"\t\t<published>{atom_date(comment.date)}</published>\n\n"
            f'\t\t\t\t\t<content type="html" xml:base="{url}"><![CDATA[{content}]]></content>\n'
            "\t\t\n"
        )
        if comment.parent_id:
            parent = f"{permalink(feed, comment.post)}#comment-{comment.parent_id}"
            out += (
                f'\t\t\t\t\t<thr:in-reply-to ref="{esc_url(parent)}" href="{esc_url(parent)}" '
                'type="text/html" />\n\t\t\t\t</entry>\n\t'
            )
        else:
            out += (
                f'\t\t\t\t\t<thr:in-reply-to ref="{guid(feed, comment.post)}" '
                f'href="{post_link}" type="text/html" />\n\t\t\t\t</entry>\n\t'
            )
    return out + "</feed>\n"


def bloginfo(name: str) -> str:
    """bloginfo_rss(): the option, without tags, entities as numbers."""
    value = str(get_option(name) or "")
    return esc_html(ent2ncr(strip_all_tags(value)))


def load_feed_data(feed: Feed) -> None:
    """The authors, terms and page ancestors the items show: one query each."""
    from taxonomy.models import TermRelationship
    from users.models import User

    posts = feed.posts or [comment.post for comment in feed.comments]
    author_ids = {post.author_id for post in feed.posts if post.author_id}
    feed.authors = User.objects.in_bulk(author_ids) if author_ids else {}
    ids = [post.pk for post in feed.posts]
    found: dict[int, list[tuple[int, str, str]]] = {}
    if ids:
        rows = TermRelationship.objects.filter(
            post_id__in=ids, term__taxonomy__in=["category", "post_tag"]
        ).values_list("post_id", "term__taxonomy", "term__name")
        for post_id, taxonomy, name in rows:
            found.setdefault(post_id, []).append((0 if taxonomy == "category" else 1, name, name))
    feed.terms = {
        post_id: [name for _, _, name in sorted(items, key=lambda item: (item[0], item[1].lower()))]
        for post_id, items in found.items()
    }
    parent_ids = {comment.parent_id for comment in feed.comments if comment.parent_id}
    if parent_ids:
        from comments.models import Comment

        feed.parents = Comment.objects.select_related("post", "user").in_bulk(parent_ids)
    pages = [
        *posts,
        *([feed.post] if feed.post is not None else []),
        *(parent.post for parent in feed.parents.values()),
    ]
    feed.ancestors = load_ancestors(pages)
