"""The block grammar: post content as a tree of blocks (parse_blocks()).

A block is delimited by HTML comments, `<!-- wp:name {"attr":1} -->…<!-- /wp:name -->` or
self-closing `<!-- wp:name /-->`; names without a namespace are `core/`. HTML between blocks
is "freeform" (a block without a name). Each block keeps its inner HTML as a list of strings
with a None where each inner block goes (WordPress's innerContent), so rendering can put the
inner blocks' output back in place. Written from the block grammar's specification.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)\s+"
    r"(?P<attrs>\{(?:[^}]+|\}+(?=\})|(?!\}\s+/?-->).)*?\}\s+)?(?P<void>/)?-->",
    re.S,
)


@dataclass
class Block:
    """One parsed block; `name` None for freeform HTML between blocks."""

    name: str | None
    attrs: dict[str, Any] = field(default_factory=dict)
    inner_blocks: list[Block] = field(default_factory=list)
    #: the block's own HTML pieces, None where an inner block's output goes
    inner_content: list[str | None] = field(default_factory=list)

    @property
    def inner_html(self) -> str:
        return "".join(part for part in self.inner_content if part is not None)


def _attrs(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def parse_blocks(content: str) -> list[Block]:
    """The blocks of `content`, top level first (WP_Block_Parser::parse())."""
    output: list[Block] = []
    stack: list[tuple[Block, int]] = []  # open blocks and where their inner HTML starts
    position = 0

    def add_freeform(html: str) -> None:
        if html:
            output.append(Block(None, inner_content=[html]))

    for match in DELIMITER.finditer(content):
        namespace = match.group("namespace") or "core/"
        name = namespace + match.group("name")
        start, end = match.start(), match.end()
        if match.group("closer"):
            if not stack:
                continue  # a closer with no opener is ignored, as the parser does
            block, inner_start = stack.pop()
            text = content[inner_start:start]
            if text:
                block.inner_content.append(text)
            if stack:
                parent = stack[-1][0]
                parent.inner_blocks.append(block)
                parent.inner_content.append(None)
                stack[-1] = (parent, end)
            else:
                output.append(block)
            position = end
            continue
        block = Block(name, _attrs(match.group("attrs")))
        if stack:
            parent, inner_start = stack[-1]
            text = content[inner_start:start]
            if text:
                parent.inner_content.append(text)
        else:
            add_freeform(content[position:start])
        if match.group("void"):
            if stack:
                parent = stack[-1][0]
                parent.inner_blocks.append(block)
                parent.inner_content.append(None)
                stack[-1] = (parent, end)
            else:
                output.append(block)
            position = end
            continue
        stack.append((block, end))
        position = end
    # blocks left open run to the end of the content
    while stack:
        block, inner_start = stack.pop()
        text = content[inner_start:]
        if text:
            block.inner_content.append(text)
        if stack:
            parent = stack[-1][0]
            parent.inner_blocks.append(block)
            parent.inner_content.append(None)
            stack[-1] = (parent, len(content))
        else:
            output.append(block)
        position = len(content)
    add_freeform(content[position:])
    return output
