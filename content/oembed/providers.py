"""Which oEmbed endpoint answers for a URL: the provider list (WordPress's sanctioned
providers, plus WP_OEMBED_PROVIDERS from the settings), then discovery of the page's own
<link rel="alternate" type="application/json+oembed"> when allowed.

A pattern is either "#regex#flags" or a URL with `*` wildcards; an endpoint may hold
`{format}`. Settings entries override defaults with the same pattern; None removes one:

    WP_OEMBED_PROVIDERS = {"https://video.example/*": "https://video.example/oembed"}
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.conf import settings

#: well-known providers and their public oEmbed endpoints (https://oembed.com)
DEFAULT_PROVIDERS: dict[str, str] = {
    r"#https?://((m|www)\.)?youtube\.com/watch.*#i": "https://www.youtube.com/oembed",
    r"#https?://((m|www)\.)?youtube\.com/playlist.*#i": "https://www.youtube.com/oembed",
    r"#https?://((m|www)\.)?youtube\.com/shorts/*#i": "https://www.youtube.com/oembed",
    r"#https?://youtu\.be/.*#i": "https://www.youtube.com/oembed",
    r"#https?://(.+\.)?vimeo\.com/.*#i": "https://vimeo.com/api/oembed.{format}",
    r"#https?://(www\.)?dailymotion\.com/.*#i": "https://www.dailymotion.com/services/oembed",
    r"#https?://dai\.ly/.*#i": "https://www.dailymotion.com/services/oembed",
    r"#https?://(www\.)?flickr\.com/.*#i": "https://www.flickr.com/services/oembed/",
    r"#https?://flic\.kr/.*#i": "https://www.flickr.com/services/oembed/",
    r"#https?://(.+\.)?smugmug\.com/.*#i": "https://api.smugmug.com/services/oembed/",
    r"#https?://(www\.)?scribd\.com/(doc|document)/.*#i": "https://www.scribd.com/services/oembed",
    r"#https?://wordpress\.tv/.*#i": "https://wordpress.tv/oembed/",
    r"#https?://(.+\.)?crowdsignal\.net/.*#i": "https://api.crowdsignal.com/oembed",
    r"#https?://(www\.)?twitter\.com/\w{1,15}/status(es)?/.*#i": "https://publish.twitter.com/oembed",
    r"#https?://(www\.)?twitter\.com/\w{1,15}$#i": "https://publish.twitter.com/oembed",
    r"#https?://(www\.)?soundcloud\.com/.*#i": "https://soundcloud.com/oembed",
    r"#https?://(.+?\.)?slideshare\.net/.*#i": "https://www.slideshare.net/api/oembed/2",
    r"#https?://(open|play)\.spotify\.com/.*#i": "https://embed.spotify.com/oembed/",
    r"#https?://(.+\.)?imgur\.com/.*#i": "https://api.imgur.com/oembed",
    r"#https?://(www\.)?issuu\.com/.+/docs/.+#i": "https://issuu.com/oembed_wp",
    r"#https?://(www\.)?mixcloud\.com/.*#i": "https://app.mixcloud.com/oembed/",
    r"#https?://(www\.|embed\.)?ted\.com/talks/.*#i": "https://www.ted.com/services/v1/oembed.{format}",
    r"#https?://(www\.)?(animoto|video214)\.com/play/.*#i": "https://animoto.com/oembeds/create",
    r"#https?://(.+)\.tumblr\.com/.*#i": "https://www.tumblr.com/oembed/1.0",
    r"#https?://(www\.)?kickstarter\.com/projects/.*#i": "https://www.kickstarter.com/services/oembed",
    r"#https?://cloudup\.com/.*#i": "https://cloudup.com/oembed",
    r"#https?://(www\.)?reverbnation\.com/.*#i": "https://www.reverbnation.com/oembed",
    r"#https?://videopress\.com/v/.*#": "https://public-api.wordpress.com/oembed/?for=wpapi",
    r"#https?://(www\.)?reddit\.com/r/[^/]+/comments/.*#i": "https://www.reddit.com/oembed",
    r"#https?://(www\.)?speakerdeck\.com/.*#i": "https://speakerdeck.com/oembed.{format}",
    r"#https?://(www\.)?screencast\.com/.*#i": "https://api.screencast.com/external/oembed",
    r"#https?://([a-z0-9-]+\.)?amazon\.(com|com\.mx|com\.br|ca)/.*#i": "https://read.amazon.com/kp/api/oembed",
    r"#https?://(www\.)?someecards\.com/.+-cards/.+#i": "https://www.someecards.com/v2/oembed/",
    r"#https?://(www\.)?tiktok\.com/.*/video/.*#i": "https://www.tiktok.com/oembed",
    r"#https?://(www\.)?tiktok\.com/@.*#i": "https://www.tiktok.com/oembed",
    r"#https?://([a-z]{2}|www)\.pinterest\.com(\.(au|mx))?/.*#i": "https://www.pinterest.com/oembed.json",
    r"#https?://(www\.)?wolframcloud\.com/obj/.+#i": "https://www.wolframcloud.com/oembed",
    r"#https?://pca\.st/.+#i": "https://pca.st/oembed.json",
    r"#https?://((play|www)\.)?anghami\.com/.*#i": "https://api.anghami.com/rest/v1/oembed.view",
}


def _compile(pattern: str) -> re.Pattern:
    if pattern.startswith("#"):
        body, _, flags = pattern[1:].rpartition("#")
        return re.compile(body, re.I if "i" in flags else 0)
    # a URL with * wildcards, as WordPress's non-regex provider formats
    return re.compile(re.escape(pattern).replace(r"\*", ".+") + r"\Z", re.I)


@lru_cache(maxsize=8)
def _providers(configured: tuple[tuple[str, str | None], ...]) -> list[tuple[re.Pattern, str]]:
    merged: dict[str, str | None] = dict(DEFAULT_PROVIDERS)
    merged.update(dict(configured))
    return [(_compile(pattern), endpoint) for pattern, endpoint in merged.items() if endpoint]


def providers() -> list[tuple[re.Pattern, str]]:
    """(pattern, endpoint) for every provider: defaults, then the settings' entries."""
    configured: dict[str, Any] = getattr(settings, "WP_OEMBED_PROVIDERS", None) or {}
    return _providers(tuple(configured.items()))


def listed_provider(url: str) -> str | None:
    """The endpoint of the listed provider that claims `url` (get_provider without
    discovery), `{format}` filled with json."""
    for pattern, endpoint in providers():
        if pattern.search(url):
            return endpoint.replace("{format}", "json")
    return None
