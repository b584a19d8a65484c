// Quick keys for the labelling queue: 1-3 sentiment, q-y kind, a-s-d urgency,
// Enter saves, j/k move between cards. Only when no text field has the focus.
(function () {
  "use strict";
  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll(".label-card:not(.label-done)"));
  }
  var current = 0;
  function focusCard(i) {
    var all = cards();
    if (!all.length) return;
    current = Math.max(0, Math.min(i, all.length - 1));
    all.forEach(function (c, j) { c.classList.toggle("label-current", j === current); });
    all[current].focus();
    all[current].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" && t.type === "text" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    var all = cards();
    if (!all.length) return;
    if (current >= all.length) current = all.length - 1;
    var card = all[current];
    var key = ev.key.toLowerCase();
    if (key === "j") { focusCard(current + 1); ev.preventDefault(); return; }
    if (key === "k") { focusCard(current - 1); ev.preventDefault(); return; }
    if (ev.key === "Enter" && !(t && t.tagName === "BUTTON")) {
      var form = card.querySelector("form");
      if (form) { form.requestSubmit(); ev.preventDefault(); }
      return;
    }
    var label = card.querySelector('label[data-key="' + key + '"]');
    if (label) {
      var input = document.getElementById(label.getAttribute("for"));
      if (input) { input.checked = true; input.dispatchEvent(new Event("change", { bubbles: true })); ev.preventDefault(); }
    }
  });
  document.addEventListener("focusin", function (ev) {
    var card = ev.target.closest && ev.target.closest(".label-card");
    if (card) { var i = cards().indexOf(card); if (i >= 0) { current = i; } }
  });
  document.addEventListener("htmx:afterSwap", function () { focusCard(current); });
  document.addEventListener("DOMContentLoaded", function () { focusCard(0); });
})();
