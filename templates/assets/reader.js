/* Summit Reader: glossary tooltips.
 * A term is a focusable span (tabindex=0) with aria-describedby pointing at one role="tooltip"
 * element per term and page. The tooltip opens on hover, keyboard focus and tap; closes on
 * Escape, tap-away, blur and mouse-out; and is placed inside the viewport (phones included).
 * Event delegation on document: one listener for every word and control. */
(function () {
  "use strict";
  var open = null;       // {term, tip}
  var hideTimer = 0;
  var MARGIN = 8;

  function tipOf(term) {
    return document.getElementById(term.getAttribute("aria-describedby"));
  }

  /* Place a floating element below (or above) its anchor, inside the viewport, never over the anchor:
     on the side with room for it, else on the roomier side with its height capped to fit (it scrolls
     inside). Shared with words.js. */
  function place(anchor, el) {
    el.style.maxHeight = "";
    var r = anchor.getBoundingClientRect();
    var vw = document.documentElement.clientWidth;
    var vh = window.innerHeight;
    var w = el.offsetWidth, h = el.offsetHeight;
    var below = vh - r.bottom - 2 * MARGIN, above = r.top - 2 * MARGIN;
    var left = Math.min(Math.max(MARGIN, r.left + r.width / 2 - w / 2), Math.max(MARGIN, vw - w - MARGIN));
    var top;
    if (h <= below) top = r.bottom + MARGIN;
    else if (h <= above) top = r.top - MARGIN - h;
    else if (below >= above) { el.style.maxHeight = Math.max(below, 0) + "px"; top = r.bottom + MARGIN; }
    else { el.style.maxHeight = above + "px"; top = r.top - MARGIN - el.offsetHeight; }
    el.style.left = left + "px";
    el.style.top = top + "px";
  }
  window.SummitReader = { place: place };

  function show(term) {
    clearTimeout(hideTimer);
    var tip = tipOf(term);
    if (!tip) return;
    if (open && open.term === term) return;
    hide();
    tip.hidden = false;
    term.classList.add("is-active");
    place(term, tip);
    open = { term: term, tip: tip };
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!open) return;
    open.tip.hidden = true;
    open.term.classList.remove("is-active");
    open = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function termFrom(node) {
    return node && node.closest ? node.closest(".sr-page .term") : null;
  }

  document.addEventListener("mouseover", function (e) {
    var term = termFrom(e.target);
    if (term) return show(term);
    if (open && open.tip.contains(e.target)) clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (e) {
    if (!open) return;
    var to = e.relatedTarget;
    if (to && (open.term.contains(to) || open.tip.contains(to))) return;
    if (open.term.contains(e.target) || open.tip.contains(e.target)) {
      if (document.activeElement !== open.term) hideSoon();
    }
  });
  document.addEventListener("focusin", function (e) {
    var term = termFrom(e.target);
    if (term) show(term);
    else if (open && !open.tip.contains(e.target)) hide();
  });
  document.addEventListener("click", function (e) {
    var term = termFrom(e.target);
    if (term) {
      if (open && open.term === term && e.detail > 0 && e.pointerType !== "mouse" && document.activeElement !== term) hide();
      else show(term);
      return;
    }
    if (open && !open.tip.contains(e.target)) hide();
  });
  /* A tap or press anywhere outside closes it, blank margins included (touch screens send no click there). */
  document.addEventListener("pointerdown", function (e) {
    if (open && !termFrom(e.target) && !open.tip.contains(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && open) {
      var term = open.term;
      hide();
      term.focus({ preventScroll: true });
      e.preventDefault();
    } else if (e.key === "Enter" && termFrom(e.target)) {
      var link = tipOf(e.target.closest(".term"));
      link = link && link.querySelector("a");
      if (link) link.click();
    }
  });
  window.addEventListener("scroll", function () { if (open) place(open.term, open.tip); }, { passive: true });
  window.addEventListener("resize", function () { if (open) place(open.term, open.tip); });
})();

/* Summit Reader: reader settings. Inputs with data-sr-setting="name" value="v" set
 * <html data-sr-name="v"> and keep it in localStorage ("summit-reader:settings"); the theme's head
 * applies saved settings before the first paint, and the inputs are synced on every page. */
(function () {
  "use strict";
  var KEY = "summit-reader:settings";

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(settings) {
    try { localStorage.setItem(KEY, JSON.stringify(settings)); } catch (e) { /* private mode: this page only */ }
  }

  /* Wide screens keep the page's overview: disclosures marked data-sr-wide-open start open there (the
     page's own inline script does it before the first paint; this repeats it where that script did not run). */
  function openWide() {
    if (!window.matchMedia || !window.matchMedia("(min-width: 60em)").matches) return;
    document.querySelectorAll("details[data-sr-wide-open]:not([data-sr-seen])").forEach(function (d) {
      d.open = true;
      d.setAttribute("data-sr-seen", "");
    });
  }

  function sync() {
    openWide();
    var settings = load();
    Object.keys(settings).forEach(function (name) {
      document.documentElement.setAttribute("data-sr-" + name, settings[name]);
    });
    var narrow = window.matchMedia && !window.matchMedia("(min-width: 60em)").matches;
    document.querySelectorAll("[data-sr-setting]").forEach(function (input) {
      var value = settings[input.getAttribute("data-sr-setting")];
      /* Side by side is offered on wide screens only; a phone shows (and CSS applies) "below". */
      if (narrow && input.name === "sr-translation" && value === "side") value = "below";
      if (value === undefined) return;
      if (input.type === "radio" || input.type === "checkbox") input.checked = input.value === value;
      else input.value = value;
    });
  }

  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("[data-sr-setting]")) return;
    var settings = load();
    var name = input.getAttribute("data-sr-setting");
    settings[name] = input.type === "checkbox" ? (input.checked ? input.value : "off") : input.value;
    save(settings);
    document.documentElement.setAttribute("data-sr-" + name, settings[name]);
  });

  /* Run now, and again whenever Material's document$ emits (it does not on file://). */
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", sync);
  else sync();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(sync);
  if (window.matchMedia) {
    var wide = window.matchMedia("(min-width: 60em)");
    if (wide.addEventListener) wide.addEventListener("change", sync);
  }
})();
