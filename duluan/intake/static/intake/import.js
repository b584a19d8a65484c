// Upload progress for the import form: HTMX fires htmx:xhr:progress while the
// file goes up. Without JavaScript the form posts normally and needs none of this.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form) { return; }
  var bar = document.getElementById("import-progress");
  var label = document.getElementById("import-progress-label");
  var uploaded = false;
  function show(text, percent) {
    if (label) { label.textContent = text; }
    if (!bar) { return; }
    if (percent === null) { bar.removeAttribute("value"); } else { bar.value = percent; }
  }
  form.addEventListener("htmx:beforeRequest", function () {
    uploaded = false;
    show("Đang tải tệp lên…", 0);
  });
  form.addEventListener("htmx:xhr:progress", function (event) {
    var detail = event.detail || {};
    // The response's own download also reports progress: ignore it once uploaded.
    if (uploaded || !detail.lengthComputable || !detail.total) { return; }
    var percent = Math.round((detail.loaded / detail.total) * 100);
    if (percent >= 100) {
      uploaded = true;
      show("Đã tải lên; đang kiểm tra và ghi dữ liệu…", null);
    } else {
      show("Đang tải tệp lên… " + percent + " %", percent);
    }
  });
  form.addEventListener("htmx:afterRequest", function () {
    var result = document.getElementById("import-result");
    if (result) { result.setAttribute("tabindex", "-1"); result.focus(); }
  });
})();
