"""Bounded memos for results that depend only on their key (a word, a word and its reading).

The annotation rules ask the same questions of the same words over and over (words repeat: a
summit page of 5,000 characters has about 1,200 distinct words). A ``Memo`` keeps the answers; it
holds at most ``limit`` of them and forgets all at once when full, which costs a recount, never a
wrong answer, and keeps memory flat however much text goes through.
"""

from __future__ import annotations

#: Answers a memo keeps by default: with keys of a word or two, a few tens of MB at most.
LIMIT = 100_000


class Memo(dict):
    """A ``dict`` of answers with ``put``, which forgets every answer when ``limit`` is reached."""

    __slots__ = ("limit",)

    def __init__(self, limit: int = LIMIT):
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        """Keep ``value`` for ``key`` and return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
