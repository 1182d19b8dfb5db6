"""How comment text is stored and rendered, and registered comment meta."""

import pytest

from comments.formatting import esc_url_raw, kses_comment, render_comment, sanitize_text_field
from comments.models import Comment
from tests.factories import CommentFactory
from tests.helpers import count_queries

URL = "/wp-json/wp/v2/comments"
REF_FLAG = {
    "ref_flag": {
        "type": "boolean",
        "description": "Reference comment flag.",
        "default": False,
        "single": True,
    }
}


def test_wordpress_sample_comment_renders_as_wordpress(api_client, db):
    text = (
        "Hi, this is a comment.\nTo get started with moderating, editing, and deleting "
        "comments, please visit the Comments screen in the dashboard.\nCommenter avatars "
        'come from <a href="https://en.gravatar.com/">Gravatar</a>.'
    )
    comment = CommentFactory(content=text)
    rendered = api_client.get(f"{URL}/{comment.pk}").json()["content"]["rendered"]
    assert rendered == (
        "<p>Hi, this is a comment.<br />\nTo get started with moderating, editing, and deleting "
        "comments, please visit the Comments screen in the dashboard.<br />\nCommenter avatars "
        'come from <a href="https://en.gravatar.com/">Gravatar</a>.</p>\n'
    )


@pytest.mark.parametrize(
    ("raw", "rendered"),
    [
        ("[&#8230;] pingback excerpt [&#8230;]", "<p>[&#8230;] pingback excerpt [&#8230;]</p>\n"),
        ('It\'s "quoted" -- and...', "<p>It&#8217;s &#8220;quoted&#8221; &#8212; and&#8230;</p>\n"),
        ("a - b--c", "<p>a &#8211; b&#8211;c</p>\n"),
        ("Wordpress :) ok", "<p>WordPress \U0001f642 ok</p>\n"),
        (
            "<code>:)</code> :mrgreen:",
            '<p><code>:)</code> <img src="/wp-includes/images/smilies/mrgreen.png" alt=":mrgreen:" '
            'class="wp-smiley" style="height: 1em; max-height: 1em;" /></p>\n',
        ),
        (
            "mail me@example.com or www.example.org.",
            '<p>mail <a href="mailto:me@example.com">me@example.com</a> or '
            '<a href="http://www.example.org" rel="nofollow ugc">http://www.example.org</a>.</p>\n',
        ),
        ("One\n\nTwo", "<p>One</p>\n<p>Two</p>\n"),
        (
            "<blockquote>Quote\n\nmore</blockquote>\nAfter",
            "<blockquote><p>Quote</p>\n<p>more</p></blockquote>\n<p>After</p>\n",
        ),
        ('<code>it\'s "raw"</code>', '<p><code>it\'s "raw"</code></p>\n'),
        (
            "see https://example.com/a?b=1&c=2.",
            '<p>see <a href="https://example.com/a?b=1&#038;c=2" rel="nofollow ugc">'
            "https://example.com/a?b=1&#038;c=2</a>.</p>\n",
        ),
        ("", ""),
    ],
)
def test_comment_text_filters(raw, rendered):
    assert render_comment(raw) == rendered


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        # removed tags leave their text; a bad protocol is cut off the URL
        ("<script>alert(1)</script>hi", "alert(1)hi"),
        ('<a href="javascript:alert(1)" onclick="x()">a</a>', '<a href="alert(1)">a</a>'),
        (
            '<a href="https://e.example" title="t" rel="me">a</a>',
            '<a href="https://e.example" title="t">a</a>',
        ),
        (
            '<blockquote cite="https://e.example" style="x">q</blockquote>',
            '<blockquote cite="https://e.example">q</blockquote>',
        ),
        (
            "<b>b</b><i>i</i><em>e</em><strong>s</strong><code>c</code><del>d</del><s>s</s>",
            "<b>b</b><i>i</i><em>e</em><strong>s</strong><code>c</code><del>d</del><s>s</s>",
        ),
        (
            '<abbr title="t">a</abbr><acronym title="t">b</acronym><cite>c</cite><q cite="x">q</q>',
            '<abbr title="t">a</abbr><acronym title="t">b</acronym><cite>c</cite><q cite="x">q</q>',
        ),
        ("<div><p>para</p><img src=x onerror=y></div>", "para"),
        ("a < b & c", "a &lt; b &amp; c"),
        ("<!-- hidden -->x", "<!-- hidden -->x"),  # wp_kses_split() keeps HTML comments
        ('<svg onload="x()"><use href="data:x"/></svg>ok', "ok"),
    ],
)
def test_kses_comment_allow_list(dirty, clean):
    assert kses_comment(dirty) == clean


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("example.com", "http://example.com"),
        ("https://e.example/a b", "https://e.example/a%20b"),
        ("javascript:alert(1)", ""),
        ("data:text/html,x", ""),
        ("mailto:a@e.example", "mailto:a@e.example"),
        ("", ""),
        ("/relative", "/relative"),
    ],
)
def test_esc_url_raw(url, clean):
    assert esc_url_raw(url) == clean


def test_sanitize_text_field():
    assert sanitize_text_field("  <b>a</b>\n\tb  %41c ") == "a b c"
    assert sanitize_text_field("a %41 b") == "a b"


# Sent to WordPress 6.1 as an administrator; `raw` and `rendered` are what it answered.
LIVE_RAW = (
    'Smile :) and ;-) here.\nIt\'s "quoted" -- and... see https://example.com/x?a=1&b=2 and '
    "www.example.org.\n\n<blockquote>Quote\n\nmore</blockquote>\nAfter 5'10\" 2x3 & co &amp; "
    "Wordpress\n<ul><li>a</li>\n<li>b</li></ul>\n<code>it's</code> "
    '<a href="http://testserver/x">internal</a> <a href="https://ext.example/" rel="me">ext</a>'
)
LIVE_STORED = LIVE_RAW.replace('rel="me"', 'rel="me nofollow ugc"')
LIVE_RENDERED = (
    "<p>Smile \U0001f642 and \U0001f609 here.<br />\nIt&#8217;s &#8220;quoted&#8221; &#8212; "
    'and&#8230; see <a href="https://example.com/x?a=1&#038;b=2" rel="nofollow ugc">'
    "https://example.com/x?a=1&#038;b=2</a> and "
    '<a href="http://www.example.org" rel="nofollow ugc">http://www.example.org</a>.</p>\n'
    "<blockquote><p>Quote</p>\n<p>more</p></blockquote>\n<p>After 5&#8217;10&#8221; 2&#215;3 "
    "&#038; co &amp; WordPress</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p><code>it's</code> "
    '<a href="http://testserver/x">internal</a> '
    '<a href="https://ext.example/" rel="me nofollow ugc">ext</a></p>\n'
)


QUOTES_RAW = (
    "He said \"it's 'fine'\" ok\n"
    "\n"
    "1990's and '90s\n"
    "\n"
    "'Hello,' she said. \"Quote\" (\"paren\") ['brack']\n"
    "\n"
    "A--B, a---b, 10-20, x - y, ... 4x4, 3 x 4, 12'' and 5'\n"
    "\n"
    "<em>'emph'</em> \"<em>x</em>\" &quot;q&quot;"
)
# WordPress 6.1's rendering of QUOTES_RAW (primes, decades, unpaired quotes left alone)
QUOTES_RENDERED = (
    "<p>He said &#8220;it&#8217;s &#8216;fine'&#8221; ok</p>\n"
    "<p>1990&#8217;s and &#8217;90s</p>\n"
    "<p>&#8216;Hello,&#8217; she said. &#8220;Quote&#8221; (&#8220;paren&#8221;) "
    "[&#8216;brack&#8217;]</p>\n"
    "<p>A&#8211;B, a&#8212;b, 10-20, x &#8211; y, &#8230; 4&#215;4, 3 x 4, "
    "12&#8221; and 5&#8242;</p>\n"
    "<p><em>&#8217;emph&#8217;</em> &#8220;<em>x</em>&#8221; &quot;q&quot;</p>\n"
)


def test_quotes_and_dashes_as_wordpress_61():
    assert render_comment(QUOTES_RAW) == QUOTES_RENDERED


def test_stored_and_rendered_as_wordpress_61(api_client, admin_user, db):
    post = CommentFactory().post
    api_client.force_authenticate(admin_user)
    response = api_client.post(URL, {"post": post.pk, "content": LIVE_RAW}, format="json")
    content = response.json()["content"]
    assert content["raw"] == LIVE_STORED
    assert content["rendered"] == LIVE_RENDERED


def test_smilies_follow_the_site_option(api_client, db):
    from wpapi.site import update_options

    comment = CommentFactory(content="Hi :)")
    assert "\U0001f642" in api_client.get(f"{URL}/{comment.pk}").json()["content"]["rendered"]
    update_options({"use_smilies": False})
    assert api_client.get(f"{URL}/{comment.pk}").json()["content"]["rendered"] == "<p>Hi :)</p>\n"


def test_kses_then_ugc_for_users_without_unfiltered_html(api_client, author, db):
    post = CommentFactory(post__author=author).post
    api_client.force_authenticate(author)
    content = (
        '<a href="https://ext.example/" rel="me" onclick="x()">ext</a> '
        '<a href="http://testserver/in">in</a>'
    )
    response = api_client.post(URL, {"post": post.pk, "content": content}, format="json")
    stored = Comment.objects.get(pk=response.json()["id"]).content
    assert stored == (
        '<a href="https://ext.example/" rel="nofollow ugc">ext</a> '
        '<a href="http://testserver/in">in</a>'
    )


# --- meta ---------------------------------------------------------------------------------


def test_no_registered_meta_is_an_empty_list(api_client, db):
    comment = CommentFactory()
    assert api_client.get(f"{URL}/{comment.pk}").json()["meta"] == []


def test_registered_meta_in_schema_and_items(api_client, editor, settings, db):
    settings.WP_COMMENT_META = REF_FLAG
    comment = CommentFactory()
    options = api_client.options(URL).json()
    assert options["schema"]["properties"]["meta"] == {
        "description": "Meta fields.",
        "type": "object",
        "context": ["view", "edit"],
        "properties": {
            "ref_flag": {
                "type": "boolean",
                "description": "Reference comment flag.",
                "default": False,
            }
        },
    }
    assert api_client.get(f"{URL}/{comment.pk}").json()["meta"] == {"ref_flag": False}
    api_client.force_authenticate(editor)
    response = api_client.post(f"{URL}/{comment.pk}", {"meta": {"ref_flag": True}}, format="json")
    assert response.json()["meta"] == {"ref_flag": True}
    api_client.force_authenticate(None)
    assert api_client.get(f"{URL}/{comment.pk}").json()["meta"] == {"ref_flag": True}


def test_meta_on_create_and_bad_meta(api_client, editor, settings, db):
    settings.WP_COMMENT_META = REF_FLAG
    post = CommentFactory().post
    api_client.force_authenticate(editor)
    body = api_client.post(
        URL, {"post": post.pk, "content": "m", "meta": {"ref_flag": True}}, format="json"
    ).json()
    assert body["meta"] == {"ref_flag": True}
    bad = api_client.post(
        URL, {"post": post.pk, "content": "n", "meta": {"ref_flag": "maybe"}}, format="json"
    )
    # as the reference answers: update_value()'s own error, not an argument error
    assert bad.json() == {
        "code": "rest_invalid_type",
        "message": "meta.ref_flag is not of type boolean.",
        "data": {"status": 400},
        "additional_data": [{"param": "meta.ref_flag"}],
    }
    assert not Comment.objects.filter(content="n").exists()


def test_meta_costs_one_query_per_page(api_client, settings, db):
    settings.WP_COMMENT_META = REF_FLAG
    first = CommentFactory()
    api_client.get(URL)
    one = count_queries(lambda: api_client.get(URL))
    for comment in [first, *CommentFactory.create_batch(6, post=first.post)]:
        comment.meta_entries.create(key="ref_flag", value="1")
    assert count_queries(lambda: api_client.get(URL)) == one
