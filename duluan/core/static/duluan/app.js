// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Keep the CSRF token on HTMX requests.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });

  // Filters left blank stay out of the address htmx pushes (?urgency=diem_nong,
  // not a dozen empty parameters).
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (event.detail.verb !== "get" || !data) { return; }
    var empty = [];
    data.forEach(function (value, name) { if (value === "") { empty.push(name); } });
    empty.forEach(function (name) { data.delete(name); });
  });

  // A form sent back with errors: put the cursor in the first field to fix, whose
  // accessible description carries the error message (aria-describedby).
  var invalid = document.querySelector("main form [aria-invalid=true]");
  if (invalid) { invalid.focus(); }

  // After the filters swap the report rows, say how many there are now (a live
  // region must exist before its text changes, so it sits outside the swap).
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "report-rows") { return; }
    var status = document.getElementById("report-rows-status");
    var count = target.querySelector(".result-count");
    if (status && count) { status.textContent = "Đã lọc: " + count.textContent.trim(); }
  });
})();
// After a report was accepted, the page that follows carries data-report-sent:
// forget the draft that was just sent.
(function () {
  "use strict";
  if (!document.querySelector("[data-report-sent]")) { return; }
  try {
    var key = sessionStorage.getItem("duluan-draft-sent");
    if (key) { localStorage.removeItem(key); sessionStorage.removeItem("duluan-draft-sent"); }
  } catch (e) { /* storage unavailable */ }
})();
// The menu button (below 1024 px): opens and closes the navigation, Escape closes it
// and gives the focus back to the button.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-nav-toggle]");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu) { return; }
  function set(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  }
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    set(open);
    if (open) {
      var first = menu.querySelector("a");
      if (first) { first.focus(); }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      set(false);
      toggle.focus();
    }
  });
})();
