"""Step 8: a fragment that continues an earlier article is joined to it where the markers say so.

A newspaper continues an article on another page: the first part ends with ``(下转2版)``, the rest
starts with ``(上接1版)``. A fragment with a ``上接`` marker is joined to the nearest earlier
article (in this file, then in the files before it, in the order given) whose last paragraph had a
``下转`` marker and that has not taken a continuation yet. When the first part stops mid-sentence,
the two halves of that sentence become one paragraph. Both ranges are kept in ``Article.parts``.
A ``上接`` fragment with no such article, and a ``下转`` article whose continuation never comes, are
flagged: the missing page is not in the input (and the duplicate check may still find the text).
"""

from __future__ import annotations

from .model import Article, Flag, Para, State
from .patterns import PARA_END
from .reflow import glue


def _merge(first: Article, rest: Article) -> None:
    last, head = first.paras[-1], rest.paras[0]
    if last.text and last.text[-1] not in PARA_END and head.kind == "text" and head.dateline is None:
        first.paras[-1] = Para(glue(last.span, head.span), "text", last.dateline, last.marker, head.jump, head.closes)
        first.paras.extend(rest.paras[1:])
    else:
        first.paras.extend(rest.paras)
    first.flags.append(Flag("joined", rest.first_line,
                            f"continued at {rest.where()} (上接{rest.continues}), after (下转{first.jump}): joined here"))
    first.flags.extend(rest.flags)
    first.parts.extend(rest.parts)
    first.captions.extend(rest.captions)
    first.jump, first.closed = rest.jump, rest.closed


def join(articles: list[Article]) -> list[Article]:
    """Articles in run order → the same, with each marked continuation merged into its first part."""
    out: list[Article] = []
    for article in articles:
        if article.continues:
            target = next((t for t in reversed(out) if t.jump), None)
            if target is not None:
                _merge(target, article)
                continue
            article.flags.append(Flag("continuation", article.first_line,
                                      f"starts with (上接{article.continues}): the page it continues is not in the input"))
        out.append(article)
    for article in out:
        if article.jump:
            article.flags.append(Flag("continuation", article.last_line,
                                      f"ends with (下转{article.jump}): the rest is not in the input"))
    return out


def rule(state: State) -> None:
    """Join marked continuations in ``state.articles``."""
    state.articles = join(state.articles)
