"""Context rules for a few function words whose reading the context model gets wrong in this register.

Also the particle 地 (de) after a modifier and before a verb (``adverbial_de``).

g2pM learned its readings from encyclopedia sentences (CPP), where 为 is mostly the copula wéi
(“X 为 Y”). In news and speeches 为 is mostly the preposition wèi (“为推动……”, “为各方提供……”),
and the model still says wéi with a probability of 1.0; it also reads the modal 应 “should” as yìng
and the adverb 更 “more” as gēng before 应. These rules read such a character when it stands
alone as a word, or inside a word that no phrase covers (jieba keeps 成为, 认为, 应该, 更新, 归还 …
whole, and the phrase dictionary reads those); they answer ``None`` when they do not apply, and the
model decides.

Each rule is a plain linguistic fact (docs/readings.md); they were checked on the CPP development
split and on the in-domain gold, and none is specific to a sentence.
"""

from __future__ import annotations

import pickle
from functools import lru_cache
from pathlib import Path

from ..model import Token
from .datacache import write_pickle
from .resources import CACHE_DIR
from .syllables import is_han

# A clause ends at these; 、 only separates items of a list, inside a clause.
CLAUSE_END = set("，。；：！？,.;:!?《》“”\"'‘’—…") | set(" \t\n\u3000")  # a space parts a title's phrases

# 为 after these characters is wéi: verb + 为 “as, into” (成为 认为 称为 视为 改为 …) and the
# adverbs of the copula and of degree (原为 均为 即为 更为 最为 尤为 较为 …). Characters that also
# end common nouns before a benefactive 为 are left out (全球化为……带来 wèi, 条约为 wèi, 积极为 wèi,
# 关系为 wèi, 日本为 wèi); the two-character verbs below cover their wéi uses (转化为, 确定为 …).
WEI_AFTER = set("成作认称视改选变译分转列评誉题贬降升封拜奉尊名"
                "原均皆即乃仍亦或现更最尤较甚颇深大")
WEI_AFTER_WORDS = {"确定", "认定", "规定", "指定", "鉴定", "判定", "评定", "界定", "设定", "选定", "核定", "命名",
                   "转化", "演化", "简化", "分化", "固化", "量化", "同化", "进化", "退化", "异化", "细化",
                   "划分", "区分", "定义", "大约", "其实", "实际"}
# 为 before these one-character words is part of a fixed wéi phrase (为祸 为首 为期 为止 …).
WEI_BEFORE = {"祸", "首", "期", "止", "准", "主", "伍", "敌", "害", "生", "限", "宜", "佳", "荣", "例",
              "由", "界", "伴", "壑", "贵", "难", "人", "重", "先"}
# Verb … object … 为 … (接收伊朗为成员国, 任命他为大使): wéi.
WEI_VERBS = {"以", "接收", "吸收", "任命", "选举", "推选", "推举", "确定", "指定", "列", "视", "奉", "尊",
             "称", "誉", "命名", "评", "选", "立", "改", "定", "贬", "降", "升", "封", "拜", "聘", "聘请",
             "认定", "追认", "追授", "授予", "改名", "更名", "改称", "划", "分"}
# Verbs of doing something for someone: 为 X 作出贡献 / 提供 / 带来 … is wèi even after 以 (以实际行动为
# 地区和平作出贡献 “by deeds, for peace”), where 以 X 为 Y alone would be wéi.
BENEFACTIVE = {"作出", "做出", "提供", "创造", "带来", "注入", "奠定", "贡献", "服务", "开辟", "营造", "增添",
               "铺平", "搭建", "指明", "打下", "谋", "谋求", "造福", "办实事", "保驾护航"}
# 为 before these is the preposition wèi (为此 为了 为何 为什么).
WEI4_BEFORE = {"此", "了", "何", "什么", "啥", "的是"}

# 应 is yìng (respond, comply) before these, and in 应 X 邀请 / 应 X 之邀 / 应 X 要求，(at X's
# invitation, request); otherwise a lone 应 is the modal yīng “should”.
YING4_BEFORE = set("邀约召聘")
YING4_INVITED = {"邀请", "之邀", "邀", "约请"}
YING4_REQUESTED = {"要求", "请求"}
# 更 is gēng (change) before these; otherwise a lone 更 is the adverb gèng “more”.
GENG1_BEFORE = set("名改换新正替迭衣生夫鼓始")
# 还 is huán (give back, return) before or after these; otherwise a lone 还 is the adverb hái.
HUAN_BEFORE = set("本钱债款给乡俗原击手礼家都贷清账")
HUAN_AFTER = set("归偿退交送返奉生往")


# Tokens a rule looks at on each side, at most: a clause is rarely longer than 40 words, and the bound
# keeps a text without punctuation linear (each lookup would otherwise scan the whole text).
CLAUSE_MAX = 100

# 地 standing alone between a modifier and a verb is the adverbial particle de (坚定地支持, 积极地参与,
# 更好地服务); after a place, number, pronoun, locative or time word it is the noun dì (两地, 该地).
# Tags of jieba's dictionary: a verb, adverb or preposition after it; before it a word of two or
# more characters that is none of those nouns, or an adjective or adverb of one character.
DE_BEFORE_TAGS = ("v", "d", "p")
DI_AFTER_TAGS = ("ns", "m", "r", "f", "t", "s", "q")
DE_AFTER_TAGS = ("a", "d", "z")
VERB_TAGS = ("v",)
#: Every tag set this module reads (``tagged``): ``Resources.derived_data`` makes them ahead.
TAG_SETS = (VERB_TAGS, DE_BEFORE_TAGS, DI_AFTER_TAGS, DE_AFTER_TAGS)

RULED = ("为", "应", "更", "还", "地")


def _clause(tokens, index: int) -> tuple[list, list]:
    """The tokens before ``index`` and after it, within the same clause."""
    before, after = [], []
    j = index - 1
    while j >= max(0, index - CLAUSE_MAX) and not (set(tokens[j].text) & CLAUSE_END):
        before.append(tokens[j])
        j -= 1
    j = index + 1
    while j < min(len(tokens), index + 1 + CLAUSE_MAX) and not (set(tokens[j].text) & CLAUSE_END):
        after.append(tokens[j])
        j += 1
    return before, after


def verbs() -> frozenset[str]:
    """Words jieba's dictionary tags as verbs (v, vd, vn …)."""
    return tagged(VERB_TAGS)


@lru_cache(maxsize=8)
def tagged(prefixes: tuple[str, ...]) -> frozenset[str]:
    """Words whose tag in jieba's dictionary (``dict.txt``) starts with one of ``prefixes``.

    ``tagged(("v",))`` → verbs; ``tagged(("d", "p"))`` → adverbs and prepositions. Cached in
    the library-data folder (``datacache``) after the first parse of the dictionary (0.2 s).
    """
    import jieba

    source = Path(jieba.__file__).with_name("dict.txt")
    cache = CACHE_DIR / f"jieba-tagged-{'-'.join(prefixes)}-{int(source.stat().st_mtime)}.pickle"
    try:
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError):
        pass
    found = set()
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2].startswith(prefixes):
                found.add(parts[0])
    result = frozenset(found)
    write_pickle(cache, result)  # when it cannot be written: parse again next time (0.2 s)
    return result


def adverbial_de(tokens, index: int) -> str | None:
    """``"de"`` when ``tokens[index]`` is 地 standing alone as the adverbial particle, else ``None``.

    坚定地 / 积极地 / 有效地 / 认真地 / 更好地 + verb, adverb or preposition (see ``DE_BEFORE_TAGS``);
    地 inside a word (土地, 地区, 各地, 当地, 基地) is never asked: the phrase data read those. In a
    word the segmenter guessed and no phrase covers (地说), 地 and the rest count as two tokens.
    """
    if tokens[index].text != "地" or index == 0 or index + 1 >= len(tokens):
        return None
    before, after = tokens[index - 1].text, tokens[index + 1].text
    if not after or after not in tagged(DE_BEFORE_TAGS):
        return None
    if len(before) >= 2 and all(is_han(c) for c in before):
        return None if before in tagged(DI_AFTER_TAGS) else "de"
    return "de" if before in tagged(DE_AFTER_TAGS) else None


def _prev_char(text: str, offset: int) -> str:
    return text[offset - 1] if offset > 0 else ""


def _clause_initial(text: str, offset: int) -> bool:
    return offset == 0 or text[offset - 1] in CLAUSE_END


def reading(tokens, index: int, text: str, i: int = 0) -> str | None:
    """The reading of character ``i`` of ``tokens[index]`` if a rule decides it, else ``None``.

    The character is a word of its own, or a character that no phrase covers in a word the segmenter
    guessed (jieba's HMM joins unknown runs: 这为); then the rest of that word counts as its neighbours.
    """
    token = tokens[index]
    ch, offset = token.text[i], token.start + i
    if ch not in RULED:
        return None
    if len(token.text) > 1:
        head, tail = token.text[:i], token.text[i + 1:]
        parts = ([Token(head, token.start)] if head else []) + [Token(ch, offset)]
        parts += [Token(tail, offset + 1)] if tail else []
        low = max(0, index - CLAUSE_MAX)  # only the tokens _clause can reach
        tokens = tokens[low:index] + parts + tokens[index + 1:index + 1 + CLAUSE_MAX]
        index += (1 if head else 0) - low
    if ch == "地":
        return adverbial_de(tokens, index)
    before, after = _clause(tokens, index)
    nxt = after[0].text if after else ""
    if ch == "为":
        if _prev_char(text, offset) in WEI_AFTER or text[max(0, offset - 2):offset] in WEI_AFTER_WORDS:
            return "wéi"
        if nxt in WEI_BEFORE:
            return "wéi"
        if nxt in WEI4_BEFORE or any(t.text in BENEFACTIVE or t.text[:2] in BENEFACTIVE for t in after):
            return "wèi"
        for t in before:  # nearest first; an earlier 为 closes the search
            if t.text == "为":
                break
            if t.text in WEI_VERBS:
                return "wéi"
        if _clause_initial(text, offset):
            return "wèi"
        if nxt in verbs():  # 为 + verb: purpose (为推动 为维护 为实现)
            return "wèi"
        if any(t.text in verbs() for t in after[1:]):  # 为 + beneficiary + verb (为各方提供 为阿富汗实现)
            return "wèi"
        return None
    if ch == "应":
        if nxt[:1] in YING4_BEFORE or any(t.text in YING4_INVITED for t in after):
            return "yìng"
        if len(after) > 1 and after[-1].text in YING4_REQUESTED:
            return "yìng"
        return "yīng"
    if ch == "更":
        return "gēng" if nxt[:1] in GENG1_BEFORE else "gèng"
    if ch == "还":
        if nxt[:1] in HUAN_BEFORE or _prev_char(text, offset) in HUAN_AFTER or not after:
            return "huán"
        return "hái"
    return None
