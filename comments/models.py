"""Comments (wp_comments) and comment meta. Filled in by the comments issue."""
