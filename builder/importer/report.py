"""The last step: the short report, printed once the drafts are written (plain text, one item a line, file:line first).

Sections: what was read and cleaned; the drafts written (and whether each mentions the SCO); the
summit page drafts and their CHECK marks; the files skipped because they were already there;
the articles not written (duplicates, fragments, already in content/) with their overlap and the
passages that differ; every flag, damage first, with its file and line; headline-only lines.
"""

from __future__ import annotations

from .model import Article, Duplicate, Existing, State


def _title(article: Article, width: int = 40) -> str:
    title = article.title or "（无标题）"
    return title if len(title) <= width else title[:width - 1] + "…"


def _of(duplicate: Duplicate) -> str:
    if isinstance(duplicate.of, Existing):
        return duplicate.of.where()
    return f"{duplicate.of.id} ({duplicate.of.where()})"


def render(state: State, out: str) -> str:
    """The report for one run; ``out`` is the drafts folder as the user named it."""
    lines: list[str] = []
    add = lines.append
    add(f"Read {len(state.files)} file(s):")
    for source in state.files:
        done = ", ".join(f"{n} {what}" for what, n in source.stats.items() if n) or "nothing to clean"
        add(f"  {source.path} ({source.encoding}, {len(source.text.splitlines())} lines): {done}")
    add(f"Found {len(state.articles)} article(s): wrote {len(state.written)} draft(s) to {out}, "
        f"{len(state.duplicates)} not written.")

    if state.written:
        add("")
        add("Drafts written:")
        for a in state.written:
            sco = "SCO   " if a.mentions_sco else "no SCO"
            damage = f", {a.damage} damage flag(s)" if a.damage else ""
            add(f"  {a.id}.md  {sco}  {a.where()}  {_title(a)}  ({len(a.flags)} flag(s){damage})")

    if state.pages:
        add("")
        add("Summit page drafts (front matter filled in from the texts; resolve every # CHECK mark):")
        for name, text in state.pages.items():
            checks = text.count("# CHECK")
            articles = text.count("\n  - heading: ")
            add(f"  {name}  {articles} article(s), {checks} CHECK mark(s)")

    if state.skipped:
        add("")
        add("Skipped, because a file of that name is already there (it may hold your edits; --force replaces it):")
        for path in state.skipped:
            add(f"  {path}")

    if state.duplicates:
        add("")
        add("Not written:")
        for d in state.duplicates:
            what = {"already in content": "already in", "fragment": "a fragment of",
                    "near-duplicate": "a near-duplicate of"}[d.reason]
            add(f"  {d.article.id}  {d.article.where()}  {_title(d.article)}: {what} {_of(d)}, "
                f"{d.overlap:.1%} of its text is there")
            for line, mine, theirs in d.differences:
                if line:
                    add(f"      line {line}: {mine!r} here, {theirs!r} there")
                else:
                    add("      … more differences")

    flagged = [(a.source, f, a) for a in state.articles for f in a.flags]
    flagged += [(s.name, f, None) for s in state.files for f in s.flags]
    if flagged:
        add("")
        add("Flags (damage first):")
        for name, f, a in sorted(flagged, key=lambda t: (not t[1].damage, t[0], t[1].line)):
            owner = f" [{a.id}]" if a is not None else ""
            add(f"  {name}:{f.line}  {f.kind}{owner}  {f.note}")

    if state.written:
        add("")
        about = [f"{a.id}.md" for a in state.written if a.mentions_sco]
        other = [f"{a.id}.md" for a in state.written if not a.mentions_sco]
        add(f"Mention the SCO: {', '.join(about) or 'none'}")
        add(f"Do not mention the SCO: {', '.join(other) or 'none'}")
    for note in state.notes:
        add(f"Note: {note}")
    return "\n".join(lines) + "\n"

