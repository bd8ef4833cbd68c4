"""The lazily read jieba dictionary segments exactly as jieba's own, fully loaded one with the same
CC-CEDICT additions; the additions keep established words whole where jieba cut them into pieces."""

from __future__ import annotations

import logging

import jieba
import pytest

from builder.text.jieba_store import ADDED_FREQ, build_in_background, cedict_additions, lazy_tokenizer

jieba.setLogLevel(logging.WARNING)


@pytest.fixture(scope="module")
def plain():
    full = jieba.Tokenizer()
    full.initialize()
    return full


def test_lazy_store_segments_every_paragraph_like_jieba_with_the_additions(tmp_path, summits, resources, plain):
    lazy = lazy_tokenizer(tmp_path)
    full = jieba.Tokenizer()
    full.tmp_dir = str(tmp_path)
    full.initialize()
    added = cedict_additions(full, resources.dictionary)
    assert len(added) > 10_000
    for word in added:
        full.add_word(word, freq=ADDED_FREQ)
    assert lazy.total == full.total == plain.total + len(added) * ADDED_FREQ
    for word in list(resources.glossary.by_form)[:40] + list(resources.lexicon):
        lazy.add_word(word, freq=10**6)
        full.add_word(word, freq=10**6)
    texts = [p.text for s in summits for p in s.paragraphs()]
    assert sum(map(len, texts)) > 10_000
    for text in texts:
        assert lazy.lcut(text) == full.lcut(text)
        assert lazy.lcut(text, HMM=False) == full.lcut(text, HMM=False)
    fresh = lazy_tokenizer(tmp_path)
    fresh.load("合作")
    assert fresh.FREQ.get("合作") == full.FREQ["合作"]


def test_a_store_built_in_the_background_is_the_store_built_here(tmp_path, summits):
    here, there = tmp_path / "here", tmp_path / "background"
    synchronous = lazy_tokenizer(here)
    assert build_in_background(there)
    assert not build_in_background(there)  # one build at a time
    meanwhile: list[str] = []
    waited = lazy_tokenizer(there, while_building=lambda: meanwhile.append("other work"))  # waits for it instead of building again
    assert meanwhile == ["other work"]  # done while the forked build ran, not after it
    assert not build_in_background(there)  # the file is there now
    assert lazy_tokenizer(there, while_building=lambda: meanwhile.append("again")) and meanwhile == ["other work"]
    assert [p.name for p in there.glob("jieba-*.sqlite")] == [p.name for p in here.glob("jieba-*.sqlite")]
    assert waited.total == synchronous.total
    for text in [p.text for s in summits for p in s.paragraphs()][:200]:
        assert waited.lcut(text) == synchronous.lcut(text)


# Sentences that are not in content/: jieba alone cuts the established word, the store keeps it.
@pytest.mark.parametrize(
    "text, word",
    [
        ("这档节目内容很接地气，观众喜欢。", "接地气"),  # jieba: 接地 (earthing) + 气
        ("她参加过两届冬残奥会。", "冬残奥会"),  # jieba: 冬 + 残奥会
        ("城市要走可持续发展的道路。", "可持续发展"),  # jieba: 可 + 持续 + 发展
        ("法国总统马克龙抵达柏林。", "马克龙"),  # jieba: 马克 + 龙
        ("大楼采用钢筋混凝土结构。", "钢筋混凝土"),
    ],
)
def test_additions_keep_established_words_whole(text, word, plain, tmp_path_factory):
    assert word not in plain.lcut(text)
    assert word in lazy_tokenizer(tmp_path_factory.getbasetemp() / "store").lcut(text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("国王死后，王位由其弟继承。", "死后"),  # 死后 loses to 死 + 后: not added, so jieba's HMM still joins it
        ("他说这件事情他早就准备好了。", "准备"),  # 准备好了 is a phrase of CC-CEDICT, not a word
        ("我们学习了和平共处的原则。", "和平共处"),  # a word jieba knows keeps its own frequency
    ],
)
def test_additions_leave_what_jieba_does_well(text, word, plain, tmp_path_factory):
    assert word in plain.lcut(text)
    assert word in lazy_tokenizer(tmp_path_factory.getbasetemp() / "store").lcut(text)
