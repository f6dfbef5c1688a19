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
    narrowing(box, new URL("..", bundle).pathname);
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

  // Narrowing results to one kind of page (actors, articles, topics, the timeline), done here rather
  // than with Pagefind's filters: Pagefind 1.5 writes its filter index differently on every run over
  // the same pages, and a briefing's build gives the same bytes for the same inputs (pagefind_search.py).
  // Each result is marked with its kind, from its address; the chosen kind hides the others (CSS),
  // and more results are loaded while too few of the chosen kind are shown.
  var KINDS = [["", "All"], ["actors", "Actors"], ["articles", "Articles"], ["topics", "Topics"], ["timeline", "Timeline"]];

  function kindOf(href, root) {
    var path = new URL(href, document.baseURI).pathname;
    if (path.indexOf(root) !== 0) return "";
    var parts = path.slice(root.length).split("/").filter(function (part) { return part; });
    if (parts[0] === "timeline") return "timeline";
    var rest = parts.slice(1).map(function (part) { return part.replace(/\.html$/, ""); });
    var listing = !rest.length || (rest.length === 1 && rest[0] === "index") || (rest.length === 2 && rest[0] === "page");
    return listing ? "" : (parts[0] || "");
  }

  function narrowing(box, root) {
    var chosen = "";
    var loads = 0;
    function group() {
      var element = document.createElement("div");
      element.className = "briefing-kinds";
      element.setAttribute("role", "group");
      element.setAttribute("aria-label", "Show only");
      KINDS.forEach(function (kind) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = kind[1];
        button.setAttribute("data-kind", kind[0]);
        button.setAttribute("aria-pressed", String(kind[0] === chosen));
        button.addEventListener("click", function () {
          chosen = kind[0];
          loads = 0;
          if (chosen) box.setAttribute("data-kind", chosen); else box.removeAttribute("data-kind");
          element.querySelectorAll("button").forEach(function (other) {
            other.setAttribute("aria-pressed", String(other === button));
          });
          update();
        });
        element.appendChild(button);
      });
      return element;
    }
    function update() {
      var drawer = box.querySelector(".pagefind-ui__drawer");
      if (drawer && !drawer.querySelector(".briefing-kinds")) drawer.insertBefore(group(), drawer.firstChild);
      var shown = 0;
      box.querySelectorAll(".pagefind-ui__result").forEach(function (result) {
        var link = result.querySelector("a.pagefind-ui__result-link");
        if (link && !result.hasAttribute("data-kind")) result.setAttribute("data-kind", kindOf(link.getAttribute("href"), root));
        if (!chosen || result.getAttribute("data-kind") === chosen) shown += 1;
      });
      var more = box.querySelector(".pagefind-ui__button");
      if (chosen && shown < 5 && more && loads < 20) {
        loads += 1;
        more.click();
      }
    }
    new MutationObserver(update).observe(box, { childList: true, subtree: true });
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
