// Timeline filters: show only the entries about one actor and/or one topic.
// Served from the site itself; without JavaScript the form stays hidden and every entry shows.
(function () {
  function setUp() {
    var form = document.querySelector("form.briefing-filter");
    if (!form) return;
    var entries = document.querySelectorAll(".briefing-entry");
    function apply() {
      var actor = form.elements.actor.value, topic = form.elements.topic.value;
      entries.forEach(function (entry) {
        var actors = (entry.getAttribute("data-actors") || "").split(" ");
        var topics = (entry.getAttribute("data-topics") || "").split(" ");
        entry.hidden = (actor && actors.indexOf(actor) < 0) || (topic && topics.indexOf(topic) < 0);
      });
    }
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
