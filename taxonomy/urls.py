"""taxonomy routes, registered in the WordPress route table: /wp/v2/taxonomies, then each REST
taxonomy's terms at /wp/v2/<rest_base> (WordPress's order)."""

from django.utils.module_loading import import_string

from taxonomy.views import TaxonomyViewSet, TermViewSet
from wpapi.registry import Taxonomy, rest_taxonomies
from wpapi.routing import Route, router


def term_viewset_for(taxonomy: Taxonomy) -> type[TermViewSet]:
    """The terms viewset of one taxonomy: its own controller (rest_controller_class, e.g.
    menus) or the terms controller."""
    if taxonomy.rest_controller:
        return import_string(taxonomy.rest_controller)
    name = "".join(part.title() for part in taxonomy.slug.split("_")) + "TermViewSet"
    return type(name, (TermViewSet,), {"taxonomy_slug": taxonomy.slug})


def register_term_routes(taxonomy: Taxonomy) -> list[Route]:
    """The collection and item routes of one taxonomy's terms; returns the routes added."""
    before = len(router.routes)
    router.register(f"/wp/v2/{taxonomy.rest_base}", term_viewset_for(taxonomy))
    return router.routes[before:]


router.add("/wp/v2/taxonomies", TaxonomyViewSet, {"GET": "list"})
router.add(r"/wp/v2/taxonomies/(?P<taxonomy>[\w-]+)", TaxonomyViewSet, {"GET": "retrieve"})
for _taxonomy in rest_taxonomies():
    register_term_routes(_taxonomy)
