/* Summit Reader: search in Chinese, pinyin and English (issue 11; design: docs/search.md).
 *
 * Loaded by assets/search.js when the reader first focuses or types in the box
 * (templates/overrides/partials/sr-search.html); then this loads MiniSearch
 * (assets/vendor/minisearch.js, MIT licence: assets/vendor/minisearch.LICENSE.txt), the index's meta.js, the term shards the query's terms fall in, and
 * the document-store chunks of the results on screen — all as scripts (they load from file:// too),
 * all built by builder/site/search.py. Result text is content: it goes into the page with
 * textContent only, never as HTML. Events are delegated on document (one listener, whatever the box's
 * markup). */
(function () {
  "use strict";
  var SCRIPT = document.currentScript && document.currentScript.src;
  if (!SCRIPT) return;
  var INDEX = new URL("search/", SCRIPT).href;          /* assets/search/ */
  var LIBRARY = new URL("vendor/minisearch.js", SCRIPT).href;
  var SITE = new URL("../", SCRIPT).href;               /* the site's root: pages live there */
  var PAGE = 10;                                        /* results shown at a time */
  var HAN = /\p{Script=Han}/u;

  var meta = null, listed = {}, shards = {}, readings = {}, chunks = {};
  var engine = null, engineKey = "";
  var pending = {};                                     /* file → Promise */
  var current = { query: "", results: [], shown: 0, marks: null, seq: 0 };

  /* The index files call these while they load. */
  window.SR_SEARCH = {
    meta: function (m) { meta = m; m.files.forEach(function (f) { listed[f] = true; }); },
    terms: function (n, entries, words) {
      shards[n] = entries;
      for (var k in words) readings[k] = words[k];
    },
    docs: function (n, rows) { chunks[n] = rows; }
  };

  function load(url) {
    if (!pending[url]) {
      pending[url] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.async = true;
        s.onload = resolve;
        s.onerror = function () { delete pending[url]; reject(new Error("could not load " + url)); };
        document.head.appendChild(s);
      });
    }
    return pending[url];
  }
  function start() {
    return Promise.all([load(LIBRARY), load(INDEX + "meta.js")]);
  }

  /* --- Terms: the same normal forms as builder/site/search.py ------------------------------- */
  var TONE_MARKS = /[\u0300\u0301\u0304\u030c]/g;
  function toneless(s) {
    return s.normalize("NFD").replace(TONE_MARKS, "").replace(/u\u0308/g, "v").normalize("NFC");
  }
  function hasTone(s) { return /[\u0300\u0301\u0304\u030c]/.test(s.normalize("NFD")); }
  /* The term shard of a term: as bucket() in builder/site/search.py. */
  function bucket(term) {
    var first = term.codePointAt(0), key = 0;
    if (first < 128) { for (var i = 0; i < Math.min(3, term.length); i++) key = key * 31 + term.charCodeAt(i); }
    else key = first * 2 + (Array.from(term).length > 1 ? 1 : 0);
    return key % meta.buckets;
  }
  function grams(run) {
    var chars = Array.from(run);
    if (chars.length === 1) return chars;
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  /* A query → tokens: Han runs, and Latin words (pinyin or English). */
  function tokens(query) {
    var out = [];
    (query.normalize("NFC").toLowerCase().match(/\p{Script=Han}+|[\p{L}\p{M}\p{N}'’\-]+/gu) || []).forEach(function (t) {
      if (HAN.test(t)) { out.push({ han: t }); return; }
      var word = t.replace(/['’\-]/g, "");
      if (!word) return;
      var numbered = /^(?:[a-zü]+[1-5]?)+$/.test(word) && /\d/.test(word) && /[a-z]/.test(word);
      var reading = numbered ? word.replace(/\d/g, "") : word;
      out.push({ latin: word, plain: toneless(reading), toned: hasTone(word) ? word : null });
    });
    return out;
  }

  /* The MiniSearch query of a token, and the terms it looks up (to know which shards it needs). */
  function tokenQuery(tok, terms, last) {
    if (tok.han) {
      var g = grams(tok.han);
      terms.push(tok.han, tok.han + tok.han);  /* a one-character prefix: its bucket and that of longer words */
      terms.push.apply(terms, g);
      return { combineWith: "OR", queries: [
        { queries: [tok.han], fields: ["zh"], prefix: true, boost: { zh: 3 } },
        { queries: g, fields: ["chars"], combineWith: "AND", prefix: false }
      ] };
    }
    /* Earlier words are complete; the word being typed also finds what it begins, from 3 letters
       (the completions of 3 letters share one term shard). */
    var longEnough = function (t) { return last && t.length >= 3; };
    var qs = [{ queries: [tok.plain], fields: ["py"], prefix: longEnough, boost: { py: 2 } },
              { queries: [tok.latin], fields: ["en"], prefix: longEnough, fuzzy: function (t) { return t.length >= 5 ? 0.2 : false; } }];
    terms.push(tok.plain, tok.latin);
    if (tok.toned) { qs.push({ queries: [tok.toned], fields: ["pyt"], prefix: longEnough, boost: { pyt: 3 } }); terms.push(tok.toned); }
    return { combineWith: "OR", queries: qs };
  }

  /* Expand compact entries [term, [field, id gaps, freqs?], …] into MiniSearch's serialised form. */
  function expand(entry) {
    var data = {};
    for (var i = 1; i < entry.length; i++) {
      var row = entry[i], freqs = {}, id = 0;
      for (var j = 0; j < row[1].length; j++) { id += row[1][j]; freqs[id] = row[2] ? row[2][j] : 1; }
      data[row[0]] = freqs;
    }
    return [entry[0], data];
  }

  /* A MiniSearch over the loaded shards (rebuilt when a new shard has come in). */
  var ids = null, lengths = null;
  function engineFor() {
    var key = Object.keys(shards).sort().join(",");
    if (engine && key === engineKey) return engine;
    if (!ids) {
      ids = {}; lengths = {};
      for (var d = 0; d < meta.count; d++) { ids[d] = d; lengths[d] = d < meta.glossary ? meta.lengths[d] : meta.averages; }
    }
    var index = [];
    Object.keys(shards).forEach(function (n) { shards[n].forEach(function (e) { index.push(expand(e)); }); });
    var fieldIds = {};
    meta.fields.forEach(function (f, i) { fieldIds[f] = i; });
    engine = window.MiniSearch.loadJS({
      documentCount: meta.count, nextId: meta.count, documentIds: ids, fieldIds: fieldIds,
      fieldLength: lengths, averageFieldLength: meta.averages,
      storedFields: {}, dirtCount: 0, index: index, serializationVersion: 2
    }, {
      fields: meta.fields,
      /* Query terms are already in the index's normal forms. */
      searchOptions: { tokenize: function (s) { return [s]; }, processTerm: function (t) { return t; } }
    });
    engineKey = key;
    return engine;
  }

  function loadShards(terms) {
    var files = {};
    terms.forEach(function (t) { if (t && listed["t" + bucket(t) + ".js"]) files[bucket(t)] = true; });
    return Promise.all(Object.keys(files).map(function (n) { return load(INDEX + "t" + n + ".js"); }));
  }
  /* MiniSearch results of tokens (every token must match), once their term shards are in. */
  function searchTokens(toks) {
    var terms = [];
    var q = { combineWith: "AND", queries: toks.map(function (t, i) { return tokenQuery(t, terms, i === toks.length - 1); }) };
    return loadShards(terms).then(function () { return engineFor().search(q); });
  }

  /* Pinyin written without spaces across words (lvsenengyuan): split each long Latin token at
     syllable boundaries into the fewest readings the index has (绿色 能源). Resolves to the new
     tokens, or null when no token splits. */
  var INITIALS = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"];
  var FINALS = "a o e i u v ai ei ao ou an en ang eng ong er ia ie iao iu ian in iang ing iong ua uo uai ui uan un uang ue ve van vn".split(" ");
  var SYLLABLES = {};
  INITIALS.forEach(function (i) { FINALS.forEach(function (f) { SYLLABLES[i + f] = true; }); });
  function syllableStarts(s) {
    var reach = [true];
    for (var i = 0; i < s.length; i++) {
      if (!reach[i]) continue;
      for (var n = 1; n <= 6 && i + n <= s.length; n++) if (SYLLABLES[s.slice(i, i + n)]) reach[i + n] = true;
    }
    if (!reach[s.length]) return null;
    var out = [];
    reach.forEach(function (r, i) { if (r) out.push(i); });
    return out;
  }
  function split(toks) {
    var jobs = toks.map(function (t) {
      var at = t.latin && t.plain.length >= 4 ? syllableStarts(t.plain) : null;
      if (!at) return null;
      var words = [];
      at.forEach(function (a) { at.forEach(function (b) { if (b > a) words.push([a, b, t.plain.slice(a, b)]); }); });
      return { tok: t, ends: at, words: words };
    });
    var candidates = [];
    jobs.forEach(function (j) { if (j) j.words.forEach(function (w) { candidates.push(w[2]); }); });
    if (!candidates.length) return Promise.resolve(null);
    return loadShards(candidates).then(function () {
      var ms = engineFor(), changed = false, out = [];
      toks.forEach(function (t, k) {
        var j = jobs[k];
        if (!j) { out.push(t); return; }
        var best = {}, n = j.tok.plain.length;      /* best[i]: fewest readings covering plain[0:i] */
        best[0] = [];
        j.ends.forEach(function (a) {
          if (!best[a]) return;
          j.words.forEach(function (w) {
            if (w[0] !== a || (best[w[1]] && best[w[1]].length <= best[a].length + 1)) return;
            if (ms.search(w[2], { fields: ["py"], prefix: false, fuzzy: false }).length) best[w[1]] = best[a].concat([w[2]]);
          });
        });
        if (best[n] && best[n].length > 1) {
          changed = true;
          best[n].forEach(function (w) { out.push({ latin: w, plain: w, toned: null }); });
        } else out.push(t);
      });
      return changed ? out : null;
    });
  }

  /* Run a query: load what it needs, search, rank glossary terms first. Resolves to results. */
  function run(query) {
    var toks = tokens(query);
    if (!toks.length) return Promise.resolve({ toks: toks, results: [] });
    return start().then(function () { return searchTokens(toks); }).then(function (results) {
      if (results.length) return { toks: toks, results: results };
      return split(toks).then(function (words) {
        return words ? searchTokens(words).then(function (r) { return { toks: words, results: r }; }) : { toks: toks, results: results };
      });
    }).then(function (found) {
      var results = found.results;
      return loadRows(results.filter(function (r) { return r.id < meta.glossary; })).then(function () {
        /* Glossary terms first, the one the query spells out (English, headword or reading) first of all. */
        var key = compact(query);
        var rank = function (r) {
          if (r.id >= meta.glossary) return 0;
          var g = row(r.id) || [];
          var keys = [g[2], g[3], g[4]].map(compact);
          return keys.indexOf(key) >= 0 ? 3 : keys.some(function (k) { return k.indexOf(key) === 0; }) ? 2 : 1;
        };
        results.forEach(function (r) { r.rank = rank(r); });
        results.sort(function (a, b) { return b.rank - a.rank || b.score - a.score || a.id - b.id; });
        return found;
      });
    });
  }
  function compact(s) { return toneless(String(s || "").toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, ""); }

  /* --- Results ------------------------------------------------------------------------------ */
  function row(id) { var c = chunks[Math.floor(id / meta.chunk)]; return c && c[id % meta.chunk]; }
  function loadRows(results) {
    var files = {};
    results.forEach(function (r) { files[Math.floor(r.id / meta.chunk)] = true; });
    return Promise.all(Object.keys(files).map(function (n) { return load(INDEX + "d" + n + ".js"); }));
  }

  /* What to mark in a result: Chinese strings (query runs, the words a reading matched) and the
     English words it matched. A reading query marks the words it matched exactly, else those it is
     a prefix of. (MiniSearch merges the fields of one term across an OR, so fields are not used.) */
  function marksOf(result, toks) {
    var zh = [], terms = Object.keys(result.match);
    toks.forEach(function (t) {
      if (t.han) { zh.push(t.han); return; }
      var forms = [t.plain, t.toned].filter(Boolean);
      var derived = terms.filter(function (d) { return readings[d] && forms.some(function (f) { return d.indexOf(f) === 0; }); });
      var exact = derived.filter(function (d) { return forms.indexOf(d) >= 0; });
      (exact.length ? exact : derived).forEach(function (d) { zh.push.apply(zh, readings[d]); });
    });
    return { zh: zh, en: terms.filter(function (d) { return !HAN.test(d); }) };
  }
  /* [start, end) spans of the strings in text, merged. */
  function spans(text, strings, words) {
    var found = [], lower = text.toLowerCase();
    strings.forEach(function (s) {
      if (!s) return;
      var re = words ? new RegExp("(?<![\\p{L}\\p{N}])" + s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?![\\p{L}\\p{N}])", "gu") : null;
      if (re) { var m; while ((m = re.exec(lower))) found.push([m.index, m.index + m[0].length]); }
      else for (var i = lower.indexOf(s); i >= 0; i = lower.indexOf(s, i + s.length)) found.push([i, i + s.length]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    found.forEach(function (f) {
      var last = out[out.length - 1];
      if (last && f[0] <= last[1]) last[1] = Math.max(last[1], f[1]); else out.push(f.slice());
    });
    return out;
  }
  /* The sentence of text around its main span (the longest, else the first), up to and including
     the next stop, cut to `radius` characters either side of that span (with …), and the spans
     inside what is kept. */
  function sentence(text, found, stops, radius) {
    var from = 0, to = text.length, m;
    if (found.length) {
      var main = found.reduce(function (best, f) { return f[1] - f[0] > best[1] - best[0] ? f : best; });
      var at = main[0];
      stops.lastIndex = 0;
      while ((m = stops.exec(text))) {
        var end = m.index + m[0].length;
        if (end <= at) from = end; else { to = end; break; }
      }
      if (at - from > radius) {               /* start after a clause mark, else not inside a number or word */
        var start = at - radius, clause = text.slice(start, at).search(/[，、：；,;:][^，、：；,;:]*$/);
        from = clause >= 0 ? start + clause + 1 : start;
        while (clause < 0 && from < at && /[\p{L}\p{N}]/u.test(text[from - 1]) && !HAN.test(text[from - 1])) from++;
      }
      to = Math.min(to, main[1] + radius);
      found.forEach(function (f) {            /* never cut a marked span */
        if (f[0] < from && f[1] > from) from = f[0];
        if (f[0] < to && f[1] > to) to = f[1];
      });
    } else to = Math.min(to, 2 * radius);
    while (from < to && /\s/.test(text[from])) from++;
    if (radius > 40) {                        /* English: cut at word boundaries */
      var inside = found.filter(function (f) { return f[0] >= from && f[1] <= to; });
      var first = inside.length ? inside[0][0] : to, last = inside.length ? inside[inside.length - 1][1] : from;
      if (from > 0 && /\S/.test(text[from - 1])) from = Math.min(first, text.indexOf(" ", from) + 1 || from);
      if (to < text.length && /\S/.test(text[to])) to = Math.max(last, text.lastIndexOf(" ", to));
    }
    var kept = text.slice(from, to).trim();
    return { text: (from > 0 ? "…" : "") + kept + (to < text.length && !/[。！？.!?”’"]$/.test(kept) ? "…" : ""),
             offset: from - (from > 0 ? 1 : 0),
             spans: found.filter(function (f) { return f[0] >= from && f[1] <= from + kept.length; }) };
  }
  function marked(el, text, found, offset) {
    var pos = 0;
    found.forEach(function (f) {
      var a = f[0] - (offset || 0), b = f[1] - (offset || 0);
      if (a < pos || b > text.length) return;
      el.appendChild(document.createTextNode(text.slice(pos, a)));
      var m = document.createElement("mark");
      m.textContent = text.slice(a, b);
      el.appendChild(m);
      pos = b;
    });
    el.appendChild(document.createTextNode(text.slice(pos)));
    return el;
  }
  function span(cls, text, lang) {
    var s = document.createElement("span");
    s.className = cls;
    if (lang) s.lang = lang;
    if (text != null) s.textContent = text;
    return s;
  }

  var ZH_STOPS = /[。！？；!?]+[”’」』）]*/g, EN_STOPS = /[.!?;]+["”’)]*(?=\s|$)/g;
  /* One result as a list item, or null when a Chinese query run is not in its text after all
     (the pairs of a phrase can all occur without the phrase). */
  function item(result, toks) {
    var r = row(result.id);
    if (!r) return null;
    var marks = marksOf(result, toks);
    var a = document.createElement("a");
    a.className = "sr-result-link";
    var li = document.createElement("li");
    li.className = "sr-result";
    if (r[0] === "g") {
      if (!toks.every(function (t) { return !t.han || r[2].indexOf(t.han) >= 0 || Object.keys(result.match).some(function (m) { return m.indexOf(t.han) >= 0; }); })) return null;
      a.href = SITE + "glossary.html#" + encodeURIComponent(r[1]);
      a.appendChild(span("sr-result-where", "Glossary"));
      var head = span("sr-result-zh", null, "zh-Hans");
      marked(head, r[2], spans(r[2], marks.zh, false));
      a.appendChild(head);
      a.appendChild(span("sr-result-pinyin", r[3]));
      a.appendChild(marked(span("sr-result-en", null, "en"), r[4], spans(r[4], marks.en, true)));
      (r[5] || []).forEach(function (alt) {       /* an alternative rendering, when the query is in it */
        var found = spans(alt, marks.en, true);
        if (found.length) a.appendChild(marked(span("sr-result-en sr-result-alt", "Also: ", "en"), alt, found, 0));
      });
      li.classList.add("sr-result-term");
    } else {
      var zhText = r[3], enText = r[4];
      if (!toks.every(function (t) { return !t.han || zhText.indexOf(t.han) >= 0; })) return null;
      var summit = meta.summits[r[0]];
      a.href = SITE + summit.slug + ".html#a" + r[1] + (r[2] ? "-p" + r[2] : "");
      a.appendChild(span("sr-result-where", summit.label + " · " + summit.articles[r[1] - 1] + " · " +
                         (r[2] ? "paragraph " + r[2] : "heading")));
      var zs = spans(zhText, marks.zh, false), es = spans(enText, marks.en, true);
      var zSentence = sentence(zhText, zs, ZH_STOPS, 30);
      a.appendChild(marked(span("sr-result-zh", null, "zh-Hans"), zSentence.text, zSentence.spans, zSentence.offset));
      if (enText) {
        var eSentence = sentence(enText, es, EN_STOPS, 80);
        a.appendChild(marked(span("sr-result-en", null, "en"), eSentence.text, eSentence.spans, eSentence.offset));
      }
    }
    li.appendChild(a);
    return li;
  }

  /* --- The box ------------------------------------------------------------------------------ */
  function box() { return document.getElementById("sr-search-input"); }
  function panel() { return document.getElementById("sr-search-results"); }
  function status(text) {
    var s = document.getElementById("sr-search-status");
    if (s && s.textContent !== text) s.textContent = text;
    var v = document.querySelector(".sr-search-count");
    if (v) v.textContent = text;
  }
  function open(show) {
    var p = panel(), b = box();
    if (!p || !b) return;
    p.hidden = !show;
  }
  function list() { return document.querySelector(".sr-search-list"); }
  function links() { return Array.prototype.slice.call(document.querySelectorAll(".sr-search-list .sr-result-link")); }

  function countText(n) { return n === 0 ? "No results" : n === 1 ? "1 result" : n + " results"; }

  /* Append the next page of results (their store chunks loaded first). */
  function more(seq) {
    var next = current.results.slice(current.shown, current.shown + PAGE);
    return loadRows(next).then(function () {
      if (seq !== current.seq) return;
      var ol = list(), added = 0, dropped = 0, i = current.shown;
      while (i < current.results.length && added < PAGE) {
        if (!row(current.results[i].id)) break;
        var li = item(current.results[i], current.toks);
        if (li) { ol.appendChild(li); added++; i++; }
        else { current.results.splice(i, 1); dropped++; }
      }
      current.shown = i;
      var button = document.querySelector(".sr-search-more");
      if (button) button.hidden = current.shown >= current.results.length;
      status(countText(current.results.length) + (current.results.length > current.shown ? ", showing " + current.shown : ""));
      panel().setAttribute("data-query", current.query);  /* what the list shows (tests wait for it) */
      if (dropped && current.shown < current.results.length && added < PAGE) return more(seq);
    });
  }

  function update() {
    var b = box();
    if (!b) return;
    var query = b.value.trim();
    if (query === current.query) { open(Boolean(query)); return; }
    var seq = ++current.seq;
    current.query = query;
    panel().removeAttribute("data-query");
    if (!query) { list().textContent = ""; status(""); open(false); return; }
    open(true);
    if (!engine) status("Loading the index…");
    run(query).then(function (found) {
      if (seq !== current.seq) return;
      current.toks = found.toks;
      current.results = found.results;
      current.shown = 0;
      list().textContent = "";
      return more(seq);
    }).catch(function () {
      if (seq === current.seq) status("Search could not load its index.");
    });
  }

  function move(from, step) {
    var all = links(), i = all.indexOf(from);
    if (!all.length) return;
    if (i < 0) { (step > 0 ? all[0] : all[all.length - 1]).focus(); return; }
    if (i + step < 0) { box().focus(); return; }
    all[Math.min(all.length - 1, i + step)].focus();
  }

  var quiet = false;                                    /* focus given back by Escape: keep closed */
  document.addEventListener("focusin", function (e) {
    if (e.target === box()) { start().catch(function () {}); if (box().value.trim() && !quiet) open(true); }
  });
  document.addEventListener("input", function (e) { if (e.target === box()) update(); });
  document.addEventListener("keydown", function (e) {
    var b = box();
    if (!b) return;
    var inSearch = e.target.closest && e.target.closest(".sr-search");
    if (!inSearch) return;
    if (e.key === "Escape") {
      e.preventDefault();
      if (!panel().hidden) open(false); else { b.value = ""; update(); }
      quiet = true; b.focus(); quiet = false;
    } else if (e.key === "ArrowDown") { e.preventDefault(); move(e.target === b ? null : e.target, 1); }
    else if (e.key === "ArrowUp" && e.target !== b) { e.preventDefault(); move(e.target, -1); }
    else if (e.key === "Enter" && e.target === b) {
      var first = links()[0];
      if (first) { e.preventDefault(); first.click(); }
    }
  });
  document.addEventListener("click", function (e) {
    var b = box();
    if (!b) return;
    if (e.target.closest(".sr-search-more")) {
      var first = current.shown;
      more(current.seq).then(function () { var l = links()[first]; if (l) l.focus(); });
      return;
    }
    if (e.target.closest(".sr-result-link")) { open(false); return; }
    if (!e.target.closest(".sr-search")) open(false);
  });
  /* Focus leaving the box and its results closes them (checked once focus has settled: a pressed
     "Show more" button hides itself and hands focus to the first new result). */
  document.addEventListener("focusout", function (e) {
    var root = e.target.closest && e.target.closest(".sr-search");
    if (!root) return;
    setTimeout(function () { if (!root.contains(document.activeElement)) open(false); }, 0);
  });
  /* Start empty on every page load (Material's document$ also calls this at once). */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { current.query = ""; current.seq++; });
  /* Loaded on the first focus or keystroke: catch up with what the box holds already. */
  if (box() && document.activeElement === box()) start().catch(function () {});
  if (box() && box().value.trim()) update();
})();
