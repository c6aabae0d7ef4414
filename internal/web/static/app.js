// govdesk: small progressive enhancements; every page works without them.
"use strict";
// A checked box (or a form) carrying data-confirm asks before the form is sent. A
// form's question may name its fields in braces ("兑付 {amount} 元？"): each is replaced
// by what the field holds when the form is sent.
document.addEventListener("submit", function (e) {
  var form = e.target;
  var asks = [];
  if (form.dataset && form.dataset.confirm) {
    asks.push(form.dataset.confirm.replace(/\{(\w+)\}/g, function (m, name) {
      var el = form.elements[name];
      return el && "value" in el ? el.value.trim() : m;
    }));
  }
  form.querySelectorAll("input[data-confirm]:checked").forEach(function (el) { asks.push(el.dataset.confirm); });
  for (var i = 0; i < asks.length; i++) {
    if (!window.confirm(asks[i])) { e.preventDefault(); return; }
  }
});
// A long submission (a file import or upload, or a form marked data-busy) says it is
// working and cannot be sent twice while the server reads the file.
document.addEventListener("submit", function (e) {
  var form = e.target;
  if (e.defaultPrevented) return;
  if (form.enctype !== "multipart/form-data" && !(form.dataset && form.dataset.busy)) return;
  var btn = form.querySelector("button[type=submit], button:not([type])");
  if (btn) { // after the browser has read the form, so the button's own value still travels
    setTimeout(function () {
      btn.disabled = true;
      btn.textContent = (form.dataset && form.dataset.busy) || "正在处理，请稍候…";
    }, 0);
  }
  form.setAttribute("aria-busy", "true");
});
// A generated download (a report, a table) takes a moment: the link says so meanwhile.
document.addEventListener("click", function (e) {
  var a = e.target.closest && e.target.closest("a[download]");
  if (!a || a.dataset.busyText) return;
  a.dataset.busyText = a.textContent;
  a.textContent = "正在生成，请稍候…";
  a.setAttribute("aria-busy", "true");
  setTimeout(function () {
    a.textContent = a.dataset.busyText;
    delete a.dataset.busyText;
    a.removeAttribute("aria-busy");
  }, 4000);
});
// A table with class "sortable" sorts by a column when its heading is clicked (again:
// the other way); numbers and percentages sort as numbers. Only the rows on the page.
document.addEventListener("click", function (e) {
  var th = e.target.closest && e.target.closest("table.sortable thead th");
  if (!th) return;
  var table = th.closest("table"), body = table.tBodies[0];
  if (!body) return;
  var col = Array.prototype.indexOf.call(th.parentNode.children, th);
  var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
  th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
  th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  var key = function (tr) {
    var t = (tr.children[col] ? tr.children[col].textContent : "").trim();
    var n = parseFloat(t.replace(/[,%]/g, ""));
    return /^-?[\d.,]+%?$/.test(t) && !isNaN(n) ? n : t;
  };
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (a, b) {
    var x = key(a), y = key(b);
    if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
    return String(x).localeCompare(String(y), "zh-CN") * dir;
  });
  rows.forEach(function (r) { body.appendChild(r); });
});
// The navigation's drop-downs open on a tap too (some phones give a tapped button no
// focus); a tap elsewhere or Escape closes them.
document.addEventListener("click", function (e) {
  var head = e.target.closest && e.target.closest("nav.main .navhead");
  document.querySelectorAll("nav.main .navgroup.open").forEach(function (g) {
    if (!head || g !== head.parentNode) {
      g.classList.remove("open");
      g.querySelector(".navhead").setAttribute("aria-expanded", "false");
    }
  });
  if (head) {
    var open = head.parentNode.classList.toggle("open");
    head.setAttribute("aria-expanded", open ? "true" : "false");
  }
});
document.addEventListener("keydown", function (e) {
  if (e.key !== "Escape") return;
  document.querySelectorAll("nav.main .navgroup.open").forEach(function (g) { g.classList.remove("open"); });
});
// A part of a form marked data-off-when="FIELD=VALUE" is hidden while the form's FIELD
// has VALUE, its inputs disabled (neither checked nor sent); while shown, its inputs
// marked data-required are required. Without script the part stays and the server decides.
function offWhen(form) {
  form.querySelectorAll("[data-off-when]").forEach(function (part) {
    var rule = part.dataset.offWhen.split("="), field = form.elements[rule[0]];
    var off = !!field && field.value === rule[1];
    part.hidden = off;
    part.querySelectorAll("input, select, textarea").forEach(function (el) {
      el.disabled = off;
      if (el.hasAttribute("data-required")) el.required = !off;
    });
  });
}
document.addEventListener("change", function (e) { if (e.target.form) offWhen(e.target.form); });
document.querySelectorAll("form").forEach(offWhen);
// A select marked data-follows="ID" offers only the option group labelled with the
// value of the select ID (the villages of the chosen town); an option chosen in another
// group is let go. Without script every group stays.
function follow(sel) {
  var lead = document.getElementById(sel.dataset.follows);
  if (!lead) return;
  sel.querySelectorAll("optgroup").forEach(function (g) {
    var off = g.label !== lead.value;
    g.hidden = off;
    g.disabled = off;
    if (off && g.querySelector("option:checked")) sel.value = "";
  });
}
document.querySelectorAll("select[data-follows]").forEach(function (sel) {
  follow(sel);
  var lead = document.getElementById(sel.dataset.follows);
  if (lead) lead.addEventListener("change", function () { follow(sel); });
});
