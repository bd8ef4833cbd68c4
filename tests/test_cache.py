"""The annotation cache: a rebuild gives the same tokens, and re-annotates only what an edit can change.

Glossary and lexicon edits are tried on sentences that are not on the summit pages: the cache's rule
(entries found in the text) must hold for any text, not for ours.
"""

from __future__ import annotations

import dataclasses

from builder.content.glossary import Glossary
from builder.content.summits import load_summits
from builder.site.build import annotate_all
from builder.site.cache import AnnotationCache
from builder.text.pipeline import Pipeline
from builder.text.resources import Resources

UNSEEN = [
    "上海合作组织成员国领导人出席会议。",                # a glossary term (sco)
    "双方同意加强在农业和科技领域的务实合作。",
    "代表团从阿塞拜疆和尼泊尔出发，前往比什凯克。",      # lexicon words (readings.tsv)
    "他说，这次会晤取得了丰硕成果。",
]


class CountingPipeline:
    def __init__(self, pipeline):
        self.pipeline, self.calls = pipeline, []

    def annotate(self, text):
        self.calls.append(text)
        return self.pipeline.annotate(text)


def _json(tokens):
    return [t.as_json() | {"start": t.start, "display": t.display, "term_id": t.term_id, "spoken": t.spoken,
                           "citation": t.citation} for t in tokens]


def _annotated(cache_dir, resources, texts):
    """Run ``texts`` through the cache with ``resources``: → (texts annotated anew, tokens of each text)."""
    counting = CountingPipeline(Pipeline(resources))
    cache = AnnotationCache(cache_dir, resources)
    out = []
    for text in texts:
        tokens = cache.get(text)
        if tokens is None:
            tokens = counting.annotate(text)
            cache.put(text, tokens)
        out.append(_json(tokens))
    cache.close()
    return counting.calls, out


def _fresh(resources, texts):
    pipeline = Pipeline(resources)
    return [_json(pipeline.annotate(t)) for t in texts]


def test_cached_tokens_equal_fresh_tokens_and_only_changed_paragraphs_are_annotated(tmp_path, root, resources, pipeline):
    content = root / "content"
    fresh = load_summits(content)
    counting = CountingPipeline(pipeline)
    annotate_all(fresh, counting, AnnotationCache(tmp_path, resources))
    paragraphs = [p for s in fresh for p in s.paragraphs()]
    assert len(counting.calls) == len({p.text for p in paragraphs})

    again = load_summits(content)
    again[0].articles[0].paragraphs[0].parts = ["上海合作组织成员国领导人出席会议。"]
    counting.calls.clear()
    annotate_all(again, counting, AnnotationCache(tmp_path, resources))
    assert counting.calls == ["上海合作组织成员国领导人出席会议。"]
    for old, new in zip(paragraphs, [p for s in again for p in s.paragraphs()]):
        if old.text == new.text:
            assert _json(old.tokens) == _json(new.tokens)


def _with_term(resources, term_id, **changes) -> Resources:
    terms = [dataclasses.replace(t, **changes) if t.id == term_id else t for t in resources.glossary.terms]
    return Resources(Glossary(resources.glossary.path, terms), resources.lexicon)


def test_a_changed_english_re_annotates_only_the_paragraphs_holding_the_term(tmp_path, resources):
    calls, _ = _annotated(tmp_path, resources, UNSEEN)
    assert calls == UNSEEN
    edited = _with_term(resources, "sco", english="Shanghai Cooperation Organisation")
    calls, tokens = _annotated(tmp_path, edited, UNSEEN)
    assert calls == [UNSEEN[0]]
    assert tokens == _fresh(edited, UNSEEN)
    assert any(t["gloss"] == "Shanghai Cooperation Organisation" for t in tokens[0])


def test_edits_no_token_reads_re_annotate_nothing(tmp_path, resources):
    _annotated(tmp_path, resources, UNSEEN)
    term = resources.glossary.by_id["sco"]
    edited = _with_term(resources, "sco", explanation="Changed.", note="A note.", sources=[], status="unverified",
                        alternatives=["Another rendering"])
    calls, tokens = _annotated(tmp_path, edited, UNSEEN)
    assert calls == []
    assert tokens == _fresh(edited, UNSEEN)  # and the tokens are indeed what a fresh annotation gives
    assert term.explanation != "Changed."


def test_a_changed_reading_re_annotates_only_the_paragraphs_holding_the_word(tmp_path, resources):
    _annotated(tmp_path, resources, UNSEEN)
    lexicon = dict(resources.lexicon)
    form = lexicon["尼泊尔"]
    lexicon["尼泊尔"] = dataclasses.replace(form, written="Níbó'ěr", syllables=["ní", "pō", "ěr"])
    edited = Resources(resources.glossary, lexicon)
    calls, tokens = _annotated(tmp_path, edited, UNSEEN)
    assert calls == [UNSEEN[2]]
    assert tokens == _fresh(edited, UNSEEN)


def test_adding_a_word_changes_the_segmenters_total_and_re_annotates_everything(tmp_path, resources):
    """jieba scores a cut with log(frequency) - log(total): a new user word raises the total for every text."""
    _annotated(tmp_path, resources, UNSEEN)
    lexicon = dict(resources.lexicon)
    lexicon["丰硕成果"] = dataclasses.replace(lexicon["尼泊尔"], written="fēngshuò chéngguǒ",
                                          syllables=["fēng", "shuò", "chéng", "guǒ"])
    edited = Resources(resources.glossary, lexicon)
    assert edited.tokenizer.total != resources.tokenizer.total
    calls, tokens = _annotated(tmp_path, edited, UNSEEN)
    assert calls == UNSEEN
    assert tokens == _fresh(edited, UNSEEN)
