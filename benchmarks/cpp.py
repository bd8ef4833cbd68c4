"""CPP benchmark: reading accuracy on polyphonic characters (development split).

    .venv/bin/python benchmarks/cpp.py [--data ../shared/bench/cpp] [--split dev] [--pipeline site]

For every sentence of ``<split>.sent`` the U+2581 markers are removed, the sentence is annotated by
the site's own pipeline (``builder.text.pipeline.Pipeline`` over ``Resources.from_content('content')``)
and the syllable at the marked character's offset is compared, in tone-number form (``lu:4``,
neutral tone 5), with the gold of ``<split>.lb``. ``--pipeline`` picks a variant for comparison
(benchmarks/variants.py: ``before`` is the reader before issue #4, ``no-model`` … ablations).

Scoring of 一 and 不: the site prints citation tones (yī, bù, GB/T 16159). The CPP dev split has no
sentence whose scored character is 一 or 不 (the benchmark prints how many a split has), so the
convention does not matter there; for a split that has some, ``--spoken`` scores them with the
spoken tone changes (``builder.text.rules.sandhi``), which is what CPP's labels follow.

Lexical neutral tones (issue #9): the site stores CC-CEDICT's light syllables (事情 shìqing,
认识 rènshi, 枇杷 pípa), while CPP labels such syllables with their citation tone (认识 shi2). The
benchmark prints two figures: the readings as stored, and "like with like", where a token with a
lexical neutral tone is scored by the citation reading kept beside it (``token.citation``, the
reading before the neutral-tone rule), so both sides use citation tones for those words. The main
figure since issue #9 is like with like; the stored one says what CPP's labels would make of it.

The test split is held back: tune on dev only.
"""

from __future__ import annotations

import argparse
import collections
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARK = "\u2581"


def tone_number(syllable: str) -> str:
    """``lǜ`` → ``lu:4``; ``le`` → ``le5`` (CPP's label form)."""
    from pypinyin.contrib.tone_convert import to_tone3

    return to_tone3(syllable, neutral_tone_with_five=True, v_to_u=True).replace("ü", "u:")


def load(data: Path, split: str) -> list[tuple[str, int, str]]:
    """→ [(sentence without markers, offset of the scored character, gold label)]."""
    sents = (data / f"{split}.sent").read_text(encoding="utf-8").splitlines()
    labels = (data / f"{split}.lb").read_text(encoding="utf-8").splitlines()
    assert len(sents) == len(labels), "sentence and label files differ in length"
    out = []
    for sent, label in zip(sents, labels):
        offset = sent.index(MARK)
        out.append((sent.replace(MARK, ""), offset, label.strip()))
    return out


def reading_at(tokens, offset: int, spoken: bool = False, citation: bool = False) -> str | None:
    """The syllable the pipeline gives the character at ``offset`` (``None`` if it gives none).

    ``spoken``: the spoken tone changes of 一/不 where there are some; ``citation``: the citation
    reading of a word with a lexical neutral tone where there is one."""
    from builder.text.syllables import is_han

    for token in tokens:
        if token.start <= offset < token.end:
            index = sum(1 for ch in token.text[: offset - token.start] if is_han(ch))
            syllables = token.pinyin
            if citation and getattr(token, "citation", None):
                syllables = token.citation
            if spoken and getattr(token, "spoken", None):
                syllables = token.spoken
            return syllables[index] if index < len(syllables) else None
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "bench" / "cpp"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--errors", type=int, default=40, help="characters to list in the error table")
    parser.add_argument("--show", type=int, default=0, help="print this many wrong sentences")
    parser.add_argument("--spoken", action="store_true", help="score 一/不 with the spoken tone changes")
    parser.add_argument("--pipeline", default="site", help="site (default), before, no-model, no-rules, "
                        "no-fixes, no-lexicon, no-neutral, before-empty (benchmarks/variants.py)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import variants

    items = load(Path(args.data), args.split)
    t0 = time.perf_counter()
    pipeline = variants.pipeline(args.pipeline, args.content)
    pipeline.annotate("预热")  # load jieba and the reading data before timing sentences
    t_load = time.perf_counter() - t0

    sandhi = None
    if args.spoken:
        from builder.text.rules.sandhi import spoken_tones as sandhi

    right = stored_right = 0
    per_char: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    confusions: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    wrong: list[tuple[str, int, str, str]] = []
    t1 = time.perf_counter()
    for sent, offset, gold in items:
        tokens = pipeline.annotate(sent)
        if sandhi is not None:
            sandhi(tokens)
        syllable = reading_at(tokens, offset, args.spoken, citation=True)
        got = tone_number(syllable) if syllable else "-"
        stored = reading_at(tokens, offset, args.spoken)
        stored_right += (tone_number(stored) if stored else "-") == gold
        ch = sent[offset]
        per_char[ch][1] += 1
        if got == gold:
            right += 1
            per_char[ch][0] += 1
        else:
            confusions[ch][f"{got}→{gold}"] += 1
            wrong.append((sent, offset, got, gold))
    elapsed = time.perf_counter() - t1
    n = len(items)

    yi_bu = sum(1 for sent, offset, _ in items if sent[offset] in "一不")
    print(f"CPP {args.split} ({args.pipeline}): {n} sentences, {len(per_char)} characters scored, "
          f"{yi_bu} of them 一/不 ({'spoken' if args.spoken else 'citation'} tones)")
    print(f"accuracy: {right / n:.2%} ({right}/{n}, {n - right} wrong) like with like "
          "(citation tones for words with a lexical neutral tone, as CPP labels them)")
    print(f"          {stored_right / n:.2%} ({stored_right}/{n}, {n - stored_right} wrong) as stored "
          "(lexical neutral tones light)")
    print(f"speed: {n / elapsed:,.0f} sentences/s, {sum(len(s) for s, _, _ in items) / elapsed:,.0f} chars/s "
          f"({elapsed:.1f} s; set-up {t_load:.2f} s)")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"\nerrors by character (top {args.errors}; right/total, wrong→gold):")
    worst = sorted(per_char.items(), key=lambda kv: (kv[1][0] - kv[1][1], kv[0]))
    for ch, (ok, total) in worst[: args.errors]:
        if ok == total:
            break
        detail = ", ".join(f"{k}×{v}" for k, v in confusions[ch].most_common(4))
        print(f"  {ch}  {ok:>2}/{total:<2}  {detail}")
    for sent, offset, got, gold in wrong[: args.show]:
        print(f"  {sent[:offset]}[{sent[offset]}]{sent[offset + 1:]}  got {got}, gold {gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
