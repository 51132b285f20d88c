"""Helpers of the Markdown reader: a light block tree over markdown-it's tokens, and front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

_FRONT_KEY = re.compile(r"^(title|description)\s*:\s*(.*)$")

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(slots=True)
class Block:
    """A block of the parsed document; inline content stays markdown-it's flat token list.

    (markdown-it's SyntaxTreeNode also builds a node per inline token, which costs a third of
    the time of reading a large list.)
    """

    type: str
    token: Token
    children: list[Block] = field(default_factory=list)
    inline: Token | None = None

    @property
    def map(self) -> list[int] | None:
        return self.token.map


def block_tree(tokens: list[Token]) -> list[Block]:
    top: list[Block] = []
    stack: list[Block] = []
    for tok in tokens:
        if tok.nesting == 1:
            node = Block(tok.type[:-5], tok)
            (stack[-1].children if stack else top).append(node)
            stack.append(node)
        elif tok.nesting == -1:
            if stack:
                stack.pop()
        elif tok.type == "inline":
            if stack:
                stack[-1].inline = tok
        else:
            (stack[-1].children if stack else top).append(Block(tok.type, tok))
    return top


def front_matter(content: str) -> dict[str, str]:
    """`title` and `description` from YAML front matter (plain, quoted or block scalars)."""
    out: dict[str, str] = {}
    lines = content.split("\n")
    i = 0
    while i < len(lines):
        m = _FRONT_KEY.match(lines[i])
        i += 1
        if m is None:
            continue
        value = m.group(2).strip()
        if value in ("|", ">", "|-", ">-", "|+", ">+"):
            block: list[str] = []
            while i < len(lines) and (not lines[i].strip() or lines[i][:1] in (" ", "\t")):
                block.append(lines[i].strip())
                i += 1
            value = ("\n" if value.startswith("|") else " ").join(block).strip()
        elif len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if value:
            out[m.group(1)] = value
    return out
