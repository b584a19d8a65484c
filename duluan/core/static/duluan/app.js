// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Keep the CSRF token on HTMX requests.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
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
