"""The block types and block patterns WordPress 6.1 registers, read from captured data.

`data/block-types.json` and `data/block-patterns.json` hold what a WordPress 6.1 site answers
at /wp/v2/block-types and /wp/v2/block-patterns/* (scripts/capture_block_data.py writes them);
the registry below answers the same questions WP_Block_Type_Registry does: which types exist,
which are dynamic (rendered on the server) and what their attributes are.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@cache
def _block_data() -> dict[str, Any]:
    return json.loads((DATA / "block-types.json").read_text(encoding="utf-8"))


@cache
def _pattern_data() -> dict[str, Any]:
    return json.loads((DATA / "block-patterns.json").read_text(encoding="utf-8"))


def block_type_schema() -> dict[str, Any]:
    return _block_data()["schema"]


def block_types() -> list[dict[str, Any]]:
    """Every registered block type, in WordPress's registration order."""
    return _block_data()["block_types"]


@cache
def _by_name() -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in block_types()}


def get_block_type(name: str) -> dict[str, Any] | None:
    return _by_name().get(name)


def block_attributes(name: str) -> dict[str, Any]:
    """The attribute schemas of a block type (WP_Block_Type::get_attributes())."""
    block = get_block_type(name)
    return (block or {}).get("attributes") or {}


def pattern_categories() -> list[dict[str, Any]]:
    return _pattern_data()["categories"]


def block_patterns() -> list[dict[str, Any]]:
    return _pattern_data()["patterns"]


def pattern_schemas() -> tuple[dict[str, Any], dict[str, Any]]:
    data = _pattern_data()
    return data["patterns_schema"], data["categories_schema"]
