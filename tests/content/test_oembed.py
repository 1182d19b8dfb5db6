"""oEmbed: /oembed/1.0/embed for our own posts (JSON and XML, compared with WordPress 6.1's
answers in tests/fixtures/wordpress/oembed/), the discovery links, /oembed/1.0/proxy, and
embeds of other sites through a fake provider on 127.0.0.1 (no other network here)."""

import json
import re
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import wordpress_scenario as scenario
from tests.helpers import assert_wp_error

pytestmark = pytest.mark.django_db
EMBED = "/wp-json/oembed/1.0/embed"
PROXY = "/wp-json/oembed/1.0/proxy"
SECRET = re.compile(r"(secret=|data-secret=\\?\")[A-Za-z0-9]{10}")
SCRIPT = re.compile(r"<script>.*?</script>\n", re.S)


@pytest.fixture
def site(monkeypatch):
    from content.blocks import archives

    captured = datetime.fromisoformat(scenario.manifest()["now"]).replace(tzinfo=UTC)
    monkeypatch.setattr(archives, "now", lambda: captured)
    return scenario.build()


def wordpress_answer(name):
    """WordPress's answer with the random secret masked and its inline receiver script left
    out (wpapi adds one only from WP_OEMBED_SCRIPT)."""
    text = scenario.fixture(f"oembed/{name}")
    if name.endswith(".json"):
        data = json.loads(text)
        if "html" in data:
            data["html"] = SECRET.sub(r"\1SECRET", SCRIPT.sub("", data["html"]))
        return data
    return SECRET.sub(
        r"\1SECRET", re.sub(r"&lt;script&gt;.*?&lt;/script&gt;\n", "", text, flags=re.S)
    )


def masked(data):
    data = dict(data)
    if "html" in data:
        data["html"] = SECRET.sub(r"\1SECRET", data["html"])
    return data


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("alpha.json", "url=http://testserver/alpha-post/"),
        ("alpha-300.json", "url=http://testserver/alpha-post/&maxwidth=300"),
        ("gamma.json", "url=http://testserver/gamma-post/"),
        ("team.json", "url=http://testserver/about/team/"),
        ("attachment.json", "url=http://testserver/gamma-post/render-landscape/"),
    ],
)
def test_embed_answers_as_wordpress(api_client, site, name, query):
    response = api_client.get(f"{EMBED}?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=UTF-8"
    body = response.json()
    expected = wordpress_answer(name)
    assert masked(body) == expected
    assert list(body) == list(expected)


def test_embed_html_shares_one_secret(api_client, site):
    html = api_client.get(f"{EMBED}?url=http://testserver/alpha-post/").json()["html"]
    secrets = re.findall(r'data-secret="([A-Za-z0-9]{10})"', html)
    assert len(secrets) == 2
    assert secrets[0] == secrets[1]
    assert f'src="http://testserver/alpha-post/embed/#?secret={secrets[0]}"' in html


def test_embed_xml_is_wordpress_s(api_client, site):
    response = api_client.get(f"{EMBED}?url=http://testserver/alpha-post/&format=xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=UTF-8"
    assert SECRET.sub(r"\1SECRET", response.content.decode()) == wordpress_answer("alpha.xml")


def test_missing_post_is_oembed_invalid_url_in_json_and_xml(api_client, site):
    response = api_client.get(f"{EMBED}?url=http://testserver/nope/")
    assert response.json() == json.loads(scenario.fixture("oembed/missing.json"))
    assert response.status_code == 404
    response = api_client.get(f"{EMBED}?url=http://testserver/nope/&format=xml")
    assert response.status_code == 404
    assert response.content.decode() == scenario.fixture("oembed/missing.xml")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/alpha-post/",  # another site
        "http://testserver/protected-post/embed/extra/path/",
        "http://testserver/?p=999999",
    ],
)
def test_urls_that_name_no_public_post_are_404(api_client, site, url):
    assert_wp_error(api_client.get(EMBED, {"url": url}), "oembed_invalid_url", 404)


def test_drafts_private_posts_and_attachments_of_drafts_are_not_embedded(api_client, site):
    from content.models import Post

    Post.objects.filter(pk=site["beta"].pk).update(status="private")
    for url in (
        "http://testserver/betas-quoted-post/",
        f"http://testserver/?p={site['variant:search'].pk}",
    ):
        assert_wp_error(api_client.get(EMBED, {"url": url}), "oembed_invalid_url", 404)


def test_an_image_under_its_post_is_embedded_with_itself_as_thumbnail(api_client, site):
    body = api_client.get(EMBED, {"url": "http://testserver/gamma-post/render-landscape/"})
    assert body.status_code == 200
    data = body.json()
    assert data["title"] == "render-landscape"
    assert data["thumbnail_url"].endswith("/render-landscape.png")
    assert (data["thumbnail_width"], data["thumbnail_height"]) == (600, 450)
    assert 'href="http://testserver/gamma-post/render-landscape/"' in data["html"]


def test_plain_links_and_protected_posts(api_client, site):
    body = api_client.get(EMBED, {"url": f"http://testserver/?p={site['alpha'].pk}"}).json()
    assert body["title"] == "Alpha post"
    body = api_client.get(EMBED, {"url": "http://testserver/protected-post/"}).json()
    assert body["title"] == "Protected: Protected post"


@pytest.mark.parametrize(
    ("maxwidth", "size"),
    [("abc", (200, 200)), ("100", (200, 200)), ("450", (450, 254)), ("9999", (600, 338))],
)
def test_maxwidth_is_clamped(api_client, site, maxwidth, size):
    body = api_client.get(EMBED, {"url": "http://testserver/alpha-post/", "maxwidth": maxwidth})
    assert (body.json()["width"], body.json()["height"]) == size


def test_url_is_required(api_client):
    body = assert_wp_error(api_client.get(EMBED), "rest_missing_callback_param", 400)
    assert body["data"]["params"] == ["url"]


def test_receiver_script_comes_from_the_configured_file(api_client, site, settings, tmp_path):
    script = tmp_path / "wp-embed.min.js"
    script.write_text("\n/*! receiver */\nwindow.x=1;\n")
    settings.WP_OEMBED_SCRIPT = str(script)
    html = api_client.get(EMBED, {"url": "http://testserver/alpha-post/"}).json()["html"]
    assert html.endswith("</iframe><script>\n/*! receiver */\nwindow.x=1;\n</script>\n")


def test_discovery_links_are_wordpress_s(rf, site):
    from content.oembed.local import discovery_links

    request = rf.get("/")
    assert discovery_links(site["alpha"], request) == scenario.fixture(
        "oembed/alpha-discovery.html"
    )


def test_index_lists_the_oembed_namespace_as_wordpress(api_client):
    body = api_client.get("/wp-json/").json()
    assert body["namespaces"][0] == "oembed/1.0"
    routes = list(body["routes"])
    assert routes[:6] == ["/", "/batch/v1", "/oembed/1.0", EMBED[8:], PROXY[8:], "/wp/v2"]
    dump = json.loads(scenario.fixture("oembed-index.json"))
    for route in ("/oembed/1.0", "/oembed/1.0/embed", "/oembed/1.0/proxy"):
        assert body["routes"][route] == dump[route]


# --- other sites, through a fake provider -----------------------------------------------------
class FakeProvider(BaseHTTPRequestHandler):
    requests: list = []

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        FakeProvider.requests.append((parts.path, query))
        port = self.server.server_address[1]
        if parts.path == "/page":
            self._send(
                200,
                "text/html",
                f'<html><head><link rel="alternate" type="application/json+oembed" '
                f'href="http://127.0.0.1:{port}/oembed?from=page" /></head><body>x</body></html>',
            )
        elif (
            parts.path == "/oembed"
            and "video.example/watch/1" in query.get("url", "")
            or (parts.path == "/oembed" and query.get("from") == "page")
        ):
            html = (
                '<blockquote><a href="https://video.example/watch/1" onclick="x()">Watch</a>'
                '</blockquote><iframe src="https://video.example/embed/1" width="500" '
                'height="281" allowfullscreen onload="steal()"></iframe><script>evil()</script>'
            )
            body = {"version": "1.0", "type": "video", "title": "Fake video", "html": html}
            self._send(200, "application/json", json.dumps(body))
        else:
            self._send(404, "text/plain", "no")

    def _send(self, status, kind, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def provider():
    server = None
    for port in range(8720, 8730):
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), FakeProvider)
            break
        except OSError:
            continue
    assert server is not None, "no free port in 8720-8729"
    FakeProvider.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def listed(settings, provider):
    settings.WP_OEMBED_PROVIDERS = {
        "https://video.example/*": f"http://127.0.0.1:{provider}/oembed"
    }
    return provider


TRUSTED_HTML = (
    '<blockquote><a href="https://video.example/watch/1" onclick="x()">Watch</a></blockquote>'
    '<iframe title="Fake video" src="https://video.example/embed/1" width="500" height="281" '
    'allowfullscreen onload="steal()"></iframe><script>evil()</script>'
)

# the [embed] shortcode runs before wpautop, so classic content gets paragraphs around it
CLASSIC_HTML = (
    '<blockquote><p><a href="https://video.example/watch/1" onclick="x()">Watch</a></p>'
    '</blockquote>\n<p><iframe loading="lazy" title="Fake video" '
    'src="https://video.example/embed/1" '
    'width="500" height="281" allowfullscreen onload="steal()"></iframe><script>evil()</script>'
    "</p>\n"
)


def render(content):
    from content.formatting import render_content

    return render_content(content, "http://testserver")


def test_listed_provider_s_html_is_used_as_given_with_its_title(db, listed):
    html = render("[embed]https://video.example/watch/1[/embed]")
    assert html == CLASSIC_HTML
    path, query = FakeProvider.requests[0]
    assert path == "/oembed"
    assert query == {
        "maxwidth": "500",
        "maxheight": "750",
        "url": "https://video.example/watch/1",
        "dnt": "1",
        "format": "json",
    }


def test_embed_block_and_a_url_on_its_own_line_use_the_provider(db, listed):
    block = (
        '<!-- wp:embed {"url":"https://video.example/watch/1"} -->\n<figure class="wp-block-'
        'embed"><div class="wp-block-embed__wrapper">\nhttps://video.example/watch/1\n</div>'
        "</figure>\n<!-- /wp:embed -->"
    )
    # in content, sized iframes get loading="lazy" (wp_filter_content_tags)
    lazy = TRUSTED_HTML.replace("<iframe ", '<iframe loading="lazy" ')
    assert render(block) == (
        '\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        f"{lazy}\n</div></figure>\n"
    )
    html = render("Look:\n\nhttps://video.example/watch/1\n\nNice.")
    assert html == f"<p>Look:</p>\n{CLASSIC_HTML}<p>Nice.</p>\n"


def test_provider_answers_and_failures_are_cached(db, listed):
    render("[embed]https://video.example/watch/1[/embed]")
    render("[embed]https://video.example/watch/404[/embed]")
    seen = len(FakeProvider.requests)
    assert render("[embed]https://video.example/watch/404[/embed]") == (
        '<p><a href="https://video.example/watch/404">https://video.example/watch/404</a></p>\n'
    )
    render("[embed]https://video.example/watch/1[/embed]")
    assert len(FakeProvider.requests) == seen


def test_discovered_provider_s_html_is_sandboxed(db, settings, provider):
    settings.WP_OEMBED_DISCOVER = True
    settings.WP_SITE_URL = f"http://127.0.0.1:{provider}"
    from content.formatting import render_content

    html = render_content(f"[embed]http://127.0.0.1:{provider}/page[/embed]", settings.WP_SITE_URL)
    secret = re.search(r'data-secret="([A-Za-z0-9]{10})"', html).group(1)
    assert html == (
        f'<blockquote class="wp-embedded-content" data-secret="{secret}"><p><a href="https://'
        'video.example/watch/1">Watch</a></p></blockquote>\n<p><iframe class="wp-embedded-'
        'content" sandbox="allow-scripts" security="restricted" style="position: absolute; '
        'clip: rect(1px, 1px, 1px, 1px);" title="Fake video" src="https://video.example/embed/'
        f'1#?secret={secret}" data-secret="{secret}" width="500" height="281"></iframe></p>\n'
    )
    assert [path for path, _ in FakeProvider.requests] == ["/page", "/oembed"]


def test_discovery_never_reaches_local_addresses_of_other_hosts(db, settings, provider):
    settings.WP_OEMBED_DISCOVER = True
    html = render(f"[embed]http://127.0.0.1:{provider}/page[/embed]")
    url = f"http://127.0.0.1:{provider}/page"
    assert html == f'<p><a href="{url}">{url}</a></p>\n'
    assert FakeProvider.requests == []


def test_unknown_urls_stay_text_on_their_own_line_and_links_in_embed(db):
    assert render("https://unknown.example/bare") == "<p>https://unknown.example/bare</p>\n"


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("subscriber", 403)])
def test_proxy_needs_edit_posts(api_client, user_with_role, role, status):
    if role:
        api_client.force_authenticate(user_with_role(role))
    body = assert_wp_error(
        api_client.get(PROXY, {"url": "https://video.example/watch/1"}), "rest_forbidden", status
    )
    assert body["message"] == "Sorry, you are not allowed to make proxied oEmbed requests."


def test_proxy_answers_the_provider_s_data_with_html(api_client, contributor, listed):
    api_client.force_authenticate(contributor)
    response = api_client.get(PROXY, {"url": "https://video.example/watch/1", "maxwidth": 320})
    assert response.status_code == 200
    assert response.json() == {
        "version": "1.0",
        "type": "video",
        "title": "Fake video",
        "html": TRUSTED_HTML,
    }
    assert FakeProvider.requests[-1][1]["maxwidth"] == "320"


def test_proxy_answers_our_own_posts_locally(api_client, site):
    api_client.force_authenticate(site["author"])
    body = api_client.get(PROXY, {"url": "http://testserver/alpha-post/"}).json()
    assert masked(body) == wordpress_answer("alpha.json")


def test_proxy_turns_media_files_into_players_and_refuses_the_rest(api_client, editor, db):
    api_client.force_authenticate(editor)
    body = api_client.get(PROXY, {"url": "https://files.example/song.mp3"}).json()
    assert body == {
        "provider_name": "Embed Handler",
        "html": '[audio src="https://files.example/song.mp3" /]',
        "scripts": [],
    }
    response = api_client.get(PROXY, {"url": "https://unknown.example/x", "discover": False})
    assert_wp_error(response, "oembed_invalid_url", 404)
    assert_wp_error(
        api_client.get(PROXY, {"url": "x", "format": "yaml"}), "rest_invalid_param", 400
    )
