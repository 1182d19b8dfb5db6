"""title/content/excerpt `rendered` as WordPress 6.1's display filters produce them (values
taken from the reference site), and slugs as sanitize_title() makes them."""

import pytest

from content.formatting import (
    render_content,
    render_excerpt,
    render_title,
    sanitize_title,
    wpautop,
    wptexturize,
)
from tests.content.conftest import POSTS

# rendering reads site options (use_smilies)
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "rendered"),
    [
        ("It's", "It&#8217;s"),
        ('"quoted"', "&#8220;quoted&#8221;"),
        ("'single'", "&#8216;single&#8217;"),
        ("a -- b", "a &#8212; b"),
        ("a - b", "a &#8211; b"),
        ("1990-2000", "1990-2000"),
        ("pages 3--5", "pages 3&#8211;5"),
        ("wait...", "wait&#8230;"),
        ("the '90s", "the &#8217;90s"),
        ("5'10\"", "5&#8217;10&#8221;"),
        ('x 10" y', "x 10&#8243; y"),
        ("a 5' b", "a 5&#8242; b"),
        ("(\"nested 'quotes'\")", "(&#8220;nested &#8216;quotes'&#8221;)"),
        ("rock 'n' roll", "rock &#8216;n&#8217; roll"),
        ("0x100 and 10x20", "0x100 and 10&#215;20"),
        ('[other attr="x"]', "[other attr=&#8221;x&#8221;]"),
        ("2x4", "2&#215;4"),
        ("Fish & chips", "Fish &#038; chips"),
        ("Fish &amp; chips", "Fish &amp; chips"),
        ('<a href="x">"link"</a>', '<a href="x">&#8220;link&#8221;</a>'),
        ("<code>it's -- raw</code>", "<code>it's -- raw</code>"),
        ("don't <pre>don't</pre> don't", "don&#8217;t <pre>don't</pre> don&#8217;t"),
    ],
)
def test_wptexturize(raw, rendered):
    assert wptexturize(raw) == rendered


def test_title_from_the_reference_site():
    title = 'Ünïcödé & "quotes" <em>markup</em> — ✓ 日本語'
    assert render_title(title) == ("Ünïcödé &#038; &#8220;quotes&#8221; <em>markup</em> — ✓ 日本語")


def test_block_content_from_the_reference_site():
    raw = (
        "<!-- wp:paragraph -->\n<p>Content with &amp; entities, <strong>bold</strong>, "
        '<a href="https://example.com/?a=1&amp;b=2">a link</a> and emoji 🎉.</p>\n'
        '<!-- /wp:paragraph -->\n\n<!-- wp:code -->\n<pre class="wp-block-code"><code>'
        '&lt;?php echo "x"; ?&gt;</code></pre>\n<!-- /wp:code -->'
    )
    assert render_content(raw) == (
        '\n<p>Content with &amp; entities, <strong>bold</strong>, <a href="https://example.com/'
        '?a=1&amp;b=2">a link</a> and emoji 🎉.</p>\n\n\n\n<pre class="wp-block-code"><code>'
        '&lt;?php echo "x"; ?&gt;</code></pre>\n'
    )
    # the code block never feeds a generated excerpt
    assert render_excerpt("", raw) == (
        "<p>Content with &amp; entities, bold, a link and emoji 🎉.</p>\n"
    )


def test_more_tag_is_kept_in_content_and_cuts_the_excerpt():
    raw = (
        "<!-- wp:paragraph -->\n<p>Teaser for post 28.</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n"
        "<!-- wp:paragraph -->\n<p>Rest.</p>\n<!-- /wp:paragraph -->"
    )
    assert render_content(raw) == (
        "\n<p>Teaser for post 28.</p>\n\n\n\n<!--more-->\n\n\n\n<p>Rest.</p>\n"
    )
    assert render_excerpt("", raw) == "<p>Teaser for post 28.</p>\n"


def test_classic_content_gets_paragraphs_and_breaks():
    assert wpautop("One\n\nTwo\nlines") == "<p>One</p>\n<p>Two<br />\nlines</p>\n"
    assert wpautop("<div>Block</div>\n\nText") == "<div>Block</div>\n<p>Text</p>\n"
    assert wpautop("<ul>\n<li>a</li>\n</ul>") == "<ul>\n<li>a</li>\n</ul>\n"
    assert wpautop("<pre>a\n\nb</pre>") == "<pre>a\n\nb</pre>\n"
    assert wpautop("   ") == ""
    assert wpautop("<blockquote>Quote</blockquote>") == "<blockquote><p>Quote</p></blockquote>\n"


def test_generated_excerpt_is_55_words_with_hellip():
    words = " ".join(f"w{i}" for i in range(60))
    rendered = render_excerpt("", f"<p>{words}</p>")
    assert rendered == "<p>" + " ".join(f"w{i}" for i in range(55)) + " [&hellip;]</p>\n"
    assert render_excerpt("", "<p>Short one.</p>") == "<p>Short one.</p>\n"


def test_written_excerpt_is_texturized_and_wrapped():
    assert render_excerpt("It's mine", "<p>ignored</p>") == "<p>It&#8217;s mine</p>\n"


def test_images_and_smilies_in_content():
    assert render_content('<img src="a" width="1" height="1">') == (
        '<p><img decoding="async" loading="lazy" src="a" width="1" height="1"></p>\n'
    )
    assert render_content("smile :) <code>:)</code>") == "<p>smile 🙂 <code>:)</code></p>\n"
    assert render_content("10:30") == "<p>10:30</p>\n"


def test_wordpress_is_spelled_right():
    assert render_title("Wordpress rocks") == "WordPress rocks"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Reference post 3: Minim ex proident sunt", "reference-post-3-minim-ex-proident-sunt"),
        ("Café & Crème", "cafe-creme"),
        ("a & b &amp; c", "a-c"),
        ("Hello   World!!", "hello-world"),
        ("v1.2 release", "v1-2-release"),
        ("Привет", "%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82"),
        ("<b>Bold</b> move", "bold-move"),
        ("---", ""),
    ],
)
def test_sanitize_title(title, slug):
    assert sanitize_title(title) == slug


def test_rendered_fields_through_http(api_client, make_post):
    post = make_post(title="It's -- fine", content="First line\nsecond\n\nNext", excerpt="")
    body = api_client.get(f"{POSTS}/{post.pk}").json()
    assert body["title"]["rendered"] == "It&#8217;s &#8212; fine"
    assert body["content"]["rendered"] == "<p>First line<br />\nsecond</p>\n<p>Next</p>\n"
    assert body["excerpt"]["rendered"] == "<p>First line second Next</p>\n"


def test_smilies_follow_the_use_smilies_option(db):
    from wpapi.site import update_options

    update_options({"use_smilies": False})
    assert render_content("smile :)") == "<p>smile :)</p>\n"


def test_caption_shortcode_becomes_a_figure():
    raw = (
        'Before\n\n[caption id="attachment_5" align="aligncenter" width="300"]'
        '<img src="a.png" width="300" height="200" /> Cap \'two\'[/caption]\n\nAfter'
    )
    assert render_content(raw) == (
        '<p>Before</p>\n<figure id="attachment_5" aria-describedby="caption-attachment-5" '
        'style="width: 300px" class="wp-caption aligncenter"><img decoding="async" '
        'loading="lazy" src="a.png" width="300" height="200" /><figcaption '
        'id="caption-attachment-5" class="wp-caption-text">Cap &#8216;two&#8217;</figcaption>'
        "</figure>\n<p>After</p>\n"
    )
    assert render_content("[unknown]x[/unknown]") == "<p>[unknown]x[/unknown]</p>\n"


def test_shortcode_block_is_autopd_then_run():
    raw = (
        '<!-- wp:shortcode -->\n[caption width="10"]<img src="x"> c[/caption]\n'
        "<!-- /wp:shortcode -->"
    )
    assert render_content(raw) == (
        '<figure style="width: 10px" class="wp-caption alignnone"><img decoding="async" '
        'src="x"><figcaption class="wp-caption-text">c</figcaption></figure>\n'
    )
