(function () {
  "use strict";
  var el = document.getElementById("thanks");
  var key = el && el.getAttribute("data-clear");
  if (key) { try { localStorage.removeItem(key); } catch (err) { /* private mode */ } }
})();
