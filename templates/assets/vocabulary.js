/* Summit Reader: order and filter a vocabulary list (vocabulary/*.html). Without this script the page is
 * a plain table in its default order; with it, the hidden form appears and reorders the rows of each
 * <tbody> (order of appearance, frequency, HSK level) or hides rows below a level, keeping aria-sort on
 * the header of the column the list is ordered by and saying in a status line how many rows show. */
(function () {
  "use strict";
  // A row's cells: order, word, meaning, HSK, count; data-level is the level as a number (8: beyond HSK).
  function order(r) { return +r.cells[0].textContent; }
  function count(r) { return +r.cells[4].textContent; }
  function level(r) { return +r.dataset.level; }
  var ORDERS = {
    order: { col: "order", sort: "ascending", key: function (r) { return [order(r)]; } },
    count: { col: "count", sort: "descending", key: function (r) { return [-count(r), order(r)]; } },
    level: { col: "level", sort: "ascending", key: function (r) { return [level(r), order(r)]; } },
    "level-desc": { col: "level", sort: "descending", key: function (r) { return [-level(r), order(r)]; } },
  };

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  function apply(page) {
    var form = page.querySelector(".sr-vocab-tools");
    var table = page.querySelector(".sr-vocab-table");
    var chosen = ORDERS[form.querySelector('[data-sr-vocab="order"]').value] || ORDERS.order;
    var min = +form.querySelector('[data-sr-vocab="level"]').value || 1;
    var shown = 0, total = 0;
    table.querySelectorAll("tbody").forEach(function (body) {
      var rows = Array.prototype.filter.call(body.rows, function (r) { return r.dataset.level; });
      var keyed = rows.map(function (r) { return { row: r, key: chosen.key(r) }; });
      keyed.sort(function (a, b) { return compare(a.key, b.key); });
      var visible = 0;
      keyed.forEach(function (k) {
        var show = level(k.row) >= min;
        k.row.hidden = !show;
        if (show) visible++;
        body.appendChild(k.row);
      });
      var count = body.querySelector(".sr-vocab-n");
      if (count) count.textContent = "(" + (visible === rows.length ? rows.length : visible + " of " + rows.length) + ")";
      body.hidden = visible === 0;
      shown += visible;
      total += rows.length;
    });
    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      if (th.dataset.sort === chosen.col) th.setAttribute("aria-sort", chosen.sort);
      else th.removeAttribute("aria-sort");
    });
    form.querySelector(".sr-vocab-shown").textContent =
      shown === total ? "Showing all " + total + " words." : "Showing " + shown + " of " + total + " words.";
  }

  function prepare() {
    document.querySelectorAll(".sr-vocab").forEach(function (page) {
      var form = page.querySelector(".sr-vocab-tools");
      if (!form || form.dataset.ready) return;
      form.dataset.ready = "1";
      form.hidden = false;
      form.addEventListener("change", function () { apply(page); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", prepare);
  else prepare();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(prepare);
})();
