"""The feed and sitemap addresses, outside /wp-json/, as WordPress's rewrite rules name them."""

from django.urls import re_path

from content.feeds import views

KIND = r"(?:(?P<kind>rss2|atom)/)?"

urlpatterns = [
    re_path(r"^feed/" + KIND + r"$", views.posts_feed),
    re_path(r"^comments/feed/" + KIND + r"$", views.comments_feed),
    re_path(
        r"^category/(?P<path>.+?)/feed/" + KIND + r"$",
        views.term_feed,
        {"taxonomy": "category"},
    ),
    re_path(r"^tag/(?P<path>[^/]+)/feed/" + KIND + r"$", views.term_feed, {"taxonomy": "post_tag"}),
    re_path(r"^author/(?P<nicename>[^/]+)/feed/" + KIND + r"$", views.author_feed),
    re_path(r"^wp-sitemap\.xml$", views.sitemap_index),
    re_path(
        r"^wp-sitemap-(?P<provider>posts|taxonomies)-(?P<subtype>[\w-]+?)-(?P<page>\d+)\.xml$",
        views.sitemap_page,
    ),
    re_path(r"^wp-sitemap-(?P<provider>users)-(?P<page>\d+)\.xml$", views.sitemap_page),
    re_path(r"^wp-sitemap(?P<index>-index)?\.xsl$", views.sitemap_stylesheet),
    re_path(r"^(?P<path>.+?)/feed/" + KIND + r"$", views.post_comments_feed),
]
