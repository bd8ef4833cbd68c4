"""A tiny hostile project: one summit page, its translation, a glossary and a reading lexicon, with
script and markup payloads in every free-text field of every content file.

    python -m tests.hostile OUT     # writes the project into OUT and OUT/expected.json

Used by tests/test_hostile_escaping.py (the raw HTML) and tests/browser/hostile.test.mjs (Chromium:
nothing runs, nothing is injected, every field's text shows literally). The Chinese text is written
for this test (it is not from content/). ``expected.json`` maps each field to the exact text a reader
must see.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

#: Each piece would run a script, inject an element, hide text or be evaluated if it were not escaped.
PAYLOAD = ("<img src=x onerror=alert(1)> <script>alert(2)</script> \"><svg onload=alert(3)> '><b>bold</b> "
           "</title><script>alert(4)</script> &amp; &lt;i&gt; {{ 7*7 }} {% if 1 %}x{% endif %} <!-- open comment")

#: Raw (unescaped) pieces that must never appear in an HTML file of the built site.
RAW_MARKERS = ("<img src=x", "<script>alert(", "<svg onload", "<b>bold</b>", "</title><script>", "<!-- open comment")


def value(label: str, payload: str = PAYLOAD) -> str:
    """The text put into one field: a label naming the field, then the payload."""
    return f"{label} {payload}".strip()


def _summit(ordinal: int, payload: str) -> tuple[str, dict[str, str]]:
    heading = "上海合作组织峰会举行 " + value("HEADING", payload)
    fields = {
        "title": value("TITLE 第一次会议", payload),
        "title_en": value("TITLE_EN", payload),
        "place": value("PLACE", payload),
        "place_zh": value("PLACE_ZH 某地", payload),
        "chair": value("CHAIR", payload),
        "speech_title": value("SPEECH_TITLE 携手合作", payload),
        "format_note": value("FORMAT_NOTE", payload),
    }
    front = {"ordinal": ordinal, "title": fields["title"], "title_en": fields["title_en"], "date": dt.date(2001, 6, 15),
             "place": fields["place"], "place_zh": fields["place_zh"], "format": "in person",
             "format_note": fields["format_note"], "chair": fields["chair"], "speech_title": fields["speech_title"],
             "notes": [value("NOTE_ONE", payload), value("NOTE_TWO", payload)],
             "articles": [{"heading": heading, "kind": "report",
                           "sources": [{"seed": value("SEED", payload), "part": value("PART", payload)}]}]}
    body = [
        f"## {heading}",
        "新华社某地电 上海合作组织成员国领导人今天在某地出席会议。" + value("BODY", payload) + "各方同意加强合作。",
        "会议[[restored:于本月|" + value("RESTORED_NOTE", payload) + "]]举行，[[gap|" + value("GAP_NOTE", payload)
        + "]]名代表参加，上合组织秘书长也出席了会议。",
    ]
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    text += "---\n\n" + "\n\n".join(body) + "\n"
    fields.update(notes=value("NOTE_ONE", payload), heading=heading, seed=value("SEED", payload), part=value("PART", payload),
                  body=value("BODY", payload), restored_note=value("RESTORED_NOTE", payload), gap_note=value("GAP_NOTE", payload))
    return text, fields


def _translation(payload: str) -> tuple[str, dict[str, str]]:
    fields = {"heading_en": value("HEADING_EN", payload), "paragraph_en": value("PARAGRAPH_EN", payload),
              "untranslated": value("UNTRANSLATED", payload)}
    data = {"articles": [{"heading": {"zh": "上海合作组织峰会", "en": fields["heading_en"]},
                          "paragraphs": [{"zh": "新华社某地电", "en": fields["paragraph_en"]},
                                         {"zh": "会议于本月", "untranslated": fields["untranslated"]}]}]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), fields


def _glossary(payload: str) -> tuple[str, dict[str, str]]:
    fields = {"english": value("ENGLISH", payload), "explanation": value("EXPLANATION", payload), "alternative": value("ALTERNATIVE", payload),
              "glossary_note": value("GLOSSARY_NOTE", payload)}
    data = [{"id": "sco", "headword": "上海合作组织", "pinyin": "Shànghǎi Hézuò Zǔzhī", "english": fields["english"],
             "alternatives": [fields["alternative"]], "explanation": fields["explanation"],
             "variants": [{"form": "上合组织", "pinyin": "Shàng-Hé Zǔzhī"}],
             "sources": ["https://example.org/glossary?term='sco'&x=1"], "status": "verified",
             "note": fields["glossary_note"]}]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), fields


def write_project(target: Path, ordinal: int = 1, payload: str = PAYLOAD) -> dict[str, str]:
    """Write the hostile project into ``target`` (mkdocs.yml and templates/ from this repository).

    ``payload=""`` writes the same small project without payloads (a clean project to break).

    Returns ``{field: text a reader must see}`` (also written to ``target/expected.json``).
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", target / "templates", dirs_exist_ok=True)
    content = target / "content"
    for folder in ("summits", "translations"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    summit, expected = _summit(ordinal, payload)
    (content / "summits" / f"{ordinal}.md").write_text(summit, encoding="utf-8")
    translation, more = _translation(payload)
    expected.update(more)
    (content / "translations" / f"{ordinal}.yml").write_text(translation, encoding="utf-8")
    glossary, more = _glossary(payload)
    expected.update(more)
    (content / "glossary.yml").write_text(glossary, encoding="utf-8")
    (content / "readings.tsv").write_text("word\tpinyin\tnote\n某地\tmǒu dì\t" + value("READINGS_NOTE", payload) + "\n",
                                          encoding="utf-8")
    (target / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return expected


if __name__ == "__main__":
    write_project(Path(sys.argv[1]))
