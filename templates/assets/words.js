/* Summit Reader: a popup for every word, the keyboard word cursor, known words, tone colours, spoken
 * tones, speech.
 *
 * Words are the <ruby> elements of a summit page's Chinese (glossary terms keep their own tooltip).
 * Their data (every CC-CEDICT reading, HSK level, parts) comes from the page's data-words script,
 * loaded once on the first popup. The popup is a non-modal dialog: opened by tap/click, or by Enter on
 * the word cursor (a focused paragraph, arrow keys move between its words); Escape closes it and gives
 * focus back. Known words (marked from the popup, with K on the word cursor, by HSK level or by importing
 * a list) live in this browser only (localStorage), so they survive reloads and moving between pages, and
 * hide their pinyin in the "unknown words only" mode. Everything is delegated on document. */
(function () {
  "use strict";
  var WORD = ".sr-summit .zh ruby, .sr-summit h2 ruby";
  var BLOCK = ".sr-summit p.zh, .sr-summit h2";
  var popup = null, openWord = null, returnFocus = null;
  var loading = {};

  function root() { return document.querySelector(".sr-page[data-words]"); }
  function isWord(el) { return el && el.matches && el.matches(WORD) && !el.closest(".term"); }
  function baseText(ruby) {
    var text = "";
    ruby.childNodes.forEach(function (n) { if (n.nodeType === 3) text += n.nodeValue; });
    return text;
  }
  function readingOf(ruby) { var rt = ruby.querySelector("rt"); return rt ? (rt.getAttribute("data-citation") || rt.textContent) : ""; }
  function esc(s) { var d = document.createElement("div"); d.textContent = s == null ? "" : String(s); return d.innerHTML; }

  function words() {
    var r = root();
    if (!r) return Promise.reject(new Error("no word data on this page"));
    var page = r.getAttribute("data-page");
    if (window.SR_WORDS && window.SR_WORDS[page]) return Promise.resolve(window.SR_WORDS[page]);
    if (!loading[page]) {
      loading[page] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = r.getAttribute("data-words");
        s.onload = function () { resolve((window.SR_WORDS || {})[page] || {}); };
        s.onerror = function () { delete loading[page]; reject(new Error("word data did not load")); };
        document.head.appendChild(s);
      });
    }
    return loading[page];
  }

  function levelLabel(h) { return h == null ? "" : "HSK " + (h === 7 ? "7–9" : h); }

  function entriesHtml(entries) {
    return "<ol class=\"sr-entries\">" + entries.map(function (e) {
      return "<li><span class=\"sr-entry-reading\">" + esc(e[0]) + "</span> " + esc(e[1]) + "</li>";
    }).join("") + "</ol>";
  }
  function folded(label, entries) {
    if (!entries.length) return "";
    return "<details class=\"sr-more\"><summary>" + label + " (" + entries.length + ")</summary>" + entriesHtml(entries) + "</details>";
  }

  /* Entries come ordered (builder/site/words.py): the reading used here, other readings, then variant
     forms and surnames. The first group shows; the others fold, so a common word fits on a phone. */
  function sensesHtml(data) {
    var e = data.e, n = data.n || [e.length, 0];
    var here = e.slice(0, n[0]), other = e.slice(n[0], n[0] + n[1]), minor = e.slice(n[0] + n[1]);
    if (!here.length) { here = other.slice(0, 1); other = other.slice(1); }
    if (!here.length) { here = minor.slice(0, 1); minor = minor.slice(1); }
    return entriesHtml(here) + folded("Other readings", other) + folded("Variants and surnames", minor);
  }

  function content(word, reading, data) {
    var head = "<p class=\"sr-popup-head\"><span class=\"sr-popup-word\" lang=\"zh-Hans\" id=\"sr-popup-word\">" + esc(word) +
      "</span> <span class=\"sr-popup-reading\">" + esc(reading) + "</span>" +
      (data && data.h != null ? " <span class=\"sr-hsk\">" + levelLabel(data.h) + "</span>" : "") + "</p>";
    var body;
    if (!data) body = "<p>No dictionary data for this word.</p>";
    else if (data.e && data.e.length) body = sensesHtml(data);
    else {
      body = "<p class=\"sr-parts-note\">Not in CC-CEDICT as one word. Its parts:</p><ul class=\"sr-parts\">" +
        (data.p || []).map(function (p) {
          return "<li><span lang=\"zh-Hans\">" + esc(p[0]) + "</span>" + (p[2] != null ? " <span class=\"sr-hsk\">" + levelLabel(p[2]) + "</span>" : "") +
            (p[1].length ? entriesHtml(p[1].slice(0, 3)) : " <span class=\"sr-none\">(no entry)</span>") + "</li>";
        }).join("") + "</ul>";
    }
    return head + body + "<p class=\"sr-popup-foot\">CC-CEDICT · HSK 3.0</p>";
  }

  function ensurePopup() {
    if (popup && document.body.contains(popup)) return popup;
    popup = document.createElement("div");
    popup.className = "sr-popup";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-labelledby", "sr-popup-word");
    popup.hidden = true;
    popup.innerHTML = "<div class=\"sr-popup-body\"></div><div class=\"sr-popup-actions\">" +
      "<span class=\"sr-speak-slot\"></span><button type=\"button\" class=\"sr-known-btn\" aria-pressed=\"false\" aria-label=\"Known word\">Known word</button></div>" +
      "<button type=\"button\" class=\"sr-popup-close\" aria-label=\"Close\">×</button>";
    document.body.appendChild(popup);
    /* Unfolding more senses grows the popup: place it again (toggle does not bubble: capture it). */
    popup.addEventListener("toggle", function () { if (openWord) place(openWord, popup); }, true);
    return popup;
  }

  function place(anchor, el) { window.SummitReader.place(anchor, el); }

  function open(ruby, viaKeyboard) {
    var el = ensurePopup();
    if (openWord) openWord.classList.remove("is-open");
    openWord = ruby;
    ruby.classList.add("is-open");
    var word = baseText(ruby), reading = readingOf(ruby);
    el.querySelector(".sr-popup-body").innerHTML = content(word, reading, null).replace("No dictionary data for this word.", "Loading…");
    speakButton(el.querySelector(".sr-speak-slot"), word, "Speak " + word);
    knownButton(el, word);
    el.hidden = false;
    place(ruby, el);
    returnFocus = viaKeyboard ? document.activeElement : null;
    if (viaKeyboard) el.querySelector(".sr-popup-close").focus({ preventScroll: true });
    words().then(function (all) {
      if (openWord !== ruby) return;
      el.querySelector(".sr-popup-body").innerHTML = content(word, reading, all[word]);
      place(ruby, el);
    }, function () {
      if (openWord === ruby) el.querySelector(".sr-popup-body").innerHTML = content(word, reading, null);
    });
  }

  function close() {
    if (!popup || popup.hidden) return;
    popup.hidden = true;
    if (openWord) openWord.classList.remove("is-open");
    openWord = null;
    if (returnFocus && document.body.contains(returnFocus)) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  /* The word cursor: a paragraph is one tab stop; arrow keys move between its words. */
  function blockWords(block) {
    return Array.prototype.filter.call(block.querySelectorAll("ruby, .term"), function (el) {
      return el.classList.contains("term") || !el.closest(".term");
    });
  }
  function setCursor(block, el) {
    block.querySelectorAll(".is-current").forEach(function (c) { c.classList.remove("is-current"); });
    if (el) { el.classList.add("is-current"); el.scrollIntoView({ block: "nearest" }); }
  }
  function prepare() {
    document.querySelectorAll(BLOCK).forEach(function (b) {
      if (!b.hasAttribute("tabindex")) { b.setAttribute("tabindex", "0"); b.setAttribute("aria-describedby", "sr-hint"); }
    });
    if (document.documentElement.getAttribute("data-sr-tones") === "on") colourTones();
    applySpoken();
    addParagraphSpeech();
    prepareKnown();
  }

  document.addEventListener("click", function (e) {
    if (popup && !popup.hidden && e.target.closest(".sr-popup-close")) { close(); return; }
    if (popup && !popup.hidden && e.target.closest(".sr-known-btn")) { toggleKnown(baseText(openWord)); return; }
    var ruby = e.target.closest && e.target.closest("ruby");
    if (isWord(ruby)) {
      if (openWord === ruby && !popup.hidden) close(); else open(ruby, false);
      return;
    }
    if (popup && !popup.hidden && !popup.contains(e.target)) close();
  });

  /* A tap or press anywhere outside the popup and the words closes it, blank margins included: touch
     screens send no click there. A word handles its own tap (click) so that a second tap closes. */
  document.addEventListener("pointerdown", function (e) {
    if (!popup || popup.hidden || popup.contains(e.target)) return;
    var ruby = e.target.closest && e.target.closest("ruby");
    if (!isWord(ruby)) close();
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && popup && !popup.hidden) { e.preventDefault(); close(); return; }
    var block = e.target.matches && e.target.matches(BLOCK) ? e.target : null;
    if (!block) return;
    var list = blockWords(block), cur = block.querySelector(".is-current"), i = list.indexOf(cur);
    if (e.key === "ArrowRight" || e.key === "ArrowDown") { setCursor(block, list[Math.min(list.length - 1, i + 1)]); e.preventDefault(); }
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") { setCursor(block, list[Math.max(0, i - 1)]); e.preventDefault(); }
    else if (e.key === "Home") { setCursor(block, list[0]); e.preventDefault(); }
    else if (e.key === "End") { setCursor(block, list[list.length - 1]); e.preventDefault(); }
    else if ((e.key === "k" || e.key === "K") && !e.ctrlKey && !e.metaKey && !e.altKey && cur) {
      e.preventDefault();
      if (isWord(cur)) toggleKnown(baseText(cur));
      else say("Glossary terms keep their pinyin: K marks ordinary words.");
    }
    else if ((e.key === "Enter" || e.key === " ") && cur) {
      e.preventDefault();
      if (cur.classList.contains("term")) cur.focus();  /* a term shows its glossary tooltip on focus */
      else open(cur, true);
    }
  });
  document.addEventListener("focusout", function (e) {
    var to = e.relatedTarget;
    if (to && popup && popup.contains(to)) return;  /* into the popup: keep the cursor where it is */
    if (e.target.matches && e.target.matches(BLOCK) && !e.target.contains(to)) setCursor(e.target, null);
  });

  /* Tone colours: each syllable of a reading gets its tone's class (added once, on demand). */
  var SYLLABLE = /(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+(?:ng(?![aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])|n(?![aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])|r(?![aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]))?/gi;
  var TONES = { "ā": 1, "ē": 1, "ī": 1, "ō": 1, "ū": 1, "ǖ": 1, "á": 2, "é": 2, "í": 2, "ó": 2, "ú": 2, "ǘ": 2,
                "ǎ": 3, "ě": 3, "ǐ": 3, "ǒ": 3, "ǔ": 3, "ǚ": 3, "à": 4, "è": 4, "ì": 4, "ò": 4, "ù": 4, "ǜ": 4 };
  function toneOf(s) { for (var i = 0; i < s.length; i++) if (TONES[s[i]]) return TONES[s[i]]; return 5; }
  function colourRt(rt) {
    // Text nodes and spans built from the reading's text, never HTML parsed from it.
    var text = rt.textContent, pieces = document.createDocumentFragment(), last = 0, m;
    SYLLABLE.lastIndex = 0;
    while ((m = SYLLABLE.exec(text))) {
      if (m.index > last) pieces.appendChild(document.createTextNode(text.slice(last, m.index)));
      var span = document.createElement("span");
      span.className = "tone" + toneOf(m[0].toLowerCase());
      span.textContent = m[0];
      pieces.appendChild(span);
      last = m.index + m[0].length;
    }
    if (last < text.length) pieces.appendChild(document.createTextNode(text.slice(last)));
    rt.replaceChildren(pieces);
    rt.setAttribute("data-coloured", "");
  }
  function colourTones() {
    document.querySelectorAll(".sr-summit rt:not([data-coloured])").forEach(colourRt);
  }

  /* Spoken tone changes of 一 and 不: readings carry data-spoken; the citation reading is kept aside. */
  function applySpoken() {
    var on = document.documentElement.getAttribute("data-sr-spoken") === "on";
    document.querySelectorAll(".sr-summit rt[data-spoken]").forEach(function (rt) {
      if (!rt.hasAttribute("data-citation")) rt.setAttribute("data-citation", rt.textContent);
      var want = on ? rt.getAttribute("data-spoken") : rt.getAttribute("data-citation");
      if (rt.textContent !== want) {
        rt.textContent = want;
        rt.removeAttribute("data-coloured");
        if (document.documentElement.getAttribute("data-sr-tones") === "on") colourRt(rt);
      }
    });
  }

  /* Speech: only where the browser has a Chinese voice; otherwise no button at all. */
  function zhVoice() {
    if (!("speechSynthesis" in window)) return null;
    var voices = window.speechSynthesis.getVoices() || [];
    return voices.filter(function (v) { return /^zh[-_]CN/i.test(v.lang); })[0] ||
           voices.filter(function (v) { return /^zh\b/i.test(v.lang); })[0] || null;
  }
  function speak(text) {
    var voice = zhVoice();
    if (!voice) return;
    var u = new SpeechSynthesisUtterance(text);
    u.voice = voice; u.lang = voice.lang;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(u);
  }
  function speakButton(container, text, label) {
    container.innerHTML = "";
    if (!zhVoice()) return;
    var b = document.createElement("button");
    b.type = "button"; b.className = "sr-speak"; b.textContent = "🔊 Speak"; b.setAttribute("aria-label", label);
    b.addEventListener("click", function (e) { e.stopPropagation(); speak(text); });
    container.appendChild(b);
  }
  function plainText(block) {
    var copy = block.cloneNode(true);
    copy.querySelectorAll("rt, rp, .note-ref, .gap").forEach(function (n) { n.remove(); });
    return copy.textContent;
  }
  function addParagraphSpeech() {
    if (!zhVoice()) return;
    document.querySelectorAll(".sr-summit p.zh").forEach(function (p, i) {
      if (p.nextElementSibling && p.nextElementSibling.classList.contains("sr-speak-para")) return;
      var holder = document.createElement("div");
      holder.className = "sr-speak-para";
      speakButton(holder, plainText(p), "Speak this paragraph");
      p.insertAdjacentElement("afterend", holder);
    });
  }
  if ("speechSynthesis" in window && window.speechSynthesis.addEventListener) {
    window.speechSynthesis.addEventListener("voiceschanged", addParagraphSpeech);
  }

  /* Known words, in this browser only: localStorage "summit-reader:known" holds
     {"words": [...], "hsk": n, "unmarked": [...]}. A word is the Han text of a <ruby> outside glossary
     terms (the keys of the page's word data). "I know HSK 1–n" marks the words of those levels on this
     page and is kept as a standing rule (hsk): each summit page opened later adds its own words of those
     levels (loading its word data for their levels), except words the reader has unmarked since. */
  var KNOWN_KEY = "summit-reader:known";
  var knownState = null;

  function loadKnown() {
    var raw = {};
    try { raw = JSON.parse(localStorage.getItem(KNOWN_KEY) || "{}") || {}; } catch (e) { raw = {}; }
    return { words: new Set(Array.isArray(raw.words) ? raw.words : []), hsk: Number(raw.hsk) || 0,
             unmarked: new Set(Array.isArray(raw.unmarked) ? raw.unmarked : []) };
  }
  function known() { return knownState || (knownState = loadKnown()); }
  function saveKnown() {
    var k = known();
    try {
      localStorage.setItem(KNOWN_KEY, JSON.stringify({ words: Array.from(k.words), hsk: k.hsk, unmarked: Array.from(k.unmarked) }));
    } catch (e) { /* private mode or full: this page only */ }
    applyKnown();
  }
  function markKnown(word, on) {
    var k = known();
    if (on) { k.words.add(word); k.unmarked.delete(word); }
    else { k.words.delete(word); k.unmarked.add(word); }
  }
  function toggleKnown(word) {
    var on = !known().words.has(word);
    markKnown(word, on);
    saveKnown();
    say(word + (on ? " marked known" : " no longer marked known"));
  }

  /* The page's words: [{el, word}] for every word ruby (glossary terms left out). */
  function pageWords() {
    var out = [];
    document.querySelectorAll(WORD).forEach(function (el) { if (!el.closest(".term")) out.push({ el: el, word: baseText(el) }); });
    return out;
  }
  /* Whole per cent, but never 0 once a word is known nor 100 while one is not. */
  function percent(m, k) { return !k || !m ? 0 : m === k ? 100 : Math.min(99, Math.max(1, Math.round(100 * m / k))); }
  function applyKnown() {
    var k = known(), distinct = new Set(), knownHere = new Set();
    pageWords().forEach(function (w) {
      var on = k.words.has(w.word);
      if (on !== w.el.classList.contains("sr-known")) w.el.classList.toggle("sr-known", on);
      distinct.add(w.word);
      if (on) knownHere.add(w.word);
    });
    var status = document.querySelector(".sr-known-status");
    if (status) {
      status.innerHTML = "You know <strong>" + percent(knownHere.size, distinct.size) + " %</strong> of the words on this page (" +
        knownHere.size.toLocaleString("en") + " of " + distinct.size.toLocaleString("en") +
        " distinct words; glossary terms not counted)." + (k.hsk ? " HSK 1–" + levelName(k.hsk) + " marked known on every summit page you open." : "");
    }
    var btn = popup && !popup.hidden && openWord ? popup.querySelector(".sr-known-btn") : null;
    if (btn) btn.setAttribute("aria-pressed", String(k.words.has(baseText(openWord))));
  }
  function levelName(h) { return h >= 7 ? "9" : String(h); }

  function knownButton(el, word) { el.querySelector(".sr-known-btn").setAttribute("aria-pressed", String(known().words.has(word))); }

  /* Mark (or unmark) this page's words of HSK levels 1–n; marking keeps n as the rule for other pages. */
  function markLevels(n, on) {
    return words().then(function (all) {
      var k = known(), changed = 0;
      Object.keys(all).forEach(function (w) {
        var h = all[w].h;
        if (h == null || h > n) return;
        if (on && !k.words.has(w)) { k.words.add(w); k.unmarked.delete(w); changed++; }
        if (!on && k.words.has(w)) { k.words.delete(w); changed++; }
      });
      k.hsk = on ? Math.max(k.hsk, n) : 0;
      saveKnown();
      say((on ? "Marked " : "Unmarked ") + changed + " words of HSK 1–" + levelName(n) + " on this page.");
    });
  }
  /* The standing HSK rule, on a page opened later: its words of those levels, except ones unmarked since. */
  function applyLevelRule() {
    var k = known();
    if (!k.hsk || !root()) return;
    words().then(function (all) {
      var added = 0;
      Object.keys(all).forEach(function (w) {
        var h = all[w].h;
        if (h != null && h <= k.hsk && !k.words.has(w) && !k.unmarked.has(w)) { k.words.add(w); added++; }
      });
      if (added) saveKnown();
    }, function () {});
  }

  /* Export: one word per line, UTF-8, as a download. Import: any such list (a tab or comma ends the word,
     so a Pleco or Anki export's first column works too), merged into the list. */
  function exportKnown() {
    var text = Array.from(known().words).join("\n") + "\n";
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    a.download = "known-words.txt";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    say("Exported " + known().words.size + " known words.");
  }
  var HAN_RE = /\p{Script=Han}/u;
  function importKnown(text) {
    var k = known(), seen = 0, added = 0;
    text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/).forEach(function (line) {
      var word = line.split(/[\t,;]/)[0].trim();
      if (!word || !HAN_RE.test(word)) return;
      seen++;
      if (!k.words.has(word)) added++;
      markKnown(word, true);
    });
    saveKnown();
    say("Imported " + seen + " words (" + added + " new).");
  }

  /* One polite live region for what K, the popup button and the tools did (the status may sit in a folded
     disclosure, which a screen reader does not announce). */
  function say(text) {
    var live = document.getElementById("sr-known-live");
    if (!live) {
      live = document.createElement("p");
      live.id = "sr-known-live";
      live.className = "sr-visually-hidden";
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = text;
    var note = document.querySelector(".sr-known-note");
    if (note) note.textContent = text;
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-sr-known]");
    if (!b || b.tagName !== "BUTTON") return;
    var action = b.getAttribute("data-sr-known"), level = document.getElementById("sr-hsk-level");
    if (action === "export") exportKnown();
    else if (action === "mark-hsk" || action === "unmark-hsk") markLevels(Number(level.value), action === "mark-hsk");
  });
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches('input[data-sr-known="import"]') || !input.files.length) return;
    input.files[0].text().then(function (text) { importKnown(text); input.value = ""; });
  });
  /* Another tab changed the list: follow it. */
  window.addEventListener("storage", function (e) { if (e.key === KNOWN_KEY) { knownState = null; applyKnown(); } });

  function prepareKnown() {
    knownState = null;  /* re-read: another page may have changed it */
    document.querySelectorAll(".sr-known-tools[hidden]").forEach(function (f) { f.hidden = false; });
    applyKnown();
    applyLevelRule();
  }

  /* Settings that need more than CSS. */
  new MutationObserver(function () {
    if (document.documentElement.getAttribute("data-sr-tones") === "on") colourTones();
    applySpoken();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-sr-tones", "data-sr-spoken"] });

  window.addEventListener("scroll", function () { if (openWord && popup && !popup.hidden) place(openWord, popup); }, { passive: true });
  /* Run now, and again whenever Material's document$ emits (it does not on file://). */
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", prepare);
  else prepare();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { close(); prepare(); });
})();
