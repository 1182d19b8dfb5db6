"""Text rules users share between the model and the services (WordPress's formatting.php)."""

import re
import unicodedata
from typing import Any


def sanitize_title(value: str, limit: int | None = 50) -> str:
    """sanitize_title_with_dashes() for user slugs: lower case, accents removed, dots and spaces
    become dashes, anything but letters, digits, '_' and '-' dropped (cut at `limit`)."""
    text = re.sub(r"<[^>]*>", "", value)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"&.+?;", "", text).replace(".", "-")
    text = re.sub(r"[^%a-z0-9 _-]", "", text)
    text = re.sub(r"\s+", "-", text)
    text = re.sub(r"-+", "-", text).strip("-")
    return text[:limit] if limit else text


def without_nul(value: Any) -> Any:
    """`value` with NUL characters removed from every string (and object key) in it: MySQL
    keeps them, PostgreSQL refuses them in text and JSON, so they are dropped on the way in."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    return value
