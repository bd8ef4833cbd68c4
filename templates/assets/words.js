/* Summit Reader: a popup for every word, the keyboard word cursor, tone colours, spoken tones, speech.
 *
 * Words are the <ruby> elements of a summit page's Chinese (glossary terms keep their own tooltip).
 * Their data (every CC-CEDICT reading, HSK level, parts) comes from the page's data-words script,
 * loaded once on the first popup. The popup is a non-modal dialog: opened by tap/click, or by Enter on
 * the word cursor (a focused paragraph, arrow keys move between its words); Escape closes it and gives
 * focus back. Everything is delegated on document, so it survives Material's instant navigation. */
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
    popup.innerHTML = "<div class=\"sr-popup-body\"></div><div class=\"sr-popup-actions\"></div>" +
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
    speakButton(el.querySelector(".sr-popup-actions"), word, "Speak " + word);
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
  }

  document.addEventListener("click", function (e) {
    if (popup && !popup.hidden && e.target.closest(".sr-popup-close")) { close(); return; }
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
    var text = rt.textContent;
    rt.innerHTML = text.replace(SYLLABLE, function (s) { return "<span class=\"tone" + toneOf(s.toLowerCase()) + "\">" + s + "</span>"; });
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

  /* Settings that need more than CSS. */
  new MutationObserver(function () {
    if (document.documentElement.getAttribute("data-sr-tones") === "on") colourTones();
    applySpoken();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-sr-tones", "data-sr-spoken"] });

  window.addEventListener("scroll", function () { if (openWord && popup && !popup.hidden) place(openWord, popup); }, { passive: true });
  /* Run now, and again after each instant navigation (document$ does not emit on file://). */
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", prepare);
  else prepare();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { close(); prepare(); });
})();
