/* Search and filters for the clause matrix and the findings (HTML only; the PDF has no script). */
(function () {
  "use strict";
  var ids = ["f-text", "f-status", "f-section", "f-severity", "f-target"];
  var el = {};
  ids.forEach(function (id) { el[id] = document.getElementById(id); });
  if (!el["f-status"]) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-status]"));
  function apply() {
    var text = el["f-text"].value.trim().toLowerCase();
    var status = el["f-status"].value, section = el["f-section"].value;
    var severity = el["f-severity"].value, target = el["f-target"].value;
    var shown = 0, clauses = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!status || d.status === status) &&
        (!section || ("|" + d.section + "|").indexOf("|" + section + "|") >= 0) &&
        (!severity || d.severity === severity) &&
        (!target || (" " + d.targets + " ").indexOf(" " + target + " ") >= 0) &&
        (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.classList.toggle("hidden", !ok);
      if (row.classList.contains("clause-row")) { clauses += 1; if (ok) { shown += 1; } }
    });
    el["f-count"].textContent = shown + " of " + clauses + " clauses shown";
  }
  ids.forEach(function (id) { el[id].addEventListener("input", apply); el[id].addEventListener("change", apply); });
  apply();
}());
