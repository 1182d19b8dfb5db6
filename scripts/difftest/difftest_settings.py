"""wpapi's settings for a differential run: the project's own, plus the meta the reference
WordPress registers in its mu-plugin (/work/shared/wordpress/lib/ref-reference.php), written
as README.md "Extending" says a project registers them."""

import scripts.reference_meta as reference
from wpapi.settings import *  # noqa: F403

WP_POST_META = reference.WP_POST_META
WP_TERM_META = reference.WP_TERM_META
WP_USER_META = reference.WP_USER_META
WP_COMMENT_META = reference.WP_COMMENT_META

# the reference site's theme, to which the index links as the active theme
WP_THEME = {"stylesheet": "twentytwentythree", "name": "Twenty Twenty-Three"}

# the custom templates the reference theme (twentytwentythree) declares, by the post types
# that may name them, in the order WordPress lists them ("404" is a default template type,
# which get_post_templates() leaves out)
WP_TEMPLATES = {"blog-alternative": ["page"], "blank": ["page", "post"]}
