/* duluan survey form: skip logic, calculations, choice filters and constraints
 * evaluated as the person answers (the server re-checks everything), and the
 * half-filled form kept in localStorage. The evaluator is a port of
 * duluan/surveys/expr.py: keep the two in step. */
(function () {
  "use strict";

  // ── the XPath subset ────────────────────────────────────────────────
  var TOKEN = /\s*(?:(\$\{[A-Za-z_][\w.\-]*\}|\.\.\/[A-Za-z_][\w.\-]*)|(\d+(?:\.\d*)?|\.\d+)|('[^']*'|"[^"]*")|(!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,|\|)|([A-Za-z_][\w\-]*(?::[A-Za-z_][\w\-]*)?)|(\.\.|\.)|(\S))/y;
  var KEYWORDS = { and: 1, or: 1, div: 1, mod: 1 };

  function tokenize(text) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    text = text.trim();
    while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) {
      if (m[1]) out.push(["ref", m[1]]);
      else if (m[2]) out.push(["num", m[2]]);
      else if (m[3]) out.push(["str", m[3]]);
      else if (m[4]) out.push(["op", m[4]]);
      else if (m[5]) out.push([KEYWORDS[m[5]] ? "op" : "name", m[5]]);
      else if (m[6]) out.push(["dot", m[6]]);
      else throw new Error("bad token " + m[7]);
    }
    return out;
  }

  function Parser(text, attrs) { this.t = tokenize(text); this.i = 0; this.attrs = attrs; }
  Parser.prototype.peek = function () { return this.t[this.i]; };
  Parser.prototype.is = function (kind, value) {
    var t = this.t[this.i]; return !!t && t[0] === kind && t[1] === value;
  };
  Parser.prototype.take = function () {
    if (this.i >= this.t.length) throw new Error("unexpected end");
    return this.t[this.i++];
  };
  Parser.prototype.binary = function (ops, lower) {
    var left = lower.call(this), t;
    while ((t = this.peek()) && t[0] === "op" && ops.indexOf(t[1]) >= 0) {
      this.i++;
      left = { k: "bin", v: t[1], a: [left, lower.call(this)] };
    }
    return left;
  };
  Parser.prototype.or = function () { return this.binary(["or"], this.and); };
  Parser.prototype.and = function () { return this.binary(["and"], this.eq); };
  Parser.prototype.eq = function () { return this.binary(["=", "!="], this.rel); };
  Parser.prototype.rel = function () { return this.binary(["<", "<=", ">", ">="], this.add); };
  Parser.prototype.add = function () { return this.binary(["+", "-"], this.mul); };
  Parser.prototype.mul = function () { return this.binary(["*", "div", "mod"], this.unary); };
  Parser.prototype.unary = function () {
    if (this.is("op", "-")) { this.i++; return { k: "neg", a: [this.unary()] }; }
    return this.primary();
  };
  Parser.prototype.primary = function () {
    var t = this.take(), kind = t[0], value = t[1];
    if (kind === "num") return { k: "num", v: parseFloat(value) };
    if (kind === "str") return { k: "str", v: value.slice(1, -1) };
    if (kind === "ref") return { k: "ref", v: value.charAt(0) === "." ? value.slice(3) : value.slice(2, -1) };
    if (kind === "dot") return { k: "dot" };
    if (kind === "op" && value === "(") { var n = this.or(); this.take(); return n; }
    if (kind === "name") {
      if (!this.is("op", "(") && this.attrs) return { k: "attr", v: value };
      this.i++;
      var args = [];
      if (!this.is("op", ")")) {
        args.push(this.or());
        while (this.is("op", ",")) { this.i++; args.push(this.or()); }
      }
      this.take();
      return { k: "call", v: value, a: args };
    }
    throw new Error("cannot read " + value);
  };

  var cache = {};
  function parse(text, attrs) {
    var key = (attrs ? "1" : "0") + text;
    if (!cache[key]) { var p = new Parser(text, attrs); cache[key] = p.or(); }
    return cache[key];
  }

  function Node(s) { this.s = s; }  // a referenced answer: XPath node-set semantics
  Node.prototype.toString = function () { return this.s; };

  var EPOCH = Date.UTC(1970, 0, 1);
  function num(v) {
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "number") return v;
    var s = String(v).trim();
    if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
      var d = Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
      return Math.round((d - EPOCH) / 86400000);
    }
    if (s === "" || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
    return parseFloat(s);
  }
  function str(v) {
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") {
      if (isNaN(v)) return "NaN";
      return String(v);
    }
    return String(v);
  }
  function bool(v) {
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return !(v === 0 || isNaN(v));
    return str(v) !== "";
  }
  function compare(op, l, r) {
    if (op === "=" || op === "!=") {
      var same;
      if (typeof l === "boolean" || typeof r === "boolean") same = bool(l) === bool(r);
      else if (typeof l === "number" || typeof r === "number") same = num(l) === num(r);
      else same = str(l) === str(r);
      return op === "=" ? same : !same;
    }
    var a = num(l), b = num(r);
    return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
  }
  function today() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function ev(n, ctx) {
    switch (n.k) {
      case "num": case "str": return n.v;
      case "ref": return new Node(ctx.get(n.v));
      case "attr": return new Node((ctx.choice || {})[n.v] || "");
      case "dot": return new Node(ctx.current || "");
      case "neg": return -num(ev(n.a[0], ctx));
      case "bin": {
        var op = n.v;
        if (op === "or") return bool(ev(n.a[0], ctx)) || bool(ev(n.a[1], ctx));
        if (op === "and") return bool(ev(n.a[0], ctx)) && bool(ev(n.a[1], ctx));
        var l = ev(n.a[0], ctx), r = ev(n.a[1], ctx);
        if (["=", "!=", "<", "<=", ">", ">="].indexOf(op) >= 0) return compare(op, l, r);
        var a = num(l), b = num(r);
        if (op === "+") return a + b;
        if (op === "-") return a - b;
        if (op === "*") return a * b;
        if (op === "div") return a / b;
        if (op === "mod") return a % b;
        break;
      }
      case "call": return call(n.v, n.a, ctx);
    }
    throw new Error("bad node");
  }

  function call(name, args, ctx) {
    if (name === "if") return bool(ev(args[0], ctx)) ? ev(args[1], ctx) : ev(args[2], ctx);
    var v = args.map(function (a) { return ev(a, ctx); });
    switch (name) {
      case "concat": return v.map(str).join("");
      case "coalesce": return str(v[0]) ? str(v[0]) : str(v[1]);
      case "selected": return str(v[0]).split(/\s+/).indexOf(str(v[1]).trim()) >= 0;
      case "count-selected": return str(v[0]).split(/\s+/).filter(Boolean).length;
      case "selected-at": return str(v[0]).split(/\s+/).filter(Boolean)[Math.trunc(num(v[1]))] || "";
      case "string-length": return str(v.length ? v[0] : ctx.current).length;
      case "not": return !bool(v[0]);
      case "true": return true;
      case "false": return false;
      case "number": return num(v[0]);
      case "int": return Math.trunc(num(v[0]));
      case "round": { var f = Math.pow(10, v.length > 1 ? num(v[1]) : 0); return Math.floor(num(v[0]) * f + 0.5) / f; }
      case "floor": return Math.floor(num(v[0]));
      case "ceiling": return Math.ceil(num(v[0]));
      case "abs": return Math.abs(num(v[0]));
      case "min": return Math.min.apply(null, v.map(num));
      case "max": return Math.max.apply(null, v.map(num));
      case "pow": return Math.pow(num(v[0]), num(v[1]));
      case "string": return str(v[0]);
      case "boolean": return bool(v[0]);
      case "boolean-from-string": return ["true", "1"].indexOf(str(v[0])) >= 0;
      case "contains": return str(v[0]).indexOf(str(v[1])) >= 0;
      case "starts-with": return str(v[0]).indexOf(str(v[1])) === 0;
      case "ends-with": { var s = str(v[0]), e = str(v[1]); return s.slice(s.length - e.length) === e; }
      case "substr": { var t = str(v[0]); return t.slice(num(v[1]), v.length > 2 ? num(v[2]) : t.length); }
      case "normalize-space": return str(v[0]).trim().split(/\s+/).join(" ");
      case "translate": {
        var text = str(v[0]), src = str(v[1]), dst = str(v[2]), out = "";
        for (var i = 0; i < text.length; i++) {
          var at = src.indexOf(text[i]);
          out += at < 0 ? text[i] : (at < dst.length ? dst[at] : "");
        }
        return out;
      }
      case "today": return today();
      case "now": return new Date().toISOString().slice(0, 19);
      case "date": return typeof v[0] === "number" ? new Date(EPOCH + v[0] * 86400000).toISOString().slice(0, 10) : str(v[0]);
      case "decimal-date": return num(v[0]);
      case "regex": try { return new RegExp(str(v[1])).test(str(v[0])); } catch (err) { return false; }
      case "jr:choice-name": case "choice-label": return ctx.label(args[1].v ? String(args[1].v).replace(/^\$\{|\}$/g, "") : "", str(v[0]));
      case "once": return v[0];
      case "uuid": return "uuid";
    }
    throw new Error("unsupported " + name);
  }

  function evaluate(text, ctx, attrs) {
    try { return ev(parse(text, attrs), ctx); } catch (err) { return ""; }
  }
  window.duluanExpr = { evaluate: evaluate, bool: bool, str: str };

  // ── the form ────────────────────────────────────────────────────────
  var form = document.getElementById("survey-form");
  if (!form) return;
  var blocks = Array.prototype.slice.call(form.querySelectorAll(".q, .q-calc"));
  var groups = Array.prototype.slice.call(form.querySelectorAll(".q-group"));

  function inputs(block) { return Array.prototype.slice.call(block.querySelectorAll("input, textarea, select")); }

  function rawValue(block) {
    if (block.classList.contains("q-calc")) return block.value;
    var type = block.getAttribute("data-type");
    var fields = inputs(block);
    if (type === "select all that apply") {
      return fields.filter(function (f) { return f.checked && !f.disabled; }).map(function (f) { return f.value; }).join(" ");
    }
    if (type === "select one" || type === "acknowledge" || type === "trigger") {
      var hit = fields.filter(function (f) { return f.checked && !f.disabled; })[0];
      return hit ? hit.value : "";
    }
    return fields.length && !fields[0].disabled ? fields[0].value.trim() : "";
  }

  var values = {};
  var ctx = {
    get: function (name) { return values[name] === undefined ? "" : values[name]; },
    label: function (q, choice) {
      var el = form.querySelector('#q-' + CSS.escape(q) + ' input[value="' + CSS.escape(choice) + '"]');
      return el ? el.parentNode.textContent.trim() : "";
    }
  };

  function visible(el) {
    var rel = el.getAttribute("data-relevant");
    return !rel || bool(evaluate(rel, ctx));
  }

  function refresh() {
    values = {};
    blocks.forEach(function (b) { values[b.getAttribute("data-name")] = rawValue(b); });
    for (var pass = 0; pass < 2; pass++) {
      blocks.forEach(function (b) {
        var calc = b.getAttribute("data-calc");
        if (calc) {
          var result = evaluate(calc, ctx);
          var text = typeof result === "number" && isNaN(result) ? "" : str(result);
          values[b.getAttribute("data-name")] = text;
          if (b.classList.contains("q-calc")) b.value = text;
        }
      });
      groups.forEach(function (g) { g.hidden = !visible(g); });
      blocks.forEach(function (b) {
        if (b.classList.contains("q-calc")) return;
        var show = visible(b);
        b.hidden = !show;
        inputs(b).forEach(function (f) { f.disabled = !show; });
        if (!show) values[b.getAttribute("data-name")] = "";
        var filter = b.getAttribute("data-choice-filter");
        if (filter && show) {
          Array.prototype.forEach.call(b.querySelectorAll("label.choice"), function (label) {
            var attrs = JSON.parse(label.getAttribute("data-choice") || "{}");
            var keep = bool(evaluate(filter, { get: ctx.get, label: ctx.label, choice: attrs }, true));
            label.hidden = !keep;
            var input = label.querySelector("input");
            input.disabled = !keep;
            if (!keep) input.checked = false;
          });
        }
      });
    }
  }

  function check(block) {
    if (block.hidden || block.classList.contains("q-calc")) return "";
    var name = block.getAttribute("data-name");
    var value = values[name] || "";
    var type = block.getAttribute("data-type");
    var message = "";
    if (value === "") {
      var req = block.getAttribute("data-required");
      if (req && bool(evaluate(req, ctx))) message = block.getAttribute("data-required-msg") || "Câu này bắt buộc trả lời.";
    } else {
      if (type === "integer" && !/^-?\d+$/.test(value)) message = "Hãy nhập một số nguyên.";
      var constraint = block.getAttribute("data-constraint");
      if (!message && constraint) {
        var ok = bool(evaluate(constraint, { get: ctx.get, label: ctx.label, current: value }));
        if (!ok) message = block.getAttribute("data-constraint-msg") || "Câu trả lời không hợp lệ.";
      }
    }
    var slot = document.getElementById("err-" + name);
    if (slot) slot.textContent = message;
    block.classList.toggle("has-error", !!message);
    inputs(block).forEach(function (f) { if (message) f.setAttribute("aria-invalid", "true"); else f.removeAttribute("aria-invalid"); });
    return message;
  }

  // ── resume after a dropped connection ───────────────────────────────
  var key = form.getAttribute("data-storage");
  function save() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!f.name || f.name === "csrfmiddlewaretoken" || f.type === "hidden" && f.name !== "instance_id") return;
      if (f.type === "radio" || f.type === "checkbox") {
        if (f.checked) (data[f.name] = data[f.name] || []).push(f.value);
      } else data[f.name] = f.value;
    });
    try { localStorage.setItem(key, JSON.stringify(data)); } catch (err) { /* private mode */ }
  }
  function restore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (err) { saved = null; }
    if (!saved || document.getElementById("form-message")) return false;
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!f.name || !(f.name in saved)) return;
      if (f.type === "radio" || f.type === "checkbox") f.checked = saved[f.name].indexOf(f.value) >= 0;
      else f.value = saved[f.name];
    });
    return true;
  }

  var restored = restore();
  refresh();
  if (restored) {
    var note = document.createElement("p");
    note.setAttribute("role", "status");
    note.className = "muted";
    note.textContent = "Đã khôi phục câu trả lời bạn nhập dở trên máy này.";
    form.insertBefore(note, form.firstChild);
  }
  form.addEventListener("input", function () { refresh(); save(); });
  form.addEventListener("change", function (e) {
    refresh(); save();
    var block = e.target.closest(".q");
    if (block) check(block);
  });
  form.addEventListener("submit", function (e) {
    refresh();
    var first = null;
    blocks.forEach(function (b) { if (check(b) && !first) first = b; });
    if (first) {
      e.preventDefault();
      var field = first.querySelector("input, textarea, select");
      if (field) field.focus();
    }
  });
})();
