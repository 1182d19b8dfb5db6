"""Registered term meta (register_term_meta, settings.WP_TERM_META): the core's meta codec
(wpapi.meta) over TermMeta rows, by taxonomy."""

from taxonomy.models import TermMeta
from wpapi.meta import MetaFields

TERM_META = MetaFields("term", TermMeta, "term", subtype_of=lambda term: term.taxonomy)
