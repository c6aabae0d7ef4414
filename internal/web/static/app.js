// govdesk: small progressive enhancements; every page works without them.
"use strict";
// A checked box (or a form) carrying data-confirm asks before the form is sent.
document.addEventListener("submit", function (e) {
  var form = e.target;
  var asks = [];
  if (form.dataset && form.dataset.confirm) asks.push(form.dataset.confirm);
  form.querySelectorAll("input[data-confirm]:checked").forEach(function (el) { asks.push(el.dataset.confirm); });
  for (var i = 0; i < asks.length; i++) {
    if (!window.confirm(asks[i])) { e.preventDefault(); return; }
  }
});
