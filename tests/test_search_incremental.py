"""The search index after an edit: each shard and store chunk is printed again only when what it shows
changed (builder/site/search.py file digests, builder/site/outputs.py write_docs), on the real pages
with edits that are not in content/."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

from builder.model import Paragraph
from builder.site.outputs import Generated, Manifest, write_docs
from builder.site.search import SearchIndex

#: A sentence that is on no page of content/, and two characters (as benchmarks/scale.py's edit appends).
NEW = "各方愿意加强数字经济和绿色发展领域合作，推动区域互联互通。"
SHORT = "跳绳"


def _edited(summits, pipeline, how: str):
    """A copy of the pages with one paragraph of the middle page changed (``append``: two characters
    added to it; ``insert``: a new paragraph before it, so every later document moves by one)."""
    pages = copy.deepcopy(summits)
    article = pages[len(pages) // 2].articles[0]
    old = article.paragraphs[0]
    if how == "append":
        text = old.text + SHORT
        article.paragraphs[0] = Paragraph([text], old.line, pipeline.annotate(text), old.en)
    else:
        article.paragraphs.insert(0, Paragraph([NEW], old.line, pipeline.annotate(NEW), "A new sentence."))
    return pages


def _files(index: SearchIndex) -> dict[str, tuple[str | None, str]]:
    """``{file: (its own inputs digest or None, text)}``."""
    return {name: (out.inputs, out.render()) if isinstance(out, Generated) else (None, out)
            for name, out in index.iter_assets()}


@pytest.mark.parametrize("how", ["append", "insert"])
def test_a_file_keeps_its_digest_only_while_its_text_is_the_same(summits, resources, pipeline, how):
    before = _files(SearchIndex.build(summits, resources.glossary))
    after = _files(SearchIndex.build(_edited(summits, pipeline, how), resources.glossary))
    kept = [name for name in before.keys() & after.keys() if before[name][0] is not None and before[name][0] == after[name][0]]
    assert all(before[name][1] == after[name][1] for name in kept), "a file with the same digest changed"
    shards = [name for name in before.keys() & after.keys() if Path(name).name.startswith("t")]
    same_text = [name for name in shards if before[name][1] == after[name][1]]
    assert all(before[name][0] == after[name][0] for name in same_text), "a shard whose text is the same is printed again"
    if how == "append":  # a term shard changes only where the edit's terms fall; the store only where it is
        assert 0 < len(shards) - len(same_text) < max(2, len(shards) // 2)
        chunks = [name for name in before if Path(name).name.startswith("d")]
        assert 0 < sum(before[name][0] != after[name][0] for name in chunks) <= 2


def test_a_rebuild_prints_only_the_files_whose_digest_changed(summits, resources, pipeline, tmp_path):
    """write_docs renders a folder's own ``Generated`` files only when their inputs changed and links the
    others to the previous build's copies (same file); the result is the edited index, file for file."""
    first = tmp_path / "first"
    written = write_docs([("assets/search/", Generated("one", lambda: SearchIndex.build(summits, resources.glossary).iter_assets("")))],
                         first, None, Manifest())
    written.manifest.save(first)
    edited = SearchIndex.build(_edited(summits, pipeline, "append"), resources.glossary)
    expected = edited.assets("")
    printed: list[str] = []

    def counted():
        for name, out in edited.iter_assets(""):
            if isinstance(out, Generated):
                out = Generated(out.inputs, lambda name=name, render=out.render: printed.append(name) or render())
            yield name, out

    second = tmp_path / "second"
    write_docs([("assets/search/", Generated("two", counted))], second, first, Manifest.load(first))
    files = {p.relative_to(second / "assets/search").as_posix(): p for p in (second / "assets/search").rglob("*")}
    assert {name: p.read_text(encoding="utf-8") for name, p in files.items()} == expected
    old = {p.relative_to(first / "assets/search").as_posix(): p.read_text(encoding="utf-8")
           for p in (first / "assets/search").rglob("*")}
    unchanged = [name for name in expected if old.get(name) == expected[name]]
    assert unchanged and set(printed) == set(expected) - set(unchanged) - {"meta.js"}
    assert all(os.path.samefile(files[name], first / "assets/search" / name) for name in unchanged if name != "meta.js")
