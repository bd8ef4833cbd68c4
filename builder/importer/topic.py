"""Step 12: does an article mention the SCO? (上海合作组织, 上合组织, 上合…, SCO)

Unrelated items (local news, a letter) are still written as drafts; the report and the draft's
``mentions_sco`` say which ones are not about the SCO, so the maintainer can leave them out.
"""

from __future__ import annotations

from .model import Article, State
from .patterns import SCO


def mentions_sco(article: Article) -> bool:
    """True when the title or any body paragraph names the SCO."""
    return bool(SCO.search(article.title or "") or any(SCO.search(p.text) for p in article.paras))


def rule(state: State) -> None:
    """Set ``mentions_sco`` on every article."""
    for article in state.articles:
        article.mentions_sco = mentions_sco(article)
