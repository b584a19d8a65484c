// Keeps a draft of the report form in this browser's storage, so a dropped
// connection or a closed tab loses nothing. Files are not kept (storage
// cannot hold them); the page says so.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }
  var key = form.getAttribute("data-draft-key");
  var status = document.getElementById("draft-status");
  var fields = form.querySelectorAll("input:not([type=file]):not([type=hidden]), select, textarea");
  var hasErrors = form.querySelector(".error") !== null;

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    var data = {};
    fields.forEach(function (el) {
      data[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    try {
      localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), data: data }));
      say("Đã lưu bản nháp trên máy này lúc " + new Date().toLocaleTimeString("vi-VN") + ".");
    } catch (e) { say("Không lưu được bản nháp trên máy này."); }
  }

  function restore() {
    var raw = null;
    try { raw = localStorage.getItem(key); } catch (e) { return; }
    if (!raw || hasErrors) { return; }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return; }
    fields.forEach(function (el) {
      if (!(el.name in draft.data)) { return; }
      if (el.type === "checkbox") { el.checked = !!draft.data[el.name]; }
      else { el.value = draft.data[el.name]; }
    });
    say("Đã khôi phục bản nháp chưa gửi (tệp đính kèm cần chọn lại).");
  }

  restore();
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", function () {
    try { sessionStorage.setItem("duluan-draft-sent", key); } catch (e) { /* ignore */ }
  });
  var clear = document.getElementById("draft-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
      form.reset();
      say("Đã xoá bản nháp.");
    });
  }
})();
