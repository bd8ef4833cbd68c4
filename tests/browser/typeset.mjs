// Measurements of how the Chinese text is set, run inside the page (page.evaluate): where lines break
// (W3C clreq 禁则) and how even the spacing between Han characters is. Shared by the line-breaking and
// spacing tests and by benchmarks/typesetting.mjs. Not a test file itself.

/** Characters that must not start a line (clreq: closing brackets and quotes, pause and stop marks,
 *  ellipsis and connectors) and characters that must not end one (opening brackets and quotes). */
export const CLOSING = "，。、；：？！）］｝〉》」』】〕〗〙〛”’…‥·・％‰,.;:!?)]}";
export const OPENING = "（［｛〈《「『【〔〖〘〚“‘([{";

/**
 * Every visible character of the blocks matching `selector` (rt, rp and note references left out),
 * with its box: [{block, ch, left, right, top, bottom, size, gap, word}] in text order (`gap`: inside the
 * mark of a lost text), `word` the index of the
 * enclosing <ruby> (or -1). With `every` false, a text node set on one line gives only its first and last
 * characters (enough to find line breaks, and much faster). Runs in the page.
 */
export function characterBoxes({ selector, every = true }) {
  const out = [];
  let word = 0;
  for (const block of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest("rt, rp, .note-ref") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const rubies = new Map();
    const size = parseFloat(getComputedStyle(block).fontSize);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const ruby = node.parentElement.closest("ruby");
      if (ruby && !rubies.has(ruby)) rubies.set(ruby, word++);
      const range = document.createRange();
      range.selectNodeContents(node);
      const oneLine = !every && range.getClientRects().length <= 1;
      for (let i = 0; i < node.length; i++) {
        if (oneLine && i > 0 && i < node.length - 1) continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (!r.width && !r.height) continue;
        out.push({ block: block.id, ch: node.data[i], left: r.left, right: r.right, top: r.top, bottom: r.bottom, size,
                   gap: Boolean(node.parentElement.closest(".gap")), word: ruby ? rubies.get(ruby) : -1, wordLength: ruby ? [...ruby.childNodes].filter((c) => c.nodeType === 3).map((c) => c.data).join("").length : 0 });
      }
    }
  }
  return out;
}

/** Split character boxes into lines: a new line starts where a character is not to the right of the
 *  previous one in the same block, or starts below its bottom. */
export function lines(boxes) {
  const out = [];
  let line = null;
  for (const b of boxes) {
    const prev = line && line[line.length - 1];
    if (!prev || prev.block !== b.block || b.top >= prev.bottom - 1 || b.left < prev.left - 1) {
      line = [];
      out.push(line);
    }
    line.push(b);
  }
  return out;
}

const HAN = /\p{Script=Han}/u;
const DIGIT = /[0-9０-９]/;

/** Line-breaking faults by clreq: lines that start with closing punctuation, end with opening
 *  punctuation, numbers cut from the character after them, and words (≤ 7 characters, which fit any
 *  line) cut inside. Each fault as "block: …text around the break…". */
export function breakFaults(allLines) {
  const faults = { closingStart: [], openingEnd: [], numberSplit: [], wordSplit: [] };
  const show = (a, b) => `${a[0].block}: ${a.slice(-6).map((x) => x.ch).join("")} / ${b.slice(0, 6).map((x) => x.ch).join("")}`;
  for (let i = 0; i < allLines.length; i++) {
    const line = allLines[i], next = allLines[i + 1];
    if (i > 0 && allLines[i - 1][0].block === line[0].block && CLOSING.includes(line[0].ch)) faults.closingStart.push(show(allLines[i - 1], line));
    if (!next || next[0].block !== line[0].block) continue;
    const last = line[line.length - 1], first = next[0];
    if (OPENING.includes(last.ch)) faults.openingEnd.push(show(line, next));
    // a number, or the mark of a lost one (［?］), cut from the character after it
    if ((DIGIT.test(last.ch) || last.gap) && (HAN.test(first.ch) || DIGIT.test(first.ch))) faults.numberSplit.push(show(line, next));
    if (last.word >= 0 && last.word === first.word && last.wordLength <= 7) faults.wordSplit.push(show(line, next));
  }
  return faults;
}

/** Ragged spacing: of the pairs of adjacent Han characters on one line, the share with more than half a
 *  character of extra space between them: the distance between their centres exceeds 1.5 em (a Han
 *  character is 1 em wide; Chromium hands a ruby's extra width to its glyphs, so centres, not edges).
 *  Returns {pairs, ragged, share}. */
export function raggedGaps(allLines) {
  let pairs = 0, ragged = 0;
  for (const line of allLines) {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1], b = line[i];
      if (!HAN.test(a.ch) || !HAN.test(b.ch)) continue;
      pairs++;
      if ((b.left + b.right) / 2 - (a.left + a.right) / 2 > 1.5 * a.size) ragged++;
    }
  }
  return { pairs, ragged, share: pairs ? ragged / pairs : 0 };
}
