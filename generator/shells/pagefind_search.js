// Search in the header (Pagefind's UI, served from the site itself; see pagefind_search.py).
// - starts Pagefind's UI in the header box, with links that carry the searched words (?highlight=);
// - keyboard as in Material's search: "/" or "s" focuses the box, arrow keys move through the
//   results, Enter opens the chosen (or first) result, Escape leaves;
// - on a page opened from a result, marks the searched words (Pagefind's highlight script).
(function () {
  var PARAM = "highlight";

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function start() {
    var box = document.querySelector(".briefing-search");
    if (!box || typeof PagefindUI === "undefined") return;
    var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI).href;
    new PagefindUI({
      element: box, bundlePath: bundle, highlightParam: PARAM,
      showSubResults: true, showImages: false, resetStyles: false,
      // Rank by where a word stands (title, actor name and aliases weigh most), not by how often a
      // page repeats it: "Blinken" opens Antony Blinken's page before a topic that names him five times.
      ranking: { termFrequency: 0.0 },
    });
    var input = box.querySelector("input");
    if (!input) return;
    // Pagefind's form says action="javascript:void(0);": the page keeps no javascript: URL at all
    // (the browser tests hold every page to that), and the form never submits.
    var form = box.querySelector("form");
    if (form) {
      form.removeAttribute("action");
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    }

    function links() {
      return Array.prototype.slice.call(box.querySelectorAll("a.pagefind-ui__result-link"));
    }

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (event.key === "/" || event.key === "s") {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });

    box.addEventListener("keydown", function (event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input.focus();
        else all[Math.min(next, all.length - 1)].focus();
      } else if (event.key === "Enter" && document.activeElement === input && all.length) {
        event.preventDefault();
        all[0].click();
      } else if (event.key === "Escape") {
        input.blur();
      }
    });
  }

  function highlight() {
    if (!new URLSearchParams(location.search).has(PARAM)) return;
    var box = document.querySelector(".briefing-search");
    if (!box) return;
    var script = new URL(box.getAttribute("data-bundle") + "pagefind-highlight.js", document.baseURI).href;
    import(script).then(function (module) {
      new module.default({ highlightParam: PARAM, markContext: "[data-pagefind-body]" });
    });
  }

  function setUp() {
    start();
    highlight();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
