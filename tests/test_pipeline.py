"""The annotation pipeline on real text: tokens cover the text exactly, readings, terms, glosses."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from builder.text.syllables import HAN_RE, han_count

TONE_SYLLABLE = re.compile(r"^[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜê]+$")


def test_tokens_join_back_to_every_paragraph_of_every_summit_page(summits):
    checked = 0
    for summit in summits:
        for paragraph in summit.paragraphs():
            assert "".join(t.text for t in paragraph.tokens) == paragraph.text, (summit.path, paragraph.line)
            pos = 0
            for t in paragraph.tokens:
                assert t.start == pos and t.text
                pos += len(t.text)
            checked += 1
    assert checked > 100


def test_every_han_character_has_one_lower_case_tone_marked_syllable(summits):
    for summit in summits:
        for paragraph in summit.paragraphs():
            for t in paragraph.tokens:
                assert len(t.pinyin) == han_count(t.text), (t.text, t.pinyin)
                for syllable in t.pinyin:
                    assert TONE_SYLLABLE.match(syllable), (t.text, syllable)


def test_glossary_terms_are_single_tokens_longest_match_first(pipeline):
    tokens = pipeline.annotate("构建人类命运共同体，弘扬“上海精神”，打造上合组织命运共同体。")
    terms = [(t.text, t.term) for t in tokens if t.term]
    assert ("人类命运共同体", "人类命运共同体") in terms
    assert ("上海精神", "上海精神") in terms
    assert ("上合组织命运共同体", "上合组织命运共同体") in terms
    assert not any(t.text == "命运共同体" for t in tokens)


def test_variants_map_to_their_headword(pipeline, resources):
    (token,) = [t for t in pipeline.annotate("上合组织地区反恐机构执委会主任") if t.text == "地区反恐机构"]
    assert token.term == "地区反恐怖机构"
    assert token.gloss == resources.glossary.by_form["地区反恐怖机构"][0].english == "Regional Anti-Terrorist Structure (RATS)"


def test_term_reading_comes_from_the_glossary(pipeline):
    tokens = {t.text: t for t in pipeline.annotate("上海合作组织秘书长出席会议")}
    assert tokens["秘书长"].pinyin == ["mì", "shū", "zhǎng"]  # 长 = zhǎng here, as the glossary writes
    assert tokens["上海合作组织"].display == "Shànghǎi Hézuò Zǔzhī"


def test_readings_are_chosen_per_word_not_per_character(pipeline):
    readings = {t.text: t.pinyin for t in pipeline.annotate("双方重申长期合作，着力推动发展")}
    assert readings["重申"] == ["chóng", "shēn"]
    assert readings["长期"] == ["cháng", "qī"]
    assert readings["着力"] == ["zhuó", "lì"]


def test_citation_tones_for_yi_and_bu(pipeline):
    readings = {t.text: t.pinyin for t in pipeline.annotate("推动“一带一路”建设，不忘初心，一致同意，不断发展")}
    assert readings["一带一路"] == ["yī", "dài", "yī", "lù"]
    assert all(p[0] == "bù" for text, p in readings.items() if text.startswith("不"))


def _run_annotate(text: str, root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder", "--root", str(root), "annotate", "--compact"],
                          input=text.encode("utf-8"), capture_output=True, check=False)


def test_annotate_command_contract_on_a_whole_summit_page(summits, pipeline, root):
    text = "\n".join(p.text for p in summits[1].paragraphs()) + "\r\n  ABC 123\n"
    done = _run_annotate(text, root)
    assert done.returncode == 0, done.stderr.decode()
    tokens = json.loads(done.stdout.decode("utf-8"))
    assert "".join(t["text"] for t in tokens) == text
    assert all(set(t) == {"text", "pinyin", "term", "gloss"} for t in tokens)
    assert [t.as_json() for t in pipeline.annotate(text)] == tokens  # the same pipeline as the site
    shanghai = [t for t in tokens if t["text"] == "上海精神"]
    assert shanghai and shanghai[0] == {"text": "上海精神", "pinyin": ["shàng", "hǎi", "jīng", "shén"],
                                        "term": "上海精神", "gloss": "the Shanghai Spirit"}
    assert all(t["pinyin"] == [] for t in tokens if not HAN_RE.search(t["text"]))


def test_annotate_rejects_non_utf8_input(root):
    done = subprocess.run([sys.executable, "-m", "builder", "--root", str(root), "annotate"],
                          input="上海精神".encode("gb18030"), capture_output=True, check=False)
    assert done.returncode == 1
    assert b"<stdin>:1: not valid UTF-8" in done.stderr


def test_proper_nouns_are_printed_with_capitals_but_pinyin_stays_lower_case(pipeline):
    tokens = {t.text: t for t in pipeline.annotate("新华社北京9月17日电 国家主席习近平会见王毅，推动互联网发展，安居、乐业。")}
    assert tokens["习近平"].display == "Xí Jìnpíng" and tokens["习近平"].pinyin == ["xí", "jìn", "píng"]
    assert tokens["北京"].display == "Běijīng" and tokens["王毅"].display == "Wáng Yì"
    assert tokens["国家"].display == "guójiā"
    # CC-CEDICT capitalises these, but here they are common words (content/readings.tsv says so)
    assert tokens["互联网"].display == "hùliánwǎng" and tokens["乐业"].display == "lèyè"
    # the dateline is 17日 + 电 ("dispatched"), not 日电 (NEC)
    assert "日电" not in tokens and "电" in tokens


# --- segmentation and names: rules checked on sentences that are not in content/ -------------------


def tokens_of(pipeline, text: str) -> dict[str, object]:
    return {t.text: t for t in pipeline.annotate(text)}


def test_no_sentence_of_these_tests_is_on_the_pages(summits):
    """The rule tests below must hold on unseen text: none of their sentences is on a summit page."""
    pages = "\n".join(p.text for s in summits for p in s.paragraphs())
    for sentence in UNSEEN:
        assert sentence not in pages, sentence


UNSEEN = [
    "土库曼斯坦总统谢尔达尔·别尔德穆哈梅多夫抵达阿什哈巴德。",
    "伊特鲁里亚人早在公元前就居住在这里。",
    "中央书记处书记蔡奇同志出席会议。",
    "全国人大常委会副委员长曾培炎出席。",
    "书记高度重视这项工作。",
    "这体现了上合速度，上合方案得到支持。",
    "欧亚地区的合作不断深化。",
    "副总理胡春华、何立峰出席签字仪式。",
    "阿富汗前总统加尼离开了喀布尔。",
]


def test_a_transliterated_name_jieba_cuts_up_is_one_capitalised_word(pipeline):
    got = tokens_of(pipeline, UNSEEN[0])
    assert got["谢尔达尔"].display == "Xiè'ěrdá'ěr"  # jieba: 谢尔 / 达尔
    got = tokens_of(pipeline, UNSEEN[1])
    assert got["伊特鲁里亚"].display == "Yītèlǔlǐyà"  # jieba: 伊特 / 鲁里亚


def test_a_transliterated_name_takes_the_readings_of_foreign_names(pipeline, resources):
    names = resources.transliteration
    assert names.readings["什"] == "shí" and names.readings["耶"] == "yē" and names.readings["勒"] == "lè"
    assert {"尔", "斯", "埃", "克"} <= names.typical and not {"大", "国", "人", "的"} & names.typical
    got = tokens_of(pipeline, "匈牙利作曲家亚诺什创作了这部作品。")
    assert got["亚诺什"].pinyin == ["yà", "nuò", "shí"]  # 什 shí in names, not shén


def test_a_chinese_name_beside_a_title_is_surname_and_given_name(pipeline):
    got = tokens_of(pipeline, UNSEEN[2])
    assert got["蔡奇"].display == "Cài Qí" and got["蔡奇"].pinyin == ["cài", "qí"]
    got = tokens_of(pipeline, UNSEEN[3])
    assert got["曾培炎"].display == "Zēng Péiyán"  # the surname reading of 曾, not céng
    assert got["曾培炎"].pinyin[0] == "zēng"


def test_names_in_a_list_after_a_title_and_foreign_names_beside_a_title(pipeline):
    got = tokens_of(pipeline, UNSEEN[7])
    assert got["何立峰"].display == "Hé Lìfēng"  # after 胡春华 (CC-CEDICT: Hú Chūnhuá) and 、
    got = tokens_of(pipeline, UNSEEN[8])
    assert got["加尼"].display == "Jiāní"  # every character typical of transliteration: one word


def test_words_beside_a_title_that_are_not_names_stay_words(pipeline):
    got = tokens_of(pipeline, UNSEEN[4])  # 高 is a surname, 高度 a word of CC-CEDICT
    assert all(t.display == t.display.lower() for t in got.values())


def test_a_short_form_of_a_glossary_name_makes_words(pipeline, resources):
    assert resources.abbreviations["上合"] == "Shàng-Hé"
    assert "同舟共济" not in resources.abbreviations  # a hyphen inside an idiom is not a short form
    got = tokens_of(pipeline, UNSEEN[5])
    assert "上合速度" in got and "上合方案" in got  # jieba: 上 / 合速度
    assert "欧亚地区" in tokens_of(pipeline, UNSEEN[6])


def test_segmentation_keeps_established_words_whole(pipeline):
    for text, word in [("这首歌很接地气。", "接地气"), ("北京举办过冬残奥会。", "冬残奥会"),
                       ("土耳其总统埃尔多安会见了他。", "埃尔多安")]:
        assert word in tokens_of(pipeline, text), text


# --- pinyin word division (GB/T 16159) in display -----------------------------------------------


@pytest.mark.parametrize(
    "text, word, display",
    [
        ("推动文化教育合作项目。", "文化教育", "wénhuà jiàoyù"),  # a jieba token of two words
        ("推动文化教育合作项目。", "合作项目", "hézuò xiàngmù"),
        ("加强合作。", "合作", "hézuò"),  # a CC-CEDICT word stays joined
        ("建设共同体。", "共同体", "gòngtóngtǐ"),
        ("城市要走可持续发展的道路。", "可持续发展", "kěchíxù fāzhǎn"),  # a long headword, word by word
        ("红十字会提供援助。", "红十字会", "hóngshízìhuì"),  # 会 is a bound generic noun: joined
        ("参加第二十次会议的有三百五十六人。", "第二十次", "dì-èrshí cì"),  # 第 + number, measure apart
        ("参加第二十次会议的有三百五十六人。", "三百五十六", "sānbǎi wǔshíliù"),
        ("上合方案得到支持。", "上合方案", "Shàng-Hé fāng'àn"),  # the glossary's short form
        ("这件事情我们再商量一下。", "这件", "zhè jiàn"),
        ("把握好发展的大方向。", "大方向", "dà fāngxiàng"),  # as few parts either way: the likelier cut
        ("我们正打着一场硬仗。", "打着", "dǎzhe"),  # the aspect particle joins its verb
    ],
)
def test_pinyin_word_division(pipeline, text, word, display):
    got = tokens_of(pipeline, text)
    assert got[word].display == display


def test_word_division_changes_the_printed_reading_only(pipeline):
    for token in pipeline.annotate("推动文化教育合作项目，参加第二十次会议的有三百五十六人。"):
        letters = "".join(c for c in token.display.lower() if c.isalpha())
        assert letters == "".join(token.pinyin).replace("'", ""), token.text
