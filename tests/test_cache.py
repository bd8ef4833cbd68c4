"""The annotation cache: a rebuild gives the same tokens, and re-annotates only what changed."""

from __future__ import annotations

from builder.site.cache import AnnotationCache
from builder.content.summits import load_summits
from builder.site.build import annotate_all


class CountingPipeline:
    def __init__(self, pipeline):
        self.pipeline, self.calls = pipeline, []

    def annotate(self, text):
        self.calls.append(text)
        return self.pipeline.annotate(text)


def test_cached_tokens_equal_fresh_tokens_and_only_changed_paragraphs_are_annotated(tmp_path, root, pipeline):
    content = root / "content"
    fresh = load_summits(content)
    counting = CountingPipeline(pipeline)
    annotate_all(fresh, counting, AnnotationCache(tmp_path, content))
    paragraphs = [p for s in fresh for p in s.paragraphs()]
    assert len(counting.calls) == len({p.text for p in paragraphs})

    again = load_summits(content)
    again[0].articles[0].paragraphs[0].parts = ["上海合作组织成员国领导人出席会议。"]
    counting.calls.clear()
    annotate_all(again, counting, AnnotationCache(tmp_path, content))
    assert counting.calls == ["上海合作组织成员国领导人出席会议。"]
    for old, new in zip(paragraphs, [p for s in again for p in s.paragraphs()]):
        if old.text == new.text:
            assert [t.as_json() | {"start": t.start, "display": t.display, "term_id": t.term_id} for t in old.tokens] == \
                   [t.as_json() | {"start": t.start, "display": t.display, "term_id": t.term_id} for t in new.tokens]


def test_a_changed_glossary_invalidates_the_cache(tmp_path, root):
    content = tmp_path / "content"
    content.mkdir()
    (content / "glossary.yml").write_bytes((root / "content" / "glossary.yml").read_bytes())
    before = AnnotationCache(tmp_path, content).path
    with (content / "glossary.yml").open("a", encoding="utf-8") as f:
        f.write("\n")
    assert AnnotationCache(tmp_path, content).path != before
