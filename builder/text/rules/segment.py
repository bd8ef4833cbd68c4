"""Rule 2: jieba segments the text between glossary terms into words; then two joins.

1. jieba 0.42 over its dictionary and the CC-CEDICT headwords it lacks (``builder.text.jieba_store``),
   with every glossary form and lexicon word added as a user word, so proper names such as 托卡耶夫 stay
   whole. Whitespace and punctuation come out as their own tokens.
2. ``join_transliterations``: jieba cuts a foreign name it does not know into pieces that are not
   words (谢尔达尔 → 谢尔 / 达尔, 伊特鲁里亚 → 伊特 / 鲁里亚); a run of such pieces, mostly of
   characters typical of transliteration (``builder.text.transliteration``), becomes one token.
3. ``join_abbreviations``: a word formed with the short form of a glossary name (上合, the 上合 of
   上合组织 ``Shàng-Hé Zǔzhī``) and a dictionary word after it is one token (上合速度, 上合效益),
   where jieba cut the short form apart (上 / 合速度).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from ...model import Token
from ..syllables import han_count


def segment(state) -> None:
    """Replace every non-term token by its words (offsets kept; texts join back exactly)."""
    _segment_many([state])


def _segment_many(states) -> None:
    """``segment`` for each of ``states``; jieba's words for all the text it cuts (the stretches
    between terms) are read at once, in a few queries."""
    if states:
        states[0].resources.tokenizer.load(
            "\n".join(token.text for state in states for token in state.tokens if token.term is None))
    for state in states:
        _segment_loaded(state)


segment.many = _segment_many


def _segment_loaded(state) -> None:
    tokenizer = state.resources.tokenizer
    out: list[Token] = []
    for token in state.tokens:
        if token.term is not None:
            out.append(token)
            continue
        words = tokenizer.lcut_loaded(token.text)
        if len(words) == 1:
            out.append(token)  # one word: the stretch's own token, fresh from find_terms, is that word
        else:
            out += map(Token, words, accumulate(map(len, words), initial=token.start))
    if _typical_pair(state.resources).search(state.text):
        out = join_transliterations(out, state.resources)
    if any(form in state.text for form in state.resources.abbreviations):
        out = join_abbreviations(out, state.resources)
    state.tokens = out


def _typical_pair(resources) -> re.Pattern:
    """Two adjacent characters typical of transliteration. A text without such a pair has no name
    to join: a name has three or more characters, at least three quarters of them typical
    (``SHARE_OF_A_NAME``), and more than half of a run's characters cannot all stand apart."""
    memo = resources.memo("segment")
    found = memo.get("typical pair")
    if found is None:
        typical = "".join(sorted(resources.transliteration.typical))
        found = memo.put("typical pair", re.compile(f"[{re.escape(typical)}]{{2}}" if typical else "(?!)"))
    return found


def _merge(run: list[Token]) -> Token:
    return Token("".join(t.text for t in run), run[0].start)


def join_transliterations(tokens: list[Token], resources) -> list[Token]:
    """Join runs of two or more name pieces into one token (see the module).

    A piece is a token of Han characters only, not a term or a lexicon word, that is either one
    character typical of transliteration or a longer token that CC-CEDICT does not know and that
    has such a character. A run is joined when its text is a name by ``Transliteration.is_name``
    (three or more characters, at least three quarters of them typical).
    """
    names, dictionary = resources.transliteration, resources.dictionary
    memo = resources.memo("name piece")
    pieces = [t.term is None and (memo[t.text] if t.text in memo else _is_piece(t.text, resources)) for t in tokens]
    if not any(a and b for a, b in zip(pieces, pieces[1:])):  # no run of two: nothing to join
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and pieces[j]:
            j += 1
        run = tokens[i:j]
        if len(run) >= 2 and names.is_name("".join(t.text for t in run), dictionary):
            out.append(_merge(run))
        else:
            out.extend(run or tokens[i:i + 1])
        i = max(j, i + 1)
    return out


def _is_piece(text: str, resources) -> bool:
    """Whether a non-term token of ``text`` may be part of a transliterated name. Cached per word."""
    names, dictionary = resources.transliteration, resources.dictionary
    if text in resources.lexicon or han_count(text) != len(text):
        found = False
    elif len(text) == 1:
        found = text in names.typical
    else:
        found = text not in dictionary and any(ch in names.typical for ch in text)
    return resources.memo("name piece").put(text, found)


def join_abbreviations(tokens: list[Token], resources) -> list[Token]:
    """Make ``short form + word`` one token (see the module).

    Where adjacent non-term tokens spell a short form of ``resources.abbreviations`` followed by a
    CC-CEDICT headword, and the short form does not end a longer word (the stretch starts and ends
    at token boundaries), the stretch becomes one token: 上 / 合速度 and 上合 / 效益 alike.
    """
    short_forms = resources.abbreviations
    if not short_forms or not tokens:
        return tokens
    dictionary = resources.dictionary
    # Only a token where a short form occurs in the text can start such a stretch: find those
    # places in the text, then look at their tokens alone, left to right.
    text, base = "".join(t.text for t in tokens), tokens[0].start
    starts = [t.start for t in tokens]
    out: list[Token] = []
    done = 0  # tokens before this one are in out
    for offset in sorted({at for form in short_forms for at in _occurrences(text, form)}):
        i = bisect_left(starts, base + offset)
        if i < done or i == len(tokens) or starts[i] != base + offset:
            continue
        k = _abbreviation_end(tokens, i, short_forms, dictionary)
        if k > i + 1:
            out += tokens[done:i]
            out.append(_merge(tokens[i:k]))
            done = k
    return out + tokens[done:] if done else tokens


def _occurrences(text: str, form: str):
    """The offsets where ``form`` occurs in ``text`` (overlapping ones too)."""
    at = text.find(form)
    while at >= 0:
        yield at
        at = text.find(form, at + 1)


def _abbreviation_end(tokens: list[Token], i: int, short_forms, dictionary) -> int:
    """The end (exclusive) of the tokens from ``i`` that spell a short form + a headword, else ``i``."""
    for form in short_forms:
        if not tokens[i].text.startswith(form[:len(tokens[i].text)]):
            continue
        k, text = i, ""
        while k < len(tokens) and tokens[k].term is None and len(text) <= len(form):
            text += tokens[k].text
            k += 1
            if text.startswith(form) and text[len(form):] in dictionary:
                return k
    return i
