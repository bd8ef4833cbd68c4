"""Glossary candidates: expressions in the texts that look like diplomatic terms and are not in the glossary.

``python -m builder terms`` reads the summit pages (or drafts), annotates them with the site's own
pipeline and proposes, with counts per page and the sentences they occur in:

- ``name``: an organisation's name built on a glossary term or on 中国 and ending in an
  organisation word (``上海合作组织睦邻友好合作委员会``, ``中国—上海合作组织经贸学院``,
  ``中国上合组织研究中心``). It is a name, not an occurrence of the term inside it: add it to
  ``content/readings.tsv`` (a word that holds a glossary term there is read as a name by the term
  rule) or give it a glossary entry of its own;
- ``document``: a title in 《》, or the name of an initiative or a document (``全球发展倡议``,
  ``上海合作组织宪章``): the words before …倡议, …宣言, …宪章, …公约 and the like, back to the first
  verb, function word or punctuation mark;
- ``set phrase``: a four-character set phrase: a CC-CEDICT entry marked ``(idiom)``, or a
  four-character unit set off by 、 in a list of them (``以大欺小、以强凌弱``);
- ``recurring``: two to four words (4–10 characters) that recur, three times or more on two pages
  or more, not one dictionary word, with no glossary term or proper name in them, and no function
  word, verb or number at either edge.

Verbs are told by CC-CEDICT (half or more of a word's senses start with "to "), proper names by its
capitalised pinyin, function words by ``builder.text.function_words``. No list of our pages' words.
Nothing here is written to content/: the maintainer decides.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import read_utf8
from .sentences import sentence_span

HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+")
ORGANISATION = ("委员会", "研究中心", "中心", "学院", "大学", "研究所", "研究院", "论坛", "银行", "基金", "联合会", "协会",
                "联盟", "秘书处", "理事会", "机构", "组织")
"""Words an organisation's name ends with."""
DOCUMENT = ("倡议", "宣言", "宪章", "公约", "条约", "协定", "纲要", "构想", "声明", "备忘录", "议程", "决议", "规划", "路线图",
            "行动计划", "合作计划", "战略")
"""Words the name of an initiative or a document ends with."""
FUNCTION = frozenset("的 地 得 了 着 过 和 与 及 或 同 跟 对 在 为 是 把 被 将 从 向 以 于 等 也 都 并 而 又 这 那 其 之 各 每 该 此".split())
MIN_RECURRING = 3
SENTENCE_MARKS = "，。、；：？！“”‘’（）《》—…· "


@dataclass
class Occurrence:
    """Where a candidate occurs: its page's label, the file and line, and the sentence."""

    page: str
    where: str
    sentence: str


@dataclass
class Candidate:
    """A proposed glossary entry: the ``expression``, its ``kind``, why (``reason``), and where it occurs."""

    expression: str
    kind: str
    reason: str
    occurrences: list[Occurrence] = field(default_factory=list)

    def counts(self) -> Counter:
        """Occurrences per page label."""
        return Counter(o.page for o in self.occurrences)


@dataclass
class Text:
    """One paragraph to read: its page label, ``file:line`` and text."""

    page: str
    where: str
    text: str


def read_pages(paths: list[Path]) -> list[Text]:
    """Summit pages or importer drafts (front matter + ``## `` headings + paragraphs) → their paragraphs.

    The label of a page is its meeting (``ordinal:`` or ``meeting:`` in the front matter), else the
    file's name. Only the body is read: a page draft whose front matter is not finished yet will do.
    """
    from ..content.parse import parse_body
    from ..content.summits import split_front_matter

    out: list[Text] = []
    for path in paths:
        fm, body, first = split_front_matter(read_utf8(Path(path)), Path(path))
        m = re.search(r"^(?:ordinal|meeting):\s*(\d+)", fm, re.M)
        label = f"summit {m.group(1)}" if m else Path(path).name
        for _kind, paragraph in parse_body(body, path, first):
            out.append(Text(label, f"{path}:{paragraph.line}", paragraph.text))
    return out


class Words:
    """What CC-CEDICT and jieba's part-of-speech table say about a word: a verb, a proper name, an idiom."""

    NOUNISH = frozenset({"vn", "n", "nz", "nt", "ns", "nr", "l", "i"})

    def __init__(self, dictionary):
        self.dictionary = dictionary
        self._tags: dict[str, str] | None = None

    def _senses(self, word: str) -> list[str]:
        return [d for e in self.dictionary.lookup(word) for d in e.definitions]

    def tag(self, word: str) -> str:
        """jieba's part-of-speech tag of ``word`` (``v`` verb, ``vn`` verbal noun, ``n`` noun …), or ''."""
        if self._tags is None:
            import logging

            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            self._tags = jieba.posseg.POSTokenizer().word_tag_tab
        return self._tags.get(word, "")

    def verb(self, word: str) -> bool:
        """A verb: jieba tags it ``v…`` (not ``vn``), or CC-CEDICT's first sense starts with "to ", or most
        of its senses do and jieba does not tag it as a noun (落实 yes; 发展 development / to develop, no)."""
        tag = self.tag(word)
        if tag.startswith("v") and tag != "vn":
            return True
        senses = self._senses(word)
        if not senses:
            return False
        return senses[0].startswith("to ") or (sum(s.startswith("to ") for s in senses) * 2 > len(senses)
                                               and tag not in self.NOUNISH)

    def name(self, word: str) -> bool:
        entries = self.dictionary.lookup(word)
        return bool(entries) and all(e.pinyin and e.pinyin[0][:1].isupper() for e in entries)

    def idiom(self, word: str) -> bool:
        return any("(idiom" in s for s in self._senses(word))


def _han(text: str) -> bool:
    return bool(text) and HAN_RE.fullmatch(text) is not None


QUANTITY = ("一", "两", "各", "多", "几", "每", "这", "那", "该", "此", "第", "亿")
DASHES = ("—", "－", "-", "——")


def _organisation(tokens, i: int, text: str, names: dict[str, str]) -> tuple[int, int, str] | None:
    """An organisation's name starting at ``tokens[i]`` → (start, end, the term inside), else None:
    ``[中国 [—]] TERM word… ORGANISATION-WORD``, where the term itself names an organisation (it ends
    with an organisation word: 上海合作组织, 上合组织) and the words between are Han, not function
    words, at most 10 characters. ``names``: the lexicon's names that hold a term (name → the term):
    the annotation keeps them as one word, and such a word is a name here too."""
    start = tokens[i].start
    j = i
    if tokens[j].text == "中国" and j + 1 < len(tokens):
        j += 1
        if tokens[j].text in DASHES and j + 1 < len(tokens):
            j += 1
    first = tokens[j]
    if first.text in names:
        return start, first.end, names[first.text]
    if not (first.term and first.text.endswith(ORGANISATION)):
        return None
    if j == i and i > 0 and tokens[i - 1].text == "中国":
        return None  # the name starts at 中国, found from there
    k = j + 1
    while k < len(tokens) and _han(tokens[k].text) and tokens[k].text not in FUNCTION and tokens[k].end - first.end <= 10:
        if tokens[k].text.endswith(ORGANISATION) and not (tokens[k].term and k + 1 < len(tokens)
                                                          and tokens[k + 1].text.endswith(ORGANISATION)):
            return start, tokens[k].end, first.text
        k += 1
    return None


def find_candidates(texts: list[Text], pipeline, resources) -> list[Candidate]:
    """Annotate ``texts`` with ``pipeline`` and propose the candidates (see the module's docstring),
    most frequent first within each kind: names, documents, set phrases, recurring expressions."""
    words = Words(resources.dictionary)
    glossary = set(resources.glossary.by_form)
    known = {form.strip("《》“”") for form in glossary}
    found: dict[tuple[str, str], Candidate] = {}
    grams: dict[str, list[tuple[Text, int, int]]] = defaultdict(list)

    seen: set[tuple[str, str, str, int]] = set()
    by_length = sorted(glossary, key=len, reverse=True)
    names = {w: next(f for f in by_length if f in w) for w in resources.lexicon if any(f in w for f in glossary)}

    def add(expression: str, kind: str, reason: str, text: Text, start: int, end: int) -> None:
        if expression in known or expression.strip("《》") in known or (kind, expression, text.where, start) in seen:
            return
        seen.add((kind, expression, text.where, start))
        cand = found.setdefault((kind, expression), Candidate(expression, kind, reason))
        a, b = sentence_span(text.text, start, end)
        cand.occurrences.append(Occurrence(text.page, text.where, text.text[a:b].strip()))

    for text in texts:
        tokens = pipeline.annotate(text.text)
        starts = {t.start for t in tokens}
        ends = {t.end for t in tokens}
        for i, token in enumerate(tokens):
            name = _organisation(tokens, i, text.text, names)
            if name is not None:
                start, end, inner = name
                expression = text.text[start:end]
                if expression not in glossary:
                    lexicon = "; readings.tsv keeps it whole" if expression in resources.lexicon else ""
                    add(expression, "name", f"an organisation's name holding the term {inner}: a name, not the "
                                            f"term{lexicon}", text, start, end)
        for m in re.finditer(r"《([^《》]{2,40})》", text.text):
            add(m.group(1), "document", "a title in 《》", text, m.start(), m.end())
        for i, token in enumerate(tokens):
            suffix = next((s for s in DOCUMENT if token.text.endswith(s)), None)
            after = tokens[i + 1].text if i + 1 < len(tokens) else "。"
            complete = not _han(after) or after in FUNCTION or not words.verb(after)  # 倡议成立… is a verb
            if suffix and _han(token.text) and complete:
                j = i
                while j > 0 and _han(tokens[j - 1].text) and tokens[j - 1].text not in FUNCTION \
                        and not tokens[j - 1].text.startswith(QUANTITY) and not words.verb(tokens[j - 1].text) \
                        and not (tokens[j - 1].term and len(tokens[j - 1].text) <= 2) and token.end - tokens[j - 1].start <= 12:
                    j -= 1
                expression = text.text[tokens[j].start:token.end]
                if len(expression) > len(suffix) + 1 and not (text.text[max(0, tokens[j].start - 1):tokens[j].start] == "《"):
                    add(expression, "document", f"the name of an initiative or a document (…{suffix})",
                        text, tokens[j].start, token.end)
            if len(token.text) == 4 and _han(token.text) and token.term is None and words.idiom(token.text):
                add(token.text, "set phrase", "a four-character idiom (CC-CEDICT)", text, token.start, token.end)
        for run in re.finditer(r"[\u4e00-\u9fff]{4}(?:、[\u4e00-\u9fff]{4})+(?![\u4e00-\u9fff])", text.text):
            for k in range(run.start(), run.end(), 5):
                unit = text.text[k:k + 4]
                inside = [t for t in tokens if k <= t.start < k + 4]
                if k not in starts or k + 4 not in ends or any(t.term or words.name(t.text) for t in inside):
                    continue
                if len(inside) == 1 and unit in resources.dictionary and not words.idiom(unit):
                    continue  # an ordinary word (数字经济), not a set phrase
                add(unit, "set phrase", "a four-character phrase in a list of them set off by 、", text, k, k + 4)
        for i in range(len(tokens)):
            for n in (2, 3, 4):
                run = tokens[i:i + n]
                if len(run) < n:
                    break
                if not all(_han(t.text) and t.term is None for t in run):
                    break
                expression = "".join(t.text for t in run)
                if not 4 <= len(expression) <= 10 or run[0].text in FUNCTION or run[-1].text in FUNCTION:
                    continue
                if words.verb(run[0].text) or words.verb(run[-1].text) or run[0].text.startswith(QUANTITY) \
                        or any(words.name(t.text) or t.text in resources.lexicon for t in run) or expression in resources.dictionary:
                    continue
                grams[expression].append((text, run[0].start, run[-1].end))
    recurring = {e: occ for e, occ in grams.items() if len(occ) >= MIN_RECURRING and len({t.page for t, _, _ in occ}) >= 2}
    proposed = {c.expression: len(c.occurrences) for c in found.values()}
    for expression, occ in recurring.items():
        longer = [e for e in recurring if expression in e and e != expression and len(recurring[e]) == len(occ)]
        longer += [e for e, n in proposed.items() if expression in e and n >= len(occ)]
        if not longer and expression not in known and not words.idiom(expression):
            for text, a, b in occ:
                add(expression, "recurring", f"{len(occ)} times", text, a, b)
    order = {"name": 0, "document": 1, "set phrase": 2, "recurring": 3}
    return sorted(found.values(), key=lambda c: (order[c.kind], -len(c.occurrences), c.expression))


def render(candidates: list[Candidate], limit: int = 3) -> str:
    """The report ``python -m builder terms`` prints: one block per candidate, kind by kind."""
    if not candidates:
        return "No glossary candidates: every expression that looks like a term is in the glossary.\n"
    lines = [f"{len(candidates)} glossary candidate(s). For each: its kind, why, occurrences per page, sentences.",
             "Add a term to content/glossary.yml (docs/content-format.md); add a name to content/readings.tsv.", ""]
    kind = None
    for c in candidates:
        if c.kind != kind:
            kind = c.kind
            lines.append(f"== {kind} ==")
        per_page = ", ".join(f"{page}: {n}" for page, n in sorted(c.counts().items()))
        lines.append(f"{c.expression}  [{c.kind}] {c.reason}; {len(c.occurrences)} in all ({per_page})")
        for o in c.occurrences[:limit]:
            lines.append(f"    {o.where}  {o.sentence}")
        if len(c.occurrences) > limit:
            lines.append(f"    … {len(c.occurrences) - limit} more")
    return "\n".join(lines) + "\n"
