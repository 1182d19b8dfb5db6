"""Text rules users share between the model and the services (WordPress's formatting.php);
the generic ones (sanitize_title, without_nul, ...) are wpapi.formatting's."""

import re
import unicodedata

from wpapi.formatting import sanitize_title, without_nul  # noqa: F401 - without_nul re-exported


def sanitize_user(username: str) -> str:
    """sanitize_user($username, true): what a login may be made of."""
    text = re.sub(r"<[^>]*>", "", username)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"%([a-fA-F0-9][a-fA-F0-9])", "", text)
    text = re.sub(r"&.+?;", "", text)
    text = re.sub(r"[^a-z0-9 _.\-@]", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text.strip())


def sanitize_nicename(value: str, limit: int | None = 50) -> str:
    """A user slug as wp_insert_user makes it: sanitize_user (strict) then sanitize_title(),
    cut at `limit` characters."""
    text = sanitize_title(sanitize_user(value))
    return text[:limit] if limit else text
