"""The content linter (``python -m builder check``, and inside every build): each rule on small pages.

Every page here is a small temporary file written for the rule under test; the shipped content is
checked as a whole at the end (no error, no warning).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from builder.content.lint import LintError, lint
from tests.testpage import PAGE_HEAD

SEED = "001_test.txt"


def page(tmp_path: Path, *paragraphs: str, heading: str = "习近平出席测试会议", seed: str = SEED,
         extra_front: str = "") -> Path:
    """A content folder with one summit page (line 21 is its first paragraph) and a seeds folder."""
    content = tmp_path / "content"
    (content / "summits").mkdir(parents=True, exist_ok=True)
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds" / SEED).write_text("原文", encoding="utf-8")
    text = PAGE_HEAD.format(heading=heading, seed=seed).replace("format: video\n", "format: video\n" + extra_front)
    (content / "summits" / "99.md").write_text(text + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return content


def found(tmp_path: Path, *paragraphs: str, **kw) -> list[tuple[int, str, str]]:
    content = page(tmp_path, *paragraphs, **kw)
    report = lint(content, seeds=tmp_path / "seeds")
    return sorted({(d.line, d.level, d.rule) for d in report.diagnostics})


FIRST = 21  # the line of the first paragraph after PAGE_HEAD (tests/testpage.py)


@pytest.mark.parametrize("text, rule", [
    ("各方同意,加强合作。", "half-width"),
    ("各方同意加强合作;会议闭幕。", "half-width"),
    ("会议(第二次)举行。", "half-width"),
    ('他说"合作共赢"。', "half-width"),
    ("中国-上海合作组织论坛举行。", "half-width"),
    ("这是句号.下一句。", "half-width"),
    ("成立２０周年。", "full-width-digits"),
    ("致力于和平与发展 and 人类进步事业。", "latin-word"),
    ("致力于和平与发展and人类进步事业。", "latin-word"),
    ("各方同意加强 合作，推动发展。", "space"),
    ("各方同意加强合作，推动 发展。", "space"),
    ("各方**同意**加强合作。", "markdown"),
    ("各方_同意_加强合作。", "markdown"),
    ("各方`同意`加强合作。", "markdown"),
    ("各方同意[加强合作](http://example.com)。", "markdown"),
    ("各方同意<b>加强</b>合作。", "markdown"),
    ("各方同意加强合作&nbsp;。", "markdown"),
    ("他说：“合作共赢。", "unpaired"),
    ("会议通过《宣言。", "unpaired"),
])
def test_each_rule_catches_its_violation_with_the_line(tmp_path, text, rule):
    assert found(tmp_path, "新华社北京1月1日电 会议举行。", text) == [(FIRST + 2, "error", rule)]


@pytest.mark.parametrize("text", [
    "会议于09:30开始，贸易额增长2.5%，达到1,000亿元。",
    "上海合作组织（SCO）成立于2001年，G20和APEC也有代表出席，5G合作加快。",
    "新华社北京9月17日电 国家主席习近平出席会议。",
    "习近平发表题为《不忘初心 砥砺前行 开启上海合作组织发展新征程》的重要讲话。",
    "新华社北京9月17日电（记者 杨依军 冯歆然）国家主席习近平出席会议。",
    "中华人民共和国主席 习近平",
    "——在上海合作组织成员国元首理事会第二十一次会议上的讲话",
    "He said: “fine, thanks” (SCO).",
    "中国—上海合作组织经贸学院和中国－上海合作组织论坛。",
    "明年本组织将迎来成立[[restored:20|Inferred from the founding date.]]周年华诞，在未来[[gap|Lost.]]年。",
])
def test_what_the_format_allows_is_not_reported(tmp_path, text):
    assert found(tmp_path, text) == []


def test_a_quotation_over_several_paragraphs_may_stay_open(tmp_path):
    assert found(tmp_path, "他说：“第一段。", "“第二段。”") == []
    assert found(tmp_path, "他说：“第一段。", "第二段。") == [(FIRST, "error", "unpaired")]


def test_placeholder_and_duplicate_headings(tmp_path):
    assert found(tmp_path, "会议举行。", heading="（无标题）") == [(19, "error", "heading")]
    content = page(tmp_path, "会议举行。")
    path = content / "summits" / "99.md"
    text = path.read_text(encoding="utf-8").replace("articles:\n", "articles:\n  - heading: 习近平出席测试会议\n"
                                                    "    kind: speech\n    sources:\n      - seed: 001_test.txt\n"
                                                    "        part: B\n")
    path.write_text(text.replace("## 习近平出席测试会议", "## 习近平出席测试会议\n\n第一篇。\n\n## 习近平出席测试会议", 1),
                    encoding="utf-8")
    report = lint(content, seeds=tmp_path / "seeds")
    assert [(d.rule, d.message[-40:]) for d in report.diagnostics] == [
        ("heading", "article at line 24: headings must differ")]


def test_unknown_seed_names_and_a_missing_seeds_folder(tmp_path):
    assert found(tmp_path, "会议举行。", seed="002_nowhere.txt") == [(15, "error", "seed")]
    content = page(tmp_path, "会议举行。", seed="002_nowhere.txt")
    report = lint(content, seeds=tmp_path / "no-such-folder")
    assert report.diagnostics == [] and len(report.notes) == 1
    assert "no seeds folder" in report.notes[0] and "not checked" in report.notes[0]


def test_check_marks_left_from_the_import(tmp_path):
    marks = found(tmp_path, "会议举行。", extra_front="format_note: ''  # CHECK: in English\n")
    assert marks == [(9, "error", "check-mark"), (9, "error", "load")]  # 'format_note' may not be empty either


def test_a_long_paragraph_is_a_warning_not_an_error(tmp_path):
    assert found(tmp_path, "会议举行，" * 200 + "会议闭幕。") == [(FIRST, "warning", "long-paragraph")]


def test_a_page_that_does_not_load_is_one_error(tmp_path):
    content = page(tmp_path, "会议举行。")
    path = content / "summits" / "99.md"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2030-01-01", "date: someday"), encoding="utf-8")
    report = lint(content, seeds=tmp_path / "seeds")
    assert [(d.line, d.rule) for d in report.diagnostics] == [(5, "load")]


def test_check_command_lists_every_error_and_exits_1(tmp_path, capsys, monkeypatch):
    content = page(tmp_path, "各方同意,加强合作。", "致力于发展 and 人类进步。")
    monkeypatch.setenv("SUMMIT_SEEDS", str(tmp_path / "seeds"))
    assert main(["--root", str(content.parent), "check", "--no-translations"]) == 1
    out = capsys.readouterr().out.splitlines()
    page_path = content / "summits" / "99.md"
    assert out[0].startswith(f"{page_path}:{FIRST}: error: half-width ',' in Chinese text")
    assert out[1].startswith(f"{page_path}:{FIRST + 2}: error: the Latin word 'and'")
    assert out[-1] == f"checked {content}: 2 error(s), 0 warning(s)"


def test_the_build_stops_at_a_lint_error_and_keeps_the_site(tmp_path):
    from builder.site.build import Project, build_site
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site", encoding="utf-8")
    path = project / "content" / "summits" / "24.md"
    text = path.read_text(encoding="utf-8")
    line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("新华社"))) + 1
    path.write_text(text.replace("新华社", "**新华社", 1), encoding="utf-8")
    with pytest.raises(LintError) as caught:
        build_site(Project(project), project / "site")
    assert str(caught.value).startswith(f"{path}:{line}: bold markup")
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_the_shipped_content_passes_with_no_warning(root, capsys):
    """A clean check (and so a clean build) prints no warning: the text rules and the translations' terms."""
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("checked " + str(root / "content") + ": 0 error(s), 0 warning(s)\n"), out
    assert "warning" not in out.replace("0 warning(s)", "")


def test_check_and_terms_outside_a_project_say_so(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "is not a Summit Reader project (no content/)" in capsys.readouterr().err
    (tmp_path / "content" / "summits").mkdir(parents=True)
    assert main(["--root", str(tmp_path), "check"]) == 1
    assert f"{tmp_path / 'content' / 'glossary.yml'}: error: file not found [load]" in capsys.readouterr().out
    assert main(["--root", str(tmp_path), "terms"]) == 1
    assert "glossary.yml: file not found" in capsys.readouterr().err


def test_a_bare_url_source_is_a_warning(tmp_path):
    content = page(tmp_path, "会议举行。")
    (content / "glossary.yml").write_text("""- id: test-term
  headword: 测试
  pinyin: cèshì
  english: test
  explanation: A test entry.
  sources:
    - https://example.org/a
  status: verified
""", encoding="utf-8")
    report = lint(content, seeds=tmp_path / "seeds")
    assert [(d.line, d.level, d.rule) for d in report.diagnostics] == [(1, "warning", "source")]
    assert "https://example.org/a of 测试 is a bare URL: add its title, tier and quote" in report.diagnostics[0].message


def test_the_hostile_project_is_refused_by_the_linter_and_escaped_behind_it(tmp_path, capsys):
    """The payloads of tests/hostile.py in the text stop a strict build with file:line; with --lint warn
    (as the browser's hostile test builds) the site is built and every payload is escaped."""
    from tests.hostile import RAW_MARKERS, write_project

    project = tmp_path / "project"
    write_project(project)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert f"{project / 'content' / 'summits' / '1.md'}:" in err and "[markdown]" in err
    assert not (project / "site").exists()
    assert main(["--root", str(project), "build", "--lint", "warn"]) == 0
    for page in (project / "site").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not any(marker in html for marker in RAW_MARKERS), page.name
