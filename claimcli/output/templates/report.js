(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-claim]"));
  var docs = Array.prototype.slice.call(document.querySelectorAll("article.doc"));
  var form = document.getElementById("filters");
  var status = document.getElementById("status");
  var panel = document.getElementById("panel-card");
  var dims = ["speaker", "stance", "reason", "article"];
  var pinned = null;

  function show(id) {
    var card = document.getElementById("card-" + id);
    panel.textContent = "";
    if (card) { panel.appendChild(card.cloneNode(true)); }
  }

  function pin(mark) {
    if (pinned) { pinned.classList.remove("pinned"); }
    pinned = mark;
    if (mark) { mark.classList.add("pinned"); show(mark.getAttribute("data-claim")); }
  }

  function matches(m, f) {
    return (!f.speaker || m.getAttribute("data-speaker") === f.speaker) &&
      (!f.stance || m.getAttribute("data-stance") === f.stance) &&
      (!f.reason || m.getAttribute("data-reasons").split(" ").indexOf(f.reason) >= 0) &&
      (!f.article || m.getAttribute("data-article") === f.article);
  }

  function apply() {
    var f = {}, any = false, n = 0, clusters = {}, nc = 0, seen = {}, na = 0;
    dims.forEach(function (d) { f[d] = form.elements[d].value; any = any || !!f[d]; });
    marks.forEach(function (m) {
      var ok = matches(m, f), who = m.previousElementSibling;
      m.classList.toggle("off", !ok);
      if (who && who.classList.contains("who")) { who.classList.toggle("off", !ok); }
      if (ok) {
        n += 1;
        var c = m.getAttribute("data-cluster"), a = m.getAttribute("data-article");
        if (!clusters[c]) { clusters[c] = true; nc += 1; }
        if (!seen[a]) { seen[a] = true; na += 1; }
      }
    });
    docs.forEach(function (d) { d.hidden = any && !seen[d.getAttribute("data-article")]; });
    status.textContent = n + " claims (" + nc + " when near-duplicates count once) in " + na + " articles";
  }

  function setFilters(el) {
    dims.forEach(function (d) {
      var v = el.getAttribute("data-f-" + d) || "";
      form.elements[d].value = v;
      if (form.elements[d].value !== v) { form.elements[d].value = ""; }
    });
    apply();
    var first = marks.filter(function (m) { return !m.classList.contains("off"); })[0];
    if (first) { first.scrollIntoView({block: "center"}); pin(first); }
  }

  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest && e.target.closest("mark[data-claim]");
    if (m && !pinned) { show(m.getAttribute("data-claim")); }
  });
  document.addEventListener("click", function (e) {
    if (!e.target.closest) { return; }
    var m = e.target.closest("mark[data-claim]");
    if (m) { pin(m === pinned ? null : m); return; }
    var go = e.target.closest("[data-goto]");
    if (go) {
      e.preventDefault();
      var target = document.getElementById("c-" + go.getAttribute("data-goto"));
      if (target) { target.scrollIntoView({block: "center"}); pin(target); }
      return;
    }
    var cell = e.target.closest("a.cell");
    if (cell) { e.preventDefault(); setFilters(cell); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { pin(null); }
    if (e.key === "Enter" && e.target.matches && e.target.matches("mark[data-claim]")) { pin(e.target); }
  });
  form.addEventListener("change", apply);
  document.getElementById("clear").addEventListener("click", function () { form.reset(); apply(); });
  apply();
}());
