"""``python -m builder terms``: glossary candidates, and names that hold a term read as names.

On text the rules were not written for: the seeds (through the importer) and the importer fixtures
of another summit; on the shipped content, the report's shape and honesty (every sentence shown
holds its expression, counts add up, no glossary form proposed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from builder.importer import import_files, write_drafts
from builder.text.candidates import find_candidates, read_pages, render

FIXTURES = Path(__file__).parent / "data" / "importer"


def drafts_of(raw: list[Path], out: Path, tmp_path: Path) -> list[Path]:
    state = import_files(raw, tmp_path / "no-content")
    written, _ = write_drafts(state.drafts, out)
    return sorted(written)


def by_kind(candidates) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in candidates:
        out.setdefault(c.kind, set()).add(c.expression)
    return out


def test_on_the_seeds_alone_the_organisation_names_are_proposed_as_names(seeds, tmp_path, pipeline, resources):
    paths = drafts_of(sorted(seeds.glob("*.txt")), tmp_path / "drafts", tmp_path)
    found = by_kind(find_candidates(read_pages(paths), pipeline, resources))
    names = found["name"]
    assert {"上海合作组织睦邻友好合作委员会", "中国上合组织研究中心"} <= names
    assert any(n.endswith("上海合作组织经贸学院") for n in names)
    assert not {"上海合作组织", "上合组织"} & names  # the names, not the terms inside them


def test_on_another_summit_the_terms_a_reader_needs_are_proposed(tmp_path, pipeline, resources):
    """The fixtures (texts of the 22nd summit, composed for the importer's tests; not on our pages)."""
    paths = drafts_of(sorted(FIXTURES.glob("*.txt")), tmp_path / "drafts", tmp_path)
    found = by_kind(find_candidates(read_pages(paths), pipeline, resources))
    assert {"全球发展倡议", "全球安全倡议", "上海合作组织宪章"} <= found["document"]
    assert {"以大欺小", "以强凌弱", "平等相待"} <= found["set phrase"]
    assert {"百年未有之大变局", "集团政治"} <= found["recurring"]
    assert "上海合作组织睦邻友好合作委员会" in found["name"]
    glossary = set(resources.glossary.by_form)
    assert not glossary & {e for kind in found.values() for e in kind}


def test_the_report_on_the_shipped_content_is_honest(root, pipeline, resources):
    texts = read_pages(sorted((root / "content" / "summits").glob("*.md")))
    candidates = find_candidates(texts, pipeline, resources)
    assert len(candidates) >= 20
    labels = {t.page for t in texts}
    assert labels == {f"summit {p.stem}" for p in (root / "content" / "summits").glob("*.md")}
    for c in candidates:
        assert c.expression not in resources.glossary.by_form
        assert sum(c.counts().values()) == len(c.occurrences) and set(c.counts()) <= labels
        for o in c.occurrences:
            assert c.expression in o.sentence or c.kind == "document", (c.expression, o.sentence)
    text = render(candidates, limit=2)
    assert text.splitlines()[0] == f"{len(candidates)} glossary candidate(s). For each: its kind, why, occurrences per page, sentences."


@pytest.mark.parametrize("sentence, name", [
    ("我们欢迎上海合作组织睦邻友好合作委员会在各国举办活动。", "上海合作组织睦邻友好合作委员会"),
    ("她在中国上合组织研究中心工作了三年。", "中国上合组织研究中心"),
    ("中国—上海合作组织经贸学院今年招收学员。", "上海合作组织经贸学院"),
])
def test_a_name_holding_a_term_is_one_word_without_the_term(pipeline, sentence, name):
    tokens = pipeline.annotate(sentence)
    token = next(t for t in tokens if t.text == name)
    assert token.term is None and token.term_id is None and len(token.pinyin) == len(name) - name.count("—")
    assert "".join(t.text for t in tokens) == sentence
    assert any(t.term == "上海合作组织" for t in pipeline.annotate("上海合作组织成员国元首理事会举行会议。"))


def test_terms_command_prints_the_report(root, capsys):
    assert main(["--root", str(root), "terms", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "== name ==" in out and "== recurring ==" in out
    assert "content/summits/" in out  # each sentence with its file and line
