"""URLs: Django admin, the site root, and `/wp-json/...` served by the WordPress route table."""

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from content.feeds.views import home_or_feed
from content.media.serving import serve_upload
from users.views import rest_nonce
from users.web import authorize_application, wp_login
from wpapi import openapi, routing, views
from wpapi.admin.legacy import wp_admin

# The route table, in WordPress's order: discovery first, then each app's routes.
if not routing.router.routes:
    from content.oembed.views import register_oembed_routes

    views.register_discovery_routes(before_wp=register_oembed_routes)
    import comments.urls  # noqa: F401
    from content.search import register_search_route

    register_search_route()
    from content.blocks.views import register_block_pattern_routes, register_block_routes

    register_block_routes()

    views.register_site_routes()
    import content.urls  # noqa: F401
    from content.autosaves import register_autosave_routes
    from content.post_meta import register_post_meta_routes
    from content.revisions import register_revision_routes

    register_revision_routes()
    register_autosave_routes()
    register_post_meta_routes()
    import taxonomy.urls  # noqa: F401
    import users.urls  # noqa: F401

    register_block_pattern_routes()
    # isort: split
    # themes and plugins, then menu locations, as WordPress registers them
    import extensions.urls  # noqa: F401
    import menus.urls  # noqa: F401

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", home_or_feed(views.site_root)),
    # the API's OpenAPI 3.1 document, outside /wp-json so WordPress's namespaces stay as they are
    path("openapi.json", openapi.openapi_view),
    # api-fetch's nonceEndpoint: a fresh wp_rest nonce for a logged-in browser session
    path("wp-admin/admin-ajax.php", rest_nonce),
    # WordPress's login page and the application-password authorization flow, for every user
    path("wp-login.php", wp_login),
    path("wp-admin/authorize-application.php", authorize_application),
    # wp-admin's other pages: the same screens in Django admin
    re_path(r"^wp-admin/?$", wp_admin),
    re_path(r"^wp-admin/(?P<page>[\w.-]+)$", wp_admin),
    re_path(r"^wp-json/?$", routing.rest_entry),
    re_path(r"^wp-json/(?P<route_path>.*)$", routing.rest_entry),
    # feeds and sitemaps, which WordPress serves outside the API
    path("", include("content.feeds.urls")),
]

if settings.MEDIA_URL.startswith("/") and settings.STORAGES["default"]["BACKEND"].endswith(
    "FileSystemStorage"
):
    # uploads (source_url) served by the app, in production too (content/media/serving.py);
    # a web server in front may serve MEDIA_ROOT itself, S3 storage has URLs of its own
    urlpatterns.insert(
        0,
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_upload),
    )

handler400 = "wpapi.errors.bad_request"
handler403 = "wpapi.errors.permission_denied"
handler404 = "wpapi.errors.not_found"
handler500 = "wpapi.errors.server_error"
