"""content.rendered of dynamic blocks and media shortcodes, byte for byte as WordPress 6.1
renders them (tests/fixtures/wordpress/render/, captured from the same site built in
WordPress by scripts/capture_wordpress_fixtures.py), and what rendering costs in queries."""

import json
import re
from datetime import UTC, datetime

import pytest

from tests import wordpress_scenario as scenario
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db
POSTS = "/wp-json/wp/v2/posts"
SECRET = re.compile(r"(secret=|data-secret=\")[A-Za-z0-9]{10}")


@pytest.fixture
def site(monkeypatch):
    from content.blocks import archives

    captured = datetime.fromisoformat(scenario.manifest()["now"]).replace(tzinfo=UTC)
    monkeypatch.setattr(archives, "now", lambda: captured)
    return scenario.build()


@pytest.fixture
def admin_client(api_client, site):
    api_client.force_authenticate(site["admin"])
    return api_client


def rendered(client, site, name):
    response = client.get(f"{POSTS}/{site[f'variant:{name}'].pk}")
    assert response.status_code == 200, response.content[:300]
    return response.json()["content"]["rendered"]


#: classes the layout support adds from the theme's settings (the themes' part, not ours)
THEME_LAYOUT_CLASSES = re.compile(r"(?:is-layout-(?:flow|flex|constrained)|wp-container-\d+) ")


@pytest.mark.parametrize("name", list(scenario.VARIANTS))
def test_variant_renders_as_wordpress(admin_client, site, name):
    expected = THEME_LAYOUT_CLASSES.sub("", scenario.fixture(f"render/{name}.html"))
    assert rendered(admin_client, site, name) == expected


@pytest.mark.parametrize("name", list(scenario.EMBED_VARIANTS))
def test_own_post_embed_renders_as_wordpress_with_fresh_secrets(admin_client, site, name):
    ours = rendered(admin_client, site, name)
    theirs = scenario.fixture(f"render/{name}.html")
    assert SECRET.sub(r"\1SECRET", ours) == SECRET.sub(r"\1SECRET", theirs)
    secrets = set(re.findall(r'data-secret="([A-Za-z0-9]{10})"', ours))
    assert len(secrets) == 1  # the blockquote and the iframe share the new secret
    assert f'#?secret={secrets.pop()}"' in ours


def test_counters_run_across_a_list_as_in_one_wordpress_request(admin_client, site):
    names = scenario.manifest()["list"]["variants"]
    include = ",".join(str(site[f"variant:{name}"].pk) for name in names)
    response = admin_client.get(
        POSTS, {"status": "draft", "include": include, "orderby": "include", "per_page": 10}
    )
    assert response.status_code == 200
    expected = json.loads(scenario.fixture("render/list.json"))
    assert [item["content"]["rendered"] for item in response.json()] == expected


def test_anonymous_reader_sees_the_same_lists(api_client, site):
    """Latest posts shows published posts only, whoever reads (drafts never appear)."""
    from content.formatting import render_content

    html = render_content("<!-- wp:latest-posts /-->", scenario.SITE)
    assert "Variant" not in html
    assert html == scenario.fixture("render/latest-posts.html")


def test_a_write_is_seen_by_the_next_render(admin_client, site):
    before = rendered(admin_client, site, "latest-posts")
    from content.models import Post

    Post.objects.filter(pk=site["december"].pk).update(title="Renamed in December")
    after = rendered(admin_client, site, "latest-posts")
    assert "December post" in before
    assert "Renamed in December" in after


DYNAMIC_PAGE = "\n\n".join(
    [
        '<!-- wp:latest-posts {"displayAuthor":true,"displayPostContent":true} /-->',
        '<!-- wp:archives {"showPostCounts":true} /-->',
        '<!-- wp:categories {"showPostCounts":true,"showHierarchy":true} /-->',
        "<!-- wp:tag-cloud /-->",
        "<!-- wp:latest-comments /-->",
        "<!-- wp:page-list /-->",
        "<!-- wp:search /-->",
        "<!-- wp:calendar /-->",
        "[gallery]",
    ]
)


def test_a_list_of_posts_full_of_dynamic_blocks_costs_the_same_for_1_and_20(api_client, site):
    from content.models import Post

    def make(count):
        for index in range(count):
            Post.objects.create(
                type="post",
                status="publish",
                title=f"Dynamic {index}",
                slug=f"dynamic-{index}",
                author=site["admin"],
                content=DYNAMIC_PAGE + f'\n\n[gallery ids="{site["landscape"].pk}"]',
                date=datetime(2020, 1, 1, tzinfo=UTC),
            )

    url = f"{POSTS}?per_page=100&after=2019-12-31T00:00:00&before=2020-01-02T00:00:00"
    make(1)
    api_client.get(url)  # warm per-process caches before counting
    one = count_queries(lambda: api_client.get(url))
    Post.objects.filter(title__startswith="Dynamic").delete()
    make(20)
    twenty = count_queries(lambda: api_client.get(url))
    assert twenty == one
    response = api_client.get(url)
    assert len(response.json()) == 20
    assert all("wp-block-latest-posts" in item["content"]["rendered"] for item in response.json())


def test_embeds_of_our_own_posts_cost_the_same_for_2_and_12_posts(api_client, site):
    """Each post embeds a different post of the site: the URLs are resolved for the page."""
    from content.models import Post

    def make(count):
        Post.objects.filter(title__startswith="Embedding").delete()
        targets = [
            Post.objects.create(
                type="post",
                status="publish",
                title=f"Target {index}",
                slug=f"target-{index}",
                author=site["author"],
                date=datetime(2019, 1, 1, tzinfo=UTC),
            )
            for index in range(count)
        ]
        for index, target in enumerate(targets):
            url = f"http://testserver/{target.slug}/"
            Post.objects.create(
                type="post",
                status="publish",
                title=f"Embedding {index}",
                slug=f"embedding-{index}",
                author=site["admin"],
                content=f"[embed]{url}[/embed]\n\n{url}?p={target.pk}\n",
                date=datetime(2020, 1, 1, tzinfo=UTC),
            )

    url = f"{POSTS}?per_page=100&search=Embedding"
    make(2)
    api_client.get(url)
    two = count_queries(lambda: api_client.get(url))
    Post.objects.filter(title__startswith="Target").delete()
    make(12)
    assert count_queries(lambda: api_client.get(url)) == two
    rendered = [item["content"]["rendered"] for item in api_client.get(url).json()]
    assert len(rendered) == 12
    assert all(html.count('class="wp-embedded-content"') == 4 for html in rendered)


def test_reusable_blocks_render_their_blocks_once_per_page(api_client, db):
    from content.formatting import render_content
    from tests.factories import PostFactory

    inner = PostFactory(
        type="wp_block",
        status="publish",
        content="<!-- wp:paragraph -->\n<p>Shared words.</p>\n<!-- /wp:paragraph -->",
    )
    draft = PostFactory(type="wp_block", status="draft", content="<p>Draft words.</p>")
    loop = PostFactory(type="wp_block", status="publish", content="")
    loop.content = f'<p>Loop.</p><!-- wp:block {{"ref":{loop.pk}}} /-->'
    loop.save()
    html = render_content(
        f'<!-- wp:block {{"ref":{inner.pk}}} /-->\n\n<!-- wp:block {{"ref":{draft.pk}}} /-->\n\n'
        f'<!-- wp:block {{"ref":{loop.pk}}} /-->\n\n<!-- wp:block {{"ref":999999}} /-->',
        "http://testserver",
    )
    assert html == "\n<p>Shared words.</p>\n\n\n\n\n<p>Loop.</p>\n\n"


def test_latest_comments_show_approved_comments_on_posts_anyone_reads(site):
    from content.formatting import render_content
    from content.models import Post

    html = render_content("<!-- wp:latest-comments /-->", scenario.SITE)
    assert "Rita Render" in html
    assert "Held Back" not in html
    Post.objects.filter(pk=site["beta"].pk).update(status="private")
    html = render_content("<!-- wp:latest-comments /-->", scenario.SITE)
    assert "Rita Render" not in html
    assert "Reader One" in html


def test_library_images_cost_the_same_for_2_and_12_posts(api_client, site):
    """Each post shows a different attachment: their metadata is read for the whole page."""
    from content.models import Post

    landscape = site["landscape"]

    def make(count):
        Post.objects.filter(title__startswith="Pictured").delete()
        for index in range(count):
            image = Post.objects.create(
                type="attachment",
                status="inherit",
                title=f"Picture {index}",
                slug=f"picture-{index}",
                mime_type="image/png",
                file=landscape.file.name,
                media_details=landscape.media_details,
            )
            src = f"http://testserver/wp-content/uploads/{landscape.file.name}"
            Post.objects.create(
                type="post",
                status="publish",
                title=f"Pictured {index}",
                slug=f"pictured-{index}",
                author=site["admin"],
                content=f'<!-- wp:image {{"id":{image.pk}}} -->\n<figure class="wp-block-image">'
                f'<img src="{src}" alt="" class="wp-image-{image.pk}"/></figure>\n'
                "<!-- /wp:image -->",
                date=datetime(2020, 1, 1, tzinfo=UTC),
            )

    url = f"{POSTS}?per_page=100&search=Pictured"
    make(2)
    api_client.get(url)
    two = count_queries(lambda: api_client.get(url))
    make(12)
    assert count_queries(lambda: api_client.get(url)) == two
    rendered = [item["content"]["rendered"] for item in api_client.get(url).json()]
    assert len(rendered) == 12
    assert all('width="800" height="600"' in html and " srcset=" in html for html in rendered)
