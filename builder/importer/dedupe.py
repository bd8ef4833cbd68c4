"""Steps 9 and 13: spliced tails, reprints and fragments (difflib does the comparing).

``splice``: a newspaper sometimes runs the end of another article on after an article with no
headline or marker between (seed 001: the closing paragraphs of the 21st report follow the cut-short
解读). When the last two or more paragraphs of an article (100 characters or more) are, in order,
paragraphs of another article (in this run or in content/) that goes on after them, and the
paragraphs before them are not in that article, they are split off as an article of their own
and flagged ``spliced``; the next step then finds it a duplicate.

``dedupe``: two articles are copies when 90 % or more of the shorter one's text is found in the
longer (``SequenceMatcher`` matching blocks, whitespace ignored). Copies form groups; each group
keeps one copy, the one with the fewest damage flags, then the longest, then the first given;
the others are reported with their overlap and the passages that differ, and not written. When the
kept copy has no headline of its own and another copy has, that headline becomes the title
(flagged ``headline-from-copy``). A group whose kept copy is 90 % or more contained in an article
of a page in content/ is not written at all: it is reported as already there.

Linear in the input's size: difflib is run only on pairs that a shingle index proposes (the
``PARTNERS`` articles sharing the most 8-character shingles with an article, if they hold half of
them; shingles found in more than ``COMMON`` articles, boilerplate, are not indexed), and only on
texts of at most ``DIFFLIB_MAX`` characters; a longer text is measured by the share of its shingles
found in the other.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from .model import Article, Duplicate, Existing, Flag, Span, State

SAME_TEXT = 0.9
SAME_PARAGRAPH = 0.95
MIN_SPLICE_CHARS = 100
SHOWN_DIFFERENCES = 8
MIN_BLOCK = 3
SHOWN_INSERTION = 12
SHINGLE = 8
"""Shingles are runs of this many characters (whitespace removed)."""
SAMPLE = 4
"""A shingle is kept when its first character's code is a multiple of this (content-defined sampling)."""
COMMON = 64
"""A shingle found in more articles than this is boilerplate: it proposes no pair."""
PROPOSE = 0.5
"""A pair is compared when this share of the smaller one's shingles is in the other."""
PARTNERS = 8
"""At most this many texts (those sharing the most shingles) are compared with each text."""
DIFFLIB_MAX = 10_000
"""Texts longer than this are measured by their shingles, not by difflib (which is not linear)."""


def _matcher(a: str, b: str) -> SequenceMatcher:
    return SequenceMatcher(None, a, b, autojunk=False)  # autojunk would drop frequent Han characters


def shingles(text: str) -> frozenset[int]:
    """The sampled shingles of ``text`` (whitespace removed), as hashes (see ``SHINGLE``, ``SAMPLE``)."""
    text = _norm(text)
    return frozenset(hash(text[i:i + SHINGLE]) for i in range(len(text) - SHINGLE + 1) if ord(text[i]) % SAMPLE == 0)


def matched(a: str, b: str) -> int:
    """How many characters of ``a`` are matched in ``b``: difflib's matching blocks of three
    characters or more (single characters match between any two Chinese texts). For texts longer
    than ``DIFFLIB_MAX``: ``len(a)`` times the share of ``a``'s shingles found in ``b``."""
    if len(a) > DIFFLIB_MAX or len(b) > DIFFLIB_MAX:
        mine = shingles(a)
        return round(len(a) * len(mine & shingles(b)) / len(mine)) if mine else 0
    return sum(block.size for block in _matcher(a, b).get_matching_blocks() if block.size >= MIN_BLOCK)


class ShingleIndex:
    """Which texts share shingles with which: proposes the pairs worth comparing, in linear time."""

    def __init__(self, texts: list[str]):
        self.sets = [shingles(t) for t in texts]
        postings: dict[int, list[int]] = {}
        for i, found in enumerate(self.sets):
            for h in found:
                postings.setdefault(h, []).append(i)
        self.postings = {h: ids for h, ids in postings.items() if len(ids) <= COMMON}

    def shared(self, query: frozenset[int]) -> Counter:
        """{text index: number of ``query``'s shingles it holds} (boilerplate shingles not counted)."""
        counts: Counter = Counter()
        for h in query:
            counts.update(self.postings.get(h, ()))
        return counts

    def proposals(self, query: frozenset[int], skip: int = -1, share: float = PROPOSE, smaller: bool = True) -> list[int]:
        """Up to ``PARTNERS`` texts (most shingles shared first, then in order) holding at least ``share``
        of ``query``'s shingles (of the smaller one's, when ``smaller``); text ``skip`` left out."""
        found = []
        for j, n in self.shared(query).items():
            base = min(len(query), len(self.sets[j])) if smaller else len(query)
            if j != skip and n >= share * max(1, base):
                found.append((-n, j))
        return [j for _, j in sorted(found)[:PARTNERS]]

    def partners(self, i: int) -> list[int]:
        """The texts worth comparing with text ``i`` (see ``proposals``)."""
        return self.proposals(self.sets[i], skip=i)


@lru_cache(maxsize=65536)
def same_paragraph(a: str, b: str) -> bool:
    """Two paragraphs (whitespace removed) are the same text, give or take a few characters."""
    if a == b:
        return True
    if not a or not b or min(len(a), len(b)) / max(len(a), len(b)) < SAME_PARAGRAPH:
        return False
    sm = _matcher(a, b)
    return sm.quick_ratio() >= SAME_PARAGRAPH and sm.ratio() >= SAME_PARAGRAPH


def _norm(text: str) -> str:
    return "".join(text.split())


# --- splice -------------------------------------------------------------------------------------

def find_splice(mine: list[str], theirs: list[str]) -> tuple[int, int, int] | None:
    """Paragraph texts of an article and of another → (first spliced paragraph, its index in the
    other, number of paragraphs) for the longest run of ``mine``'s last paragraphs found in order in
    ``theirs``, or None. The run must leave paragraphs of ``mine`` before it, and ``theirs`` must go
    on after it (when both end alike, ``theirs`` is more likely a fragment of ``mine``)."""
    n, best = len(mine), None
    for j in range(len(theirs)):
        length = 0
        while length < n and j - length >= 0 and same_paragraph(mine[n - 1 - length], theirs[j - length]):
            length += 1
        if length and (best is None or length > best[2]):
            best = (n - length, j - length + 1, length)
    if best is None:
        return None
    k, j0, length = best
    theirs_goes_on = j0 + length < len(theirs)
    if k < 1 or length < 2 or not theirs_goes_on or sum(len(t) for t in mine[k:]) < MIN_SPLICE_CHARS:
        return None
    return best


def _split_off(article: Article, k: int, of: str) -> Article:
    tail = Article(source=article.source, headline=None, paras=article.paras[k:], file=article.file)
    article.paras = article.paras[:k]
    tail.parts = [(tail.source, tail.first_line, tail.last_line)]
    if len(article.parts) == 1:
        article.parts = [(article.source, article.first_line, article.last_line)]
    tail.closed, article.closed = article.closed, True
    tail.flags.append(Flag("spliced", tail.first_line,
                           f"lines {tail.first_line}-{tail.last_line} run on after the article at lines "
                           f"{article.first_line}-{article.last_line} with no headline or marker between, "
                           f"but they are paragraphs of {of}: split off"))
    return tail


def splice(articles: list[Article], existing: list[Existing]) -> list[Article]:
    """Articles in run order → the same, with spliced tails split off (each right after its article).

    Only the articles holding half of the shingles of an article's last paragraph are tried."""
    others: list[tuple[Article | Existing, list[str]]] = [
        (a, [_norm(p.text) for p in a.paras]) for a in articles] + [(e, [_norm(p) for p in e.paragraphs]) for e in existing]
    index = ShingleIndex(["".join(theirs) for _, theirs in others])
    out: list[Article] = []
    for number, article in enumerate(articles):
        mine = [_norm(p.text) for p in article.paras]
        found = None
        last = shingles(mine[-1]) if len(mine) > 1 else frozenset()
        tried = sorted(index.proposals(last, skip=number, smaller=False)) if last else []
        for other, theirs in (others[j] for j in tried):
            hit = find_splice(mine, theirs)
            if hit and (found is None or hit[0] < found[0][0]):
                head = "".join(mine[:hit[0]])
                whole = "".join(theirs)
                if matched(head, whole) / max(1, len(head)) < 0.5:
                    found = (hit, other)
        out.append(article)
        if found:
            (k, _, _), other = found
            label = other.where() if isinstance(other, Existing) else f"the article at {other.where()}"
            out.append(_split_off(article, k, label))
    return out


# --- duplicates ---------------------------------------------------------------------------------

def _excerpt(text: str, start: int, end: int, width: int = 4, longest: int = 40) -> str:
    middle = text[start:end] if end - start <= longest else text[start:start + longest // 2] + "…" + text[end - longest // 2:end]
    return text[max(0, start - width):start] + middle + text[end:end + width]


def differences(mine: Span, theirs: str, limit: int = SHOWN_DIFFERENCES) -> list[tuple[int, str, str]]:
    """The passages where ``mine`` differs from ``theirs`` → [(line in ``mine``, passage of mine,
    passage of theirs)]. Long stretches that only ``theirs`` has (``mine`` is a fragment) are not
    listed; a last item (0, "…", "…") says that more were left out."""
    a = mine.text
    if len(a) > DIFFLIB_MAX or len(theirs) > DIFFLIB_MAX:
        return [(0, "…", "…")]  # too long to list the differences in linear time
    spans: list[list[int]] = []
    for op, i1, i2, j1, j2 in _matcher(a, theirs).get_opcodes():
        if op == "equal" or (op == "insert" and j2 - j1 > SHOWN_INSERTION):
            continue
        if spans and i1 - spans[-1][1] <= 4 and j1 - spans[-1][3] <= 4:  # one difference, not two
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    out = [(mine.line_at(i1 if i2 > i1 else max(0, i1 - 1)), _excerpt(a, i1, i2), _excerpt(theirs, j1, j2))
           for i1, i2, j1, j2 in spans[:limit]]
    if len(spans) > limit:
        out.append((0, "…", "…"))
    return out


class _Groups:
    """Union-find over article indexes: copies of copies are one group."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _take_headline(kept: Article, group: list[Article]) -> None:
    if kept.headline is not None:
        return
    donor = next((a for a in group if a.headline is not None), None)
    if donor is None:
        return
    alternative = f" (the title it had, {kept.title}, came from {kept.title_from})" if kept.title else ""
    kept.flags = [f for f in kept.flags if f.kind not in ("headline-from-list", "no-headline")]
    kept.title, kept.title_from = donor.title, f"the headline of the copy at {donor.where()}"
    kept.flags.append(Flag("headline-from-copy", kept.first_line,
                           f"no headline above the article; its title is the headline of the copy at "
                           f"{donor.where()}{alternative}"))


def dedupe(articles: list[Article], existing: list[Existing]) -> tuple[list[Article], list[Duplicate]]:
    """Articles in run order → (the articles to write, in order; the duplicates not written)."""
    bodies = [a.body().text for a in articles]
    groups = _Groups(len(articles))
    first_of: dict[str, int] = {}
    for i, body in enumerate(bodies):  # identical texts: one group, without comparing
        if body in first_of:
            groups.union(i, first_of[body])
        else:
            first_of[body] = i
    index = ShingleIndex(bodies)
    for i in range(len(articles)):
        for j in index.partners(i):
            if j <= i or groups.find(i) == groups.find(j):
                continue
            m = matched(bodies[i], bodies[j])
            if m / max(1, min(len(bodies[i]), len(bodies[j]))) >= SAME_TEXT:
                groups.union(i, j)
    members: dict[int, list[int]] = {}
    for i in range(len(articles)):
        members.setdefault(groups.find(i), []).append(i)

    existing_bodies = [e.body() for e in existing]
    in_pages = ShingleIndex(existing_bodies)
    keep: set[int] = set()
    duplicates: list[Duplicate] = []
    for group in members.values():
        kept = min(group, key=lambda i: (articles[i].damage, -len(bodies[i]), i))
        in_content = None
        best = 0.0
        mine = index.sets[kept]
        for k in sorted(in_pages.proposals(mine)):
            share = matched(bodies[kept], existing_bodies[k]) / max(1, len(bodies[kept]))
            if share >= SAME_TEXT and share > best:
                in_content, best = existing[k], share
        if in_content is not None:
            for i in group:
                share = matched(bodies[i], in_content.body()) / max(1, len(bodies[i]))
                duplicates.append(Duplicate(articles[i], in_content, share,
                                            differences(articles[i].text_span(), in_content.text()),
                                            "already in content"))
            continue
        keep.add(kept)
        _take_headline(articles[kept], [articles[i] for i in group])
        for i in group:
            if i != kept:
                share = matched(bodies[i], bodies[kept]) / max(1, len(bodies[i]))
                reason = "near-duplicate" if len(bodies[i]) >= SAME_TEXT * len(bodies[kept]) else "fragment"
                duplicates.append(Duplicate(articles[i], articles[kept], share,
                                            differences(articles[i].text_span(), articles[kept].text_span().text),
                                            reason))
    position = {id(a): i for i, a in enumerate(articles)}
    duplicates.sort(key=lambda d: position[id(d.article)])
    return [a for i, a in enumerate(articles) if i in keep], duplicates


def splice_rule(state: State) -> None:
    """Split spliced tails off ``state.articles`` (compared with each other and with content/)."""
    state.articles = splice(state.articles, state.existing)


def rule(state: State) -> None:
    """Group copies → ``state.written`` (one per group, unless already in content/) and ``state.duplicates``."""
    state.written, state.duplicates = dedupe(state.articles, state.existing)
