"""What WordPress core serves outside the API that headless sites proxy: RSS 2.0 and Atom
feeds of posts and comments (feeds) and the core sitemaps (sitemaps)."""
