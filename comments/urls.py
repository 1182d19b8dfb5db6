"""comments routes, registered in the WordPress route table."""
