(function () {
  "use strict";
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-claim]"));
  var docs = Array.prototype.slice.call(document.querySelectorAll("article.doc"));
  var form = document.getElementById("filters");
  var status = document.getElementById("status");
  var panel = document.getElementById("panel-card");
  var aside = document.getElementById("panel");
  var matching = document.getElementById("matching");
  var narrowed = document.body.getAttribute("data-narrowed") === "1";
  var dims = Array.prototype.map.call(form.querySelectorAll("select"), function (s) { return s.name; });
  var titles = {};
  var pinned = null;
  var LISTED = +document.body.getAttribute("data-listed") || 300;

  docs.forEach(function (d) {
    var h = d.querySelector("h3");
    titles[d.getAttribute("data-article")] = h ? h.textContent : "";
  });

  function show(id) {
    var card = document.getElementById("card-" + id);
    panel.textContent = "";
    if (card) { panel.appendChild(card.cloneNode(true)); }
    aside.hidden = !card;
  }

  function pin(mark) {
    if (pinned) { pinned.classList.remove("pinned"); }
    pinned = mark;
    if (mark) { mark.classList.add("pinned"); show(mark.getAttribute("data-claim")); } else { aside.hidden = true; }
  }

  // The filtered view: the matching claims, listed at the top of the
  // articles with a link into each one's text (built from text, never HTML).
  function list(found) {
    var ol = document.getElementById("matching-list");
    ol.textContent = "";
    found.slice(0, LISTED).forEach(function (m) {
      var li = document.createElement("li"), tag = document.createElement("span");
      var a = document.createElement("a"), src = document.createElement("span");
      var speaker = m.getAttribute("data-speaker"), text = m.textContent;
      tag.className = "tag " + m.className.split(" ").filter(function (c) { return /^st\d+$/.test(c); }).join(" ");
      tag.textContent = m.getAttribute("data-stance");
      a.href = "#" + m.id;
      a.setAttribute("data-goto", m.getAttribute("data-claim"));
      a.textContent = (speaker === "(author)" ? "" : speaker + ": ") + (text.length > 160 ? text.slice(0, 157) + "…" : text);
      src.className = "src";
      src.textContent = " · " + m.className.split(" ")[1] + " · " + titles[m.getAttribute("data-article")];
      li.appendChild(tag); li.appendChild(document.createTextNode(" ")); li.appendChild(a); li.appendChild(src);
      ol.appendChild(li);
    });
    document.getElementById("matching-title").textContent = found.length + " matching claim" + (found.length === 1 ? "" : "s");
    document.getElementById("matching-more").textContent = found.length > LISTED ?
      (found.length - LISTED) + " more: narrow the filters to list them" : "";
  }

  function matches(m, f) {
    return dims.every(function (d) {
      if (!f[d]) { return true; }
      if (d === "reason") { return m.getAttribute("data-reasons").split(" ").indexOf(f.reason) >= 0; }
      return m.getAttribute("data-" + d) === f[d];
    });
  }

  function apply() {
    var f = {}, any = false, n = 0, clusters = {}, nc = 0, seen = {}, na = 0, found = [];
    dims.forEach(function (d) { f[d] = form.elements[d].value; any = any || !!f[d]; });
    marks.forEach(function (m) {
      var ok = matches(m, f), who = m.previousElementSibling;
      m.classList.toggle("off", !ok);
      if (who && who.classList.contains("who")) { who.classList.toggle("off", !ok); }
      if (ok) {
        n += 1;
        found.push(m);
        var c = m.getAttribute("data-cluster"), a = m.getAttribute("data-article");
        if (!clusters[c]) { clusters[c] = true; nc += 1; }
        if (!seen[a]) { seen[a] = true; na += 1; }
      }
    });
    docs.forEach(function (d) { d.hidden = any && !seen[d.getAttribute("data-article")]; });
    matching.hidden = !(any || narrowed);
    if (!matching.hidden) { list(found); }
    status.textContent = n + " claims (" + nc + " when near-duplicates count once) in " + na + " articles";
  }

  function setFilters(el) {
    dims.forEach(function (d) {
      var v = el.getAttribute("data-f-" + d) || "";
      form.elements[d].value = v;
      if (form.elements[d].value !== v) { form.elements[d].value = ""; }
    });
    pin(null);
    apply();
    matching.scrollIntoView({block: "start"});
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
  document.addEventListener("mouseout", function (e) {
    var m = e.target.closest && e.target.closest("mark[data-claim]");
    if (m && !pinned) { aside.hidden = true; }
  });
  document.getElementById("panel-close").addEventListener("click", function () { pin(null); });
  form.addEventListener("change", apply);
  document.getElementById("clear").addEventListener("click", function () { form.reset(); apply(); });
  apply();
}());
