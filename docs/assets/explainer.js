/* Timeline filter (progressive enhancement): the page is complete without JavaScript; with it, buttons with
   aria-pressed show or hide entries by kind, and a month heading is hidden when none of its entries is shown. */
(function () {
  "use strict";

  function setUp(filter) {
    var buttons = Array.prototype.slice.call(filter.querySelectorAll("button[data-kind]"));
    var entries = Array.prototype.slice.call(document.querySelectorAll(".tme-timeline__entry[data-kind]"));
    var lists = Array.prototype.slice.call(document.querySelectorAll("ol.tme-timeline"));
    var status = filter.querySelector(".tme-tl-filter__status");

    function apply() {
      var shown = {};
      buttons.forEach(function (b) { shown[b.dataset.kind] = b.getAttribute("aria-pressed") === "true"; });
      var count = 0;
      entries.forEach(function (e) {
        var visible = shown[e.dataset.kind] !== false;
        e.hidden = !visible;
        if (visible) { count += 1; }
      });
      lists.forEach(function (list) {
        var any = list.querySelector(".tme-timeline__entry:not([hidden])") !== null;
        list.hidden = !any;
        var heading = list.previousElementSibling;
        if (heading && heading.classList.contains("tme-tl-month")) { heading.hidden = !any; }
      });
      if (status) { status.textContent = "Showing " + count + " of " + entries.length + " entries."; }
    }

    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply();
      });
    });
    filter.hidden = false;
    apply();
  }

  function start() {
    var filter = document.querySelector("[data-tme-filter]");
    if (filter) { setUp(filter); }
  }

  if (document.readyState === "loading") {
    // once: material-on-interaction.js fires DOMContentLoaded again when Material's script loads later
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
