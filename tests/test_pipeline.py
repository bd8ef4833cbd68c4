"""The annotation pipeline on real text: tokens cover the text exactly, readings, terms, glosses."""

from __future__ import annotations

import json
import re
import subprocess
import sys

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
