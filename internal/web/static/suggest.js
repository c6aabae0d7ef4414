// govdesk new-order form: refresh the dispatch suggestion as the order is written.
"use strict";
(function () {
  var box = document.getElementById("order-suggest");
  var list = document.getElementById("suggest-list");
  if (!box || !list || !window.fetch) return;
  var fields = ["f-title", "f-content", "f-category", "f-town"].map(function (id) { return document.getElementById(id); });
  var timer = null, seq = 0;
  function pct(c) { return (Math.round(c * 1000) / 10) + "%"; }
  function run() {
    var body = { title: fields[0].value, content: fields[1].value, category: fields[2].value.replace(/^\/+|\/+$/g, ""),
      town: fields[3] ? fields[3].value : "" };
    if ((body.title + body.content + body.category).trim() === "") return;
    var mine = ++seq;
    fetch("/api/v1/orders/suggest-units", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": box.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data || mine !== seq) return;
      list.innerHTML = "";
      data.suggestions.forEach(function (s) {
        var li = document.createElement("li");
        var b = document.createElement("strong");
        b.textContent = s.unit_name;
        li.appendChild(b);
        li.appendChild(document.createTextNode("（" + s.unit_code + "）置信度 " + pct(s.confidence)));
        list.appendChild(li);
      });
      var empty = document.getElementById("suggest-empty");
      if (empty) empty.hidden = data.suggestions.length > 0;
    }).catch(function () {});
  }
  fields.forEach(function (f) {
    if (f) f.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 400); });
  });
})();
