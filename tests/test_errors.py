"""Bad input: a clear error naming file and line, a non-zero exit, and the previous site untouched."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder.errors import ContentError
from builder.site.build import Project, build_site
from tests.conftest import copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def _build(project: Path):
    return build_site(Project(project), project / "site")


def _error(project: Path) -> str:
    with pytest.raises(ContentError) as caught:
        _build(project)
    return str(caught.value)


def _replace(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text; return the 1-based line of the first replacement."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def test_malformed_front_matter_names_file_and_line(project):
    page = project / "content" / "summits" / "24.md"
    line = _replace(page, "place: Astana, Kazakhstan", "place: [Astana, Kazakhstan")
    message = _error(project)
    assert message.startswith(f"{page}:") and "malformed YAML" in message
    assert int(message.split(":")[1]) in (line, line + 1)


def test_missing_required_field(project):
    page = project / "content" / "summits" / "21.md"
    _replace(page, "\nchair:", "\nchaired_by:")
    message = _error(project)
    assert message.startswith(f"{page}:")
    assert "chaired_by" in message or "chair" in message


def test_wrong_value_in_front_matter(project):
    page = project / "content" / "summits" / "20.md"
    line = _replace(page, "format: video", "format: telepathy")
    assert _error(project) == f"{page}:{line}: 'format' in front matter must be one of 'in person', 'video', 'hybrid', not 'telepathy'"


def test_article_list_must_match_headings(project):
    page = project / "content" / "summits" / "24.md"
    text = page.read_text(encoding="utf-8")
    heading = text.split("\n## ", 1)[1].split("\n", 1)[0]
    line = text.split("\n").index(f"## {heading}") + 1
    _replace(page, f"\n## {heading}\n", f"\n## {heading}（改）\n")
    assert _error(project).startswith(f"{page}:{line}: heading ")


def test_line_break_inside_a_paragraph(project):
    page = project / "content" / "summits" / "24.md"
    line = _replace(page, "国家主席习近平在阿斯塔纳独立宫", "国家主席习近平在阿斯塔纳\n独立宫")
    assert _error(project).startswith(f"{page}:")
    assert "line break inside a paragraph" in _error(project)
    assert line > 1


def test_invalid_glossary_entry(project):
    glossary = project / "content" / "glossary.yml"
    line = _replace(glossary, "status: verified", "status: probably")
    message = _error(project)
    assert message.startswith(f"{glossary}:{line}: 'status'")


def test_glossary_pinyin_must_align_with_the_headword(project):
    glossary = project / "content" / "glossary.yml"
    line = _replace(glossary, "pinyin: Shànghǎi Jīngshén", "pinyin: Shànghǎi")
    assert _error(project).startswith(f"{glossary}:{line}: reading 'Shànghǎi' does not give one syllable")


def test_duplicate_glossary_entry(project):
    glossary = project / "content" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    first = text.split("\n- id: ")[1]
    glossary.write_text(text + "\n- id: " + first, encoding="utf-8")
    message = _error(project)
    assert message.startswith(f"{glossary}:") and "duplicate id" in message


def test_non_utf8_file(project):
    page = project / "content" / "summits" / "21.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("gb18030"))
    message = _error(project)
    assert message.startswith(f"{page}:") and "not valid UTF-8" in message


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_failed_build_exits_non_zero_and_keeps_the_previous_site(project):
    cli = [sys.executable, "-m", "builder", "--root", str(project), "build"]
    done = subprocess.run(cli, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    before = _tree_hash(project / "site")

    page = project / "content" / "summits" / "21.md"
    _replace(page, "ordinal: 21", "ordinal: twenty-one")
    done = subprocess.run(cli, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert f"{page}:2: 'ordinal' in front matter must be int" in done.stderr
    assert _tree_hash(project / "site") == before

    _replace(page, "ordinal: twenty-one", "ordinal: 21")
    (project / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: no-such-theme\n", encoding="utf-8")
    done = subprocess.run(cli, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "MkDocs" in done.stderr
    assert _tree_hash(project / "site") == before
    assert not list(project.glob(".site.tmp-*")) and not list((project / "build").glob(".docs.tmp-*"))


def test_all_content_is_html_escaped(project):
    glossary = project / "content" / "glossary.yml"
    _replace(glossary, "pinyin: Shànghǎi Jīngshén", "pinyin: Shànghǎi Jīngshén\n  note: <img src=x onerror=alert(1)>")
    page = project / "content" / "summits" / "24.md"
    _replace(page, "蔡奇、王毅等参加上述活动。", "蔡奇、王毅等参加上述活动。<script>alert(1)</script>")
    assert "HTML" in _error(project)  # the linter refuses HTML in the text; behind it, the templates escape it
    build_site(Project(project), project / "site", strict_text=False)
    summit = (project / "site" / "summit-24.html").read_text(encoding="utf-8")
    glossary_html = (project / "site" / "glossary" / "shanghai-spirit.html").read_text(encoding="utf-8")  # the term's page
    # escaped, and shown as written once the line-breaking groups (span.w) are taken out
    assert "<script>alert(1)</script>" not in summit and "&lt;script&gt;alert(1)&lt;/script&gt;" in re.sub(r"<[^>]+>", "", summit)
    assert "<img src=x" not in glossary_html and "&lt;img src=x onerror=alert(1)&gt;" in glossary_html
