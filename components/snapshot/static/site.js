// The snapshot's only script of its own: draws each chart from its Vega-Lite spec (a JSON data
// block beside it) with Vega-Embed, and turns on the filter box of the observations table.
// Everything stays inside this function: the Vega bundle declares globals of its own.
(function () {
  "use strict";

  function drawCharts() {
    var drawings = document.querySelectorAll("[data-chart-spec]");
    if (!drawings.length) return;
    if (typeof window.vegaEmbed !== "function") {
      console.error("The charts cannot be drawn: assets/vega.js did not load.");
      return;
    }
    drawings.forEach(function (drawing) {
      var spec = JSON.parse(document.getElementById(drawing.getAttribute("data-chart-spec")).textContent);
      // No action menu: its links lead to the Vega editor online; the page links the chart's files.
      var options = { actions: false, renderer: "svg", config: { aria: false } };
      // The chart drawn at build time stays until the interactive one is ready, then gives way to it.
      var target = document.createElement("div");
      drawing.appendChild(target);
      window.vegaEmbed(target, spec, options).then(function (result) {
        var drawnAtBuild = drawing.querySelector(".static-chart");
        if (drawnAtBuild) drawnAtBuild.remove();
        // To a screen reader the chart is one image, named by its text alternative (the drawing's
        // aria-label, as in the app), with its data table below: Vega's own marks stay silent.
        result.view.container().querySelectorAll("svg").forEach(function (svg) {
          svg.setAttribute("aria-hidden", "true");
        });
        drawing.setAttribute("data-drawn", "");  // for the tests and the benchmark: this one is done
      }).catch(function (error) {
        console.error("Chart " + drawing.id + " was not drawn: " + error);
      });
    });
  }

  function setUpFilters() {
    document.querySelectorAll("[data-filter-table]").forEach(function (input) {
      var table = document.getElementById(input.getAttribute("data-filter-table"));
      var status = document.getElementById(input.getAttribute("data-filter-status"));
      var wording = input.getAttribute("data-filter-text");
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
      input.closest("[hidden]").hidden = false;
      input.addEventListener("input", function () {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        var shown = 0;
        rows.forEach(function (row, index) {
          var match = words.every(function (word) { return texts[index].indexOf(word) >= 0; });
          row.hidden = !match;
          if (match) shown += 1;
        });
        status.textContent = words.length
          ? wording.replace("{shown}", String(shown)).replace("{total}", String(rows.length))
          : "";
      });
    });
  }

  drawCharts();
  setUpFilters();
})();
