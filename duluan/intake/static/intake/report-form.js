// Checks each attachment of the report form as soon as it is chosen, against the
// server's own limit and types (the input's data- attributes, written from the
// settings): a 20 MB photo is refused at once, with a message beside the control,
// instead of after minutes of upload on 3G. A refused file is taken out of the
// choice, so it is never sent; the others stay. The server checks again, by the
// bytes. Without JavaScript the form still works and the server refuses.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }
  var input = form.querySelector("input[type=file][data-max-bytes]");
  if (!input) { return; }
  var out = document.getElementById(input.id + "_check");
  var maxBytes = parseInt(input.getAttribute("data-max-bytes"), 10);
  var maxLabel = input.getAttribute("data-max-label") || "";
  var kinds = input.getAttribute("data-kinds-label") || "";
  var types = (input.getAttribute("data-types") || "").split(",");
  var extensions = (input.getAttribute("data-extensions") || "").split(",");

  function megabytes(bytes) {
    // 20971520 → "20 MB", 10600000 → "10,1 MB" (Vietnamese decimal comma).
    var mb = Math.round((bytes / (1024 * 1024)) * 10) / 10;
    return String(mb).replace(".", ",") + " MB";
  }

  function extension(name) {
    var dot = name.lastIndexOf(".");
    return dot < 0 ? "" : name.slice(dot).toLowerCase();
  }

  function problem(file) {
    var name = "Tệp «" + file.name + "»";
    if (file.size > maxBytes) {
      return name + " nặng " + megabytes(file.size) + ", quá mức " + maxLabel + " cho mỗi tệp.";
    }
    if (file.size === 0) { return name + " rỗng."; }
    var known = extensions.indexOf(extension(file.name)) >= 0 ||
      (file.type !== "" && types.indexOf(file.type) >= 0);
    if (!known) { return name + " không phải " + kinds + "."; }
    return "";
  }

  function describe(on) {
    var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    var at = ids.indexOf(out.id);
    if (on && at < 0) { ids.push(out.id); }
    if (!on && at >= 0) { ids.splice(at, 1); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); }
    else { input.removeAttribute("aria-describedby"); }
    if (on) { input.setAttribute("aria-invalid", "true"); }
    else { input.removeAttribute("aria-invalid"); }
  }

  function say(text) {
    if (!out) { return; }
    out.textContent = text;
    out.classList.toggle("error", text !== "");
    describe(text !== "");
  }

  function check() {
    var chosen = Array.prototype.slice.call(input.files || []);
    var good = [];
    var problems = [];
    chosen.forEach(function (file) {
      var why = problem(file);
      if (why) { problems.push(why); } else { good.push(file); }
    });
    if (!problems.length) { say(""); return; }
    var kept = false;
    if (good.length && typeof DataTransfer === "function") {
      try {
        var keep = new DataTransfer();
        good.forEach(function (file) { keep.items.add(file); });
        input.files = keep.files;
        kept = true;
      } catch (e) { kept = false; }
    }
    if (!kept) { input.value = ""; }
    var after = kept
      ? " Tệp đó sẽ không được gửi; " + good.length + " tệp còn lại vẫn được gửi kèm."
      : " Tệp không được gửi: hãy chọn tệp khác (tối đa " + maxLabel + ", " + kinds + ").";
    say(problems.join(" ") + after);
  }

  input.addEventListener("change", check);
  // A last look before sending (a file changed on disk since it was chosen).
  form.addEventListener("submit", check);
})();
