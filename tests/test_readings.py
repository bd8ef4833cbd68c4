"""Readings: the in-domain gold, the reading sources and their order, the spoken tone changes.

The in-domain gold (tests/data/gold-readings.tsv, made by hand; its header says how) lists every
polyphonic character occurrence of the three summit pages; the shipped pages must give all of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder.model import Token
from builder.text.syllables import is_han

GOLD = Path(__file__).parent / "data" / "gold-readings.tsv"


def load_gold():
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("summit\t"):
            continue
        summit, article, paragraph, offset, char, reading, context = line.split("\t")
        rows.append(((int(summit), int(article), int(paragraph), int(offset)), char, reading.split("|"), context))
    return rows


def site_readings(summits) -> dict[tuple[int, int, int, int], tuple[str, str, str]]:
    """(summit, article, paragraph, offset) → (character, syllable, token text) from the annotated pages."""
    out = {}
    for summit in summits:
        for a, article in enumerate(summit.articles):
            for p, paragraph in enumerate([article.heading] + article.paragraphs):
                for token in paragraph.tokens:
                    k = 0
                    for i, ch in enumerate(token.text):
                        if is_han(ch):
                            out[(summit.ordinal, a, p, token.start + i)] = (ch, token.pinyin[k], token.text)
                            k += 1
    return out


def is_polyphonic(ch: str) -> bool:
    from pypinyin.pinyin_dict import pinyin_dict

    return len([r for r in pinyin_dict.get(ord(ch), "").split(",") if r]) > 1


# --- the in-domain gold -------------------------------------------------------------------------


def test_gold_covers_every_polyphonic_occurrence(summits):
    """The gold and the pages describe the same text: a changed page needs its gold lines updated."""
    gold = {key: char for key, char, _r, _c in load_gold()}
    checked = {key[0] for key in gold}  # a page without gold lines (a new summit) is measured by the general tests
    pages = {key: ch for key, (ch, _s, _t) in site_readings(summits).items() if is_polyphonic(ch) and key[0] in checked}
    moved = sorted(k for k in gold if pages.get(k) != gold[k])
    missing = sorted(k for k in pages if k not in gold)
    assert not moved, f"gold lines whose character is not on the page any more (first: {moved[:5]})"
    assert not missing, f"polyphonic characters on the pages without a gold line (first: {missing[:5]})"


def test_site_readings_match_the_gold_100_percent(summits):
    site = site_readings(summits)
    wrong = []
    rows = load_gold()
    for key, char, readings, context in rows:
        _ch, syllable, token = site[key]
        if syllable not in readings:
            wrong.append(f"{key} {context}: site {syllable!r} in {token!r}, gold {'|'.join(readings)}")
    assert len(rows) > 5000
    assert not wrong, f"{len(wrong)} of {len(rows)} readings differ from the gold:\n" + "\n".join(wrong[:40])


# --- reading sources, in their order of trust ----------------------------------------------------


def readings(pipeline, text: str) -> dict[str, list[str]]:
    return {t.text: t.pinyin for t in pipeline.annotate(text) if t.pinyin}


def test_lexicon_names_and_surnames(pipeline):
    got = readings(pipeline, "阿塞拜疆、托卡耶夫、帕什尼扬、蒙古国、尼泊尔、比什凯克、华春莹和拉赫蒙出席。")
    assert got["阿塞拜疆"] == ["ā", "sài", "bài", "jiāng"]
    assert got["托卡耶夫"] == ["tuō", "kǎ", "yē", "fū"]
    assert got["帕什尼扬"] == ["pà", "shí", "ní", "yáng"]
    assert got["蒙古国"] == ["měng", "gǔ", "guó"]
    assert got["尼泊尔"] == ["ní", "bó", "ěr"]
    assert got["比什凯克"] == ["bǐ", "shí", "kǎi", "kè"]
    assert got["华春莹"] == ["huà", "chūn", "yíng"]
    assert got["拉赫蒙"] == ["lā", "hè", "méng"]


def test_lexicon_words_stay_whole(pipeline, resources):
    for word in resources.lexicon:
        tokens = pipeline.annotate(f"我们看到{word}了。")
        assert word in [t.text for t in tokens], word


def test_a_phrase_is_read_inside_its_word_not_across_words(pipeline):
    """以和为贵处理: 贵处 is a word of the phrase dictionary, but not a word of this sentence."""
    got = readings(pipeline, "以和为贵处理内部分歧")
    assert got["处理"] == ["chǔ", "lǐ"]
    assert readings(pipeline, "爱好者")["爱好者"] == ["ài", "hào", "zhě"]  # 爱好 + 者


def test_phrase_fixes_correct_the_phrase_dictionary(pipeline):
    assert readings(pipeline, "落差很大")["落差"] == ["luò", "chā"]
    assert readings(pipeline, "夺得冠军")["夺得"] == ["duó", "dé"]
    assert readings(pipeline, "行动框架")["框架"] == ["kuàng", "jià"]


def test_glossary_pinyin_wins(pipeline, resources):
    term, form = resources.glossary.by_form["上海精神"]
    tokens = [t for t in pipeline.annotate("弘扬“上海精神”") if t.term]
    assert tokens[0].pinyin == form.syllables


@pytest.mark.parametrize(
    "text, char, reading",
    [
        ("为推动构建人类命运共同体作出贡献", "为", "wèi"),  # clause-initial preposition
        ("国际社会为阿富汗实现和平所作努力", "为", "wèi"),  # beneficiary, then a verb
        ("以联合国宪章宗旨和原则为遵循", "为", "wéi"),  # 以 X 为 Y
        ("我们要以实际行动为地区和平作出贡献", "为", "wèi"),  # 为 X 作出贡献
        ("启动接收伊朗为成员国的程序", "为", "wéi"),  # 接收 X 为 Y
        ("恐怖势力为祸四方", "为", "wéi"),  # 为祸
        ("经济全球化为各国发展提供了机遇", "为", "wèi"),  # a noun in -化, then a verb
        ("把这一天确定为纪念日", "为", "wéi"),  # 确定为
        ("各国应合力应对", "应", "yīng"),  # modal 应
        ("应哈萨克斯坦总统托卡耶夫邀请，习近平出席", "应", "yìng"),  # at X's invitation
        ("应中方要求，会议推迟", "应", "yìng"),  # at X's request
        ("某些国家更应该吸取教训", "更", "gèng"),
        ("比金子还珍贵", "还", "hái"),
        ("今宜永还本国", "还", "huán"),
        ("中方坚定地支持两国人民的选择", "地", "de"),  # adjective + 地 + verb: adverbial de
        ("青年们积极地参与志愿服务", "地", "de"),
        ("我们要更好地服务基层群众", "地", "de"),
        ("有效地应对气候变化带来的挑战", "地", "de"),
        ("学生们认真地学习新课文", "地", "de"),
        ("一如既往地与各国加强沟通", "地", "de"),  # idiom + 地 + preposition
    ],
)
def test_function_words(pipeline, text, char, reading):
    for token in pipeline.annotate(text):
        if token.text == char:
            assert token.pinyin == [reading]
            return
    raise AssertionError(f"{char} is not a word of its own in {text}")


def test_di_stays_di_where_it_is_a_noun(pipeline):
    """地 in a word, or standing alone after a number or a pronoun, is the noun dì."""
    got = readings(pipeline, "当地农民在各地的土地上建起基地，两地合作推动地区发展。")
    for word in ("当地", "各地", "土地", "基地", "两地", "地区"):
        assert got[word][word.index("地")] == "dì", word


def test_adverbial_de_inside_a_word_the_segmenter_guessed(pipeline):
    """jieba makes 地说 one word; no phrase covers it, so the particle rule reads 地 there too."""
    tokens = pipeline.annotate("老人高兴地说起了往事。")
    (token,) = [t for t in tokens if "地" in t.text]
    assert token.pinyin[token.text.index("地")] == "de"


def test_the_context_model_reads_what_no_phrase_decides(pipeline):
    got = readings(pipeline, "他在北京长大，担任秘书长。")
    assert got["长大"] == ["zhǎng", "dà"]
    assert got["秘书长"] == ["mì", "shū", "zhǎng"]
    tokens = pipeline.annotate("他们的贡献了不起。")
    assert all(s == s.lower() for t in tokens for s in t.pinyin)


def test_citation_tones_for_yi_and_bu(pipeline):
    tokens = pipeline.annotate("一带一路倡议不断推进，一个也不少。")
    for token in tokens:
        for ch, syllable in zip([c for c in token.text if is_han(c)], token.pinyin):
            if ch == "一":
                assert syllable == "yī", token.text
            if ch == "不":
                assert syllable == "bù", token.text


def test_reading_without_the_model_falls_back_to_pypinyin(resources):
    from builder.text.pipeline import RULES, Pipeline
    from builder.text.rules.read import make_read

    rules = [(name, make_read(model=False) if name == "read" else rule) for name, rule in RULES]
    tokens = Pipeline(resources, rules=rules).annotate("各国人民对美好生活的向往更加强烈。")
    assert all(len(t.pinyin) == sum(map(is_han, t.text)) for t in tokens)


def test_the_model_is_loaded_only_when_a_character_needs_it():
    """Importing the reading rule costs no numpy import; the model loads on first need."""
    code = "import sys, builder.text.rules.read; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


def test_model_predictions_are_probabilities_over_the_characters_own_readings():
    from builder.text import g2p

    model = g2p.model()
    assert model is not None
    [probs] = model.predict("我们还没有完成任务。", [2])
    assert set(probs) == {"hai2", "huan2"}
    assert abs(sum(probs.values()) - 1) < 1e-6
    assert max(probs, key=probs.get) == "hai2"
    [probs] = model.predict("我们重新开始。", [2])
    assert max(probs, key=probs.get) == "chong2"


# --- spoken tone changes of 一 and 不 ------------------------------------------------------------


def spoken(pipeline, text: str) -> list[str]:
    """The spoken syllable of every Han character of ``text``, in order."""
    from builder.text.rules.sandhi import spoken_tones

    tokens = pipeline.annotate(text)
    spoken_tones(tokens)
    return [s for t in tokens for s in (t.spoken or t.pinyin)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("不忘初心", "bú wàng chū xīn"),  # 不 before a 4th tone
        ("绝不允许", "jué bù yǔn xǔ"),  # before a 3rd tone: unchanged
        ("不能", "bù néng"),
        ("是不是", "shì bu shì"),  # A不A
        ("对不起", "duì bu qǐ"),  # potential complement
        ("进一步加强", "jìn yí bù jiā qiáng"),  # 一 before a 4th tone
        ("一些国家", "yì xiē guó jiā"),  # before a 1st tone
        ("一时强弱", "yì shí qiáng ruò"),  # before a 2nd tone
        ("一起努力", "yì qǐ nǔ lì"),  # before a 3rd tone
        ("一个组织", "yí gè zǔ zhī"),  # before a light syllable of a 4th-tone character
        ("一带一路", "yí dài yí lù"),
        ("看一看", "kàn yi kàn"),  # between a repeated verb
        ("第一，", "dì yī"),  # ordinal
        ("统一的市场", "tǒng yī de shì chǎng"),  # the end of a word
        ("唯一", "wéi yī"),
        ("这一倡议", "zhè yí chàng yì"),  # a determiner: the noun follows
        ("二十一次会议", "èr shí yī cì huì yì"),  # units digit
        ("一九四九年", "yī jiǔ sì jiǔ nián"),  # digit by digit
        ("一月一日", "yī yuè yī rì"),  # a date
        ("一不小心", "yí bù xiǎo xīn"),
    ],
)
def test_spoken_tones(pipeline, text, expected):
    assert spoken(pipeline, text) == expected.split()


def test_spoken_tones_leave_the_citation_reading(pipeline):
    from builder.text.rules.sandhi import spoken_tones

    tokens = pipeline.annotate("一带一路不断推进")
    before = [list(t.pinyin) for t in tokens]
    spoken_tones(tokens)
    assert [t.pinyin for t in tokens] == before
    assert any(t.spoken for t in tokens)
    assert all(t.spoken is None for t in tokens if "一" not in t.text and "不" not in t.text)


def test_spoken_tones_on_a_bare_token_list():
    from builder.text.rules.sandhi import spoken_tones

    tokens = [Token("一", 0, ["yī"]), Token("道", 1, ["dào"]), Token("不", 2, ["bù"]), Token("好", 3, ["hǎo"])]
    spoken_tones(tokens)
    assert tokens[0].spoken == ["yí"] and tokens[2].spoken is None


# --- lexical neutral tones (CC-CEDICT), on sentences that are not in content/ -------------------


@pytest.mark.parametrize(
    "text, word, reading",
    [
        ("这件事情我们再商量一下。", "事情", "shì qing"),
        ("谢谢你的帮助。", "谢谢", "xiè xie"),
        ("他是我的好朋友。", "朋友", "péng you"),
        ("这件事情我们再商量一下。", "商量一下", "shāng liang yī xià"),  # 一 keeps its citation tone
        ("我去商店买东西。", "东西", "dōng xi"),  # "thing": the head of a noun phrase
        ("这是一个美丽的地方。", "地方", "dì fang"),  # "place"
        ("公园东西两侧都有入口。", "东西", "dōng xī"),  # "east and west": the sense decides
        ("地方政府负责实施。", "地方", "dì fāng"),  # "local"
        ("弘扬这种精神。", "精神", "jīng shén"),  # "spirit" (CC-CEDICT: jīngshen is "vigour")
        ("我知道了。", "知道", "zhī dào"),  # CC-CEDICT: zhīdào, "also pr." light: the tone stays
        ("双方同意加强合作。", "合作", "hé zuò"),  # no light syllable in CC-CEDICT
    ],
)
def test_lexical_neutral_tones(pipeline, text, word, reading):
    got = readings(pipeline, text)
    assert got[word] == reading.split()


def test_the_citation_reading_is_kept_beside_the_light_one(pipeline):
    tokens = {t.text: t for t in pipeline.annotate("谢谢朋友们的帮助。")}
    assert tokens["朋友"].pinyin == ["péng", "you"] and tokens["朋友"].citation == ["péng", "yǒu"]
    assert tokens["帮助"].citation is None  # nothing changed: no second reading
    assert tokens["朋友"].as_json() == {"text": "朋友", "pinyin": ["péng", "you"], "term": None, "gloss": None}


def test_light_syllables_follow_cedict_and_the_reading(resources):
    from builder.text.rules.neutral import light_syllables

    d = resources.dictionary
    assert light_syllables(d, "事情", ["shì", "qíng"]) == [1]
    assert light_syllables(d, "事情", ["shí", "qíng"]) == []  # a toned syllable differs: another word
    assert light_syllables(d, "东西", ["dōng", "xī"]) == []  # two senses, no context
    assert light_syllables(d, "东西", ["dōng", "xī"], noun_head=True) == [1]
    assert light_syllables(d, "孙子", ["sūn", "zǐ"]) == [1]  # Sūnzǐ, the proper noun, does not count
