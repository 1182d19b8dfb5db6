"""URLs: Django admin, the site root, and `/wp-json/...` served by the WordPress route table."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import path, re_path

from users.views import rest_nonce
from users.web import authorize_application, wp_login
from wpapi import routing, views
from wpapi.admin.legacy import wp_admin

# The route table, in WordPress's order: discovery first, then each app's routes.
if not routing.router.routes:
    views.register_discovery_routes()
    import comments.urls  # noqa: F401
    from content.search import register_search_route

    register_search_route()

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

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", views.site_root),
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
]

if settings.DEBUG:
    # uploads (source_url) served by the development server; production serves them from
    # the web server or S3-compatible storage
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "wpapi.errors.bad_request"
handler403 = "wpapi.errors.permission_denied"
handler404 = "wpapi.errors.not_found"
handler500 = "wpapi.errors.server_error"
