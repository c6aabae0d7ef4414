// govdesk call screen: search as you type. The form still works without it.
"use strict";
(function () {
  var input = document.getElementById("kb-q");
  var box = document.getElementById("kb-results");
  if (!input || !box) return;
  var timer = null, seq = 0, last = input.value;
  function run() {
    var q = input.value;
    if (q === last) return;
    last = q;
    var mine = ++seq;
    if (q.trim() === "") { box.innerHTML = ""; return; }
    fetch("/kb/results?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (mine !== seq) return; // a newer query answered or is on its way
        box.innerHTML = html;
        if (window.history && history.replaceState) history.replaceState(null, "", "/kb?q=" + encodeURIComponent(q));
      })
      .catch(function () {});
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
})();
