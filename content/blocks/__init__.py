"""Blocks: the block grammar (parser), do_blocks with the dynamic blocks WordPress renders on
the server (render and one module per family of blocks), the media shortcodes, the_content's
order of filters for such content (pipeline), and the block types WordPress 6.1 registers
(types, from captured data)."""
