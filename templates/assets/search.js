/* Summit Reader: the search box's loader, on every page. The search itself (assets/search-engine.js,
 * with MiniSearch and the index) loads only when the reader focuses the box or types in it, so a
 * page that never searches costs this file alone. "/" anywhere (outside a field) goes to the box. */
(function () {
  "use strict";
  var src = document.currentScript && document.currentScript.src;
  if (!src) return;
  var engine = new URL("search-engine.js", src).href, loading = false;
  function load() {
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = engine;
    s.async = true;
    s.onerror = function () {
      loading = false;
      var status = document.getElementById("sr-search-status");
      if (status) status.textContent = "Search could not load.";
    };
    document.head.appendChild(s);
  }
  function isBox(el) { return el && el.id === "sr-search-input"; }
  document.addEventListener("focusin", function (e) { if (isBox(e.target)) load(); });
  document.addEventListener("input", function (e) { if (isBox(e.target)) load(); });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
    var box = document.getElementById("sr-search-input");
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });
})();
