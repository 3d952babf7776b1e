"""Text that arrives from outside (arguments, JSON bodies, MCP calls) must be real Unicode text.

Python lets a `str` hold lone surrogates: bytes that are not UTF-8 on the command line become
U+DC80..U+DCFF (`surrogateescape`), and a JSON `"\\ud800"` escape decodes to one. Such a string
cannot be encoded again, so it fails far from where it came in (the tokenizer, a JSON response
that is half sent, an MCP reply never written). It is refused where it enters, with a message
that does not repeat it.
"""

from __future__ import annotations

import re

from qa.errors import InputError

_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate_at(text: str) -> int | None:
    """Index of the first surrogate code point in `text` (none belongs in a decoded str), else None."""
    m = _SURROGATE.search(text)
    return m.start() if m else None


def check_text(text: str, what: str = "the question") -> str:
    """`text` unchanged, or InputError when it holds a byte that is not UTF-8 (a lone surrogate)."""
    at = lone_surrogate_at(text)
    if at is not None:
        raise InputError(
            f"{what} is not valid text: character {at + 1} is a lone surrogate (a byte that is not UTF-8, "
            "or a \\ud800-style escape)",
            hint="send UTF-8 text (re-type the character, or convert the input with iconv -t UTF-8)",
        )
    return text
