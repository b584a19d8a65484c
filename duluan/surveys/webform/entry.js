// The web form: ODK's own engine (@getodk/web-forms) mounted on #webform.
//
// Bundled at install time by esbuild (`npm run build`, called by the Makefile) into
// build/webform/, served under /static/webform/. Nothing of the engine is committed.
//
// The element carries what the page knows:
//   data-mode        respond | interview | preview
//   data-form        id of the <script type="application/json"> holding the XForm
//   data-submit-url  where the instance goes (multipart xml_submission_file), not in preview
//   data-media-url   prefix of the form's attachments (jr://images/x.png -> <prefix>x.png)
//   data-csrf        Django's CSRF token (the page is public: no account needed)
//   data-draft-key   localStorage key of the half-filled form (respond, interview)
//   data-unit        the interviewed person's unit (interview)
// and, outside it: #wf-status (messages), #f-code (one-time code), #wf-thanks (shown
// after a respondent's answers are stored).
//
// Offline: an instance that cannot be sent (no network, 5xx) waits in IndexedDB and
// is sent again on the `online` event and on the next load of any page with the form;
// the server is idempotent on meta/instanceID, so a retry never counts twice.

import { createApp, getCurrentInstance, h } from "vue";
import { OdkWebForm, POST_SUBMIT__NEW_INSTANCE, webFormsPlugin } from "@getodk/web-forms";

const T = {
  kept:
    "Chưa gửi được vì mất kết nối. Câu trả lời đã được giữ trên máy này và sẽ tự gửi khi có mạng trở lại.",
  keptInterview:
    "Chưa gửi được vì mất kết nối: phiếu đã được giữ trên máy này và sẽ tự gửi khi có mạng. Mời nhập phiếu tiếp theo.",
  sentLater: "Đã gửi các câu trả lời được giữ trên máy này.",
  preview: "Đây là bản xem trước: câu trả lời không được lưu. Biểu mẫu đã được làm mới.",
  codeMissing: "Hãy nhập mã tham gia (in trên phiếu mời) trước khi gửi.",
  refused: "Máy chủ chưa nhận câu trả lời.",
  loadFailed: "Không tải được biểu mẫu. Hãy tải lại trang.",
  restored: "Đã khôi phục câu trả lời đang nhập dở trên máy này.",
};

// The engine (0.22) has no translation hook: its few visible English words are
// rewritten in place. Everything else it shows comes from the form (in Vietnamese).
const ENGINE_TEXT = new Map([
  ["Send", "Gửi câu trả lời"],
  ["Add", "Thêm"],
  ["Remove", "Xóa"],
  ["Change language", "Đổi ngôn ngữ"],
  ["change language", "Đổi ngôn ngữ"],
  ["Powered by", "Chạy trên"],
  ["1 question with error.", "1 câu hỏi chưa hợp lệ."],
  ["Condition not satisfied: required", "Câu này bắt buộc trả lời."],
  ["Condition not satisfied: constraint", "Câu trả lời chưa hợp lệ."],
  ["No results found", "Không tìm thấy"],
  ["No available options", "Không có lựa chọn"],
  ["Cancel", "Hủy"],
  ["Save location", "Lưu vị trí"],
  ["Try again", "Thử lại"],
]);
const MANY_ERRORS = /^(\d+) questions with errors\.$/;

function vietnamese(text) {
  const key = text.trim();
  if (!key) return null;
  const vi = ENGINE_TEXT.get(key) || ENGINE_TEXT.get(key.toLowerCase());
  if (vi) return text.replace(key, vi);
  return MANY_ERRORS.test(key) ? text.replace(key, key.replace(MANY_ERRORS, "$1 câu hỏi chưa hợp lệ.")) : null;
}

function translateNode(node) {
  const vi = vietnamese(node.nodeValue);
  if (vi) node.nodeValue = vi;
}

function translateLabel(element) {
  const label = element.getAttribute("aria-label");
  const vi = label && vietnamese(label);
  if (vi) element.setAttribute("aria-label", vi);
}

function translateTree(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) translateNode(n);
  if (root.hasAttribute && root.hasAttribute("aria-label")) translateLabel(root);
  for (const element of root.querySelectorAll("[aria-label]")) translateLabel(element);
}

// The engine's label for a number field points at PrimeVue's wrapper <span>, which
// a screen reader cannot follow: name the <input> inside it after the label.
function labelFields(root) {
  for (const label of root.querySelectorAll("label[for]")) {
    const target = document.getElementById(label.htmlFor);
    if (!target || target.matches("input, select, textarea, button")) continue;
    const field = target.querySelector("input, select, textarea");
    if (!field || field.hasAttribute("aria-labelledby")) continue;
    if (!label.id) label.id = `${label.htmlFor}-label`;
    field.setAttribute("aria-labelledby", label.id);
  }
}

function watchText(root) {
  translateTree(root);
  labelFields(root);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "characterData") translateNode(r.target);
      else if (r.type === "attributes") translateLabel(r.target);
      for (const added of r.addedNodes || []) {
        if (added.nodeType === Node.TEXT_NODE) translateNode(added);
        else if (added.nodeType === Node.ELEMENT_NODE) translateTree(added);
      }
    }
    labelFields(root);
  }).observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["aria-label"],
  });
}

// A form with a Vietnamese translation opens in Vietnamese.
const VIETNAMESE = /(^|\W)(vi|vie|vietnamese|tiếng việt)(\W|$)/i;

function preferVietnamese(xml) {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length) return xml;
  const translations = Array.from(doc.getElementsByTagNameNS("*", "translation"));
  const vi = translations.find((t) => VIETNAMESE.test(t.getAttribute("lang") || ""));
  if (!vi || vi.getAttribute("default")) return xml;
  for (const t of translations) t.removeAttribute("default");
  vi.setAttribute("default", "true()");
  return new XMLSerializer().serializeToString(doc);
}

// ── messages ─────────────────────────────────────────────────────────────
function say(text, kind) {
  const status = document.getElementById("wf-status");
  if (!status) return;
  status.textContent = text;
  status.className = kind === "error" ? "error" : kind === "ok" ? "ok" : "";
  status.hidden = !text;
  if (text) status.scrollIntoView({ block: "nearest" });
}

// ── the outbox (IndexedDB) ───────────────────────────────────────────────
const DB = "duluan-webform";
const STORE = "outbox";

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function outbox(mode, value) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode === "all" ? "readonly" : "readwrite");
    const store = tx.objectStore(STORE);
    const req = mode === "all" ? store.getAll() : mode === "put" ? store.put(value) : store.delete(value);
    tx.oncomplete = () => { db.close(); resolve(req.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  });
}

// ── sending ──────────────────────────────────────────────────────────────
async function post(entry, csrf) {
  const body = new FormData();
  for (const [name, file] of entry.fields) body.append(name, file, file.name);
  if (entry.code) body.append("code", entry.code);
  if (entry.unit) body.append("unit", entry.unit);
  let res;
  try {
    res = await fetch(entry.url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    });
  } catch {
    return { kind: "offline" };
  }
  if (res.status >= 500) return { kind: "offline" };
  let data = {};
  try { data = await res.json(); } catch { /* a non-JSON refusal (CSRF) */ }
  if (res.ok) return { kind: "ok", data };
  return { kind: "refused", data: { message: data.message || `${T.refused} (mã ${res.status})`, ...data } };
}

async function instanceId(file) {
  const match = /<(?:\w+:)?instanceID>([^<]+)</.exec(await file.text());
  return match ? match[1] : `local:${Date.now()}`;
}

let flushing = false;

async function flush(csrf, onSent) {
  if (flushing || !("indexedDB" in window)) return;
  flushing = true;
  try {
    let sent = 0;
    for (const entry of await outbox("all")) {
      const result = await post(entry, csrf);
      if (result.kind === "offline") break;
      await outbox("delete", entry.id);
      if (result.kind === "ok") { sent += 1; onSent(entry); }
      else say(result.data.message, "error");
    }
    if (sent) say(T.sentLater, "ok");
  } catch (err) {
    console.warn("outbox", err);
  } finally {
    flushing = false;
  }
}

// ── the draft (a half-filled form survives a reload) ─────────────────────
// The engine (0.22) emits no change event and exposes no instance; its root node is
// reached through the component tree (FormHeader's `form` prop), and the draft comes
// back through its `editInstance` option.
function findRoot(vnode, depth = 0) {
  if (!vnode || depth > 40) return null;
  const component = vnode.component;
  if (component) {
    const props = component.props || {};
    if (props.form && typeof props.form.prepareInstancePayload === "function") return props.form;
    return findRoot(component.subTree, depth + 1);
  }
  if (Array.isArray(vnode.children)) {
    for (const child of vnode.children) {
      const found = findRoot(child, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

function draftStore(key) {
  const get = () => { try { return key ? localStorage.getItem(key) : null; } catch { return null; } };
  const set = (xml) => { try { if (key) localStorage.setItem(key, xml); } catch { /* full or private */ } };
  const clear = () => { try { if (key) localStorage.removeItem(key); } catch { /* private mode */ } };
  return { get, set, clear };
}

// ── mounting ─────────────────────────────────────────────────────────────
function settled(el) {
  return new Promise((resolve) => {
    const check = () => {
      const status = el.querySelector(".form-initialization-status");
      if (status && !status.classList.contains("loading")) {
        observer.disconnect();
        resolve(status.classList.contains("ready") ? "ready" : "error");
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
    check();
  });
}

function mount(el) {
  const mode = el.dataset.mode || "respond";
  const csrf = el.dataset.csrf || "";
  const source = document.getElementById(el.dataset.form || "wf-xform");
  const formXml = preferVietnamese(JSON.parse(source.textContent));
  const mediaUrl = el.dataset.mediaUrl || "";
  const thanks = document.getElementById("wf-thanks");
  const draft = draftStore(mode === "preview" ? "" : el.dataset.draftKey);

  const done = () => {
    if (mode !== "respond") return;
    el.hidden = true;
    const code = document.getElementById("wf-code");
    if (code) code.hidden = true;
    if (thanks) { thanks.hidden = false; thanks.focus(); }
  };

  const fetchFormAttachment = (url) => {
    const name = decodeURIComponent(String(url.href || url).split("/").pop() || "");
    return fetch(mediaUrl + encodeURIComponent(name), { credentials: "same-origin" });
  };

  const onSubmit = async (payload, callback) => {
    const fresh = { status: "success", next: POST_SUBMIT__NEW_INSTANCE };
    if (payload.status !== "ready") { callback({ status: "failure" }); return; }
    if (mode === "preview") { say(T.preview, "ok"); callback(fresh); return; }
    const codeInput = document.getElementById("f-code");
    const code = codeInput ? codeInput.value.trim() : "";
    if (codeInput && !code) {
      say(T.codeMissing, "error");
      codeInput.focus();
      callback({ status: "failure" });
      return;
    }
    const data = payload.data[0];
    const fields = Array.from(data.entries()).filter(([, v]) => v instanceof Blob);
    const xml = data.get("xml_submission_file");
    const entry = { id: await instanceId(xml), url: el.dataset.submitUrl, fields, code, unit: el.dataset.unit || "" };
    const result = await post(entry, csrf);
    if (result.kind === "offline") {
      try {
        await outbox("put", entry);
      } catch (err) {
        say(T.refused, "error");
        callback({ status: "failure" });
        return;
      }
      draft.clear();
      if (mode === "interview") { say(T.keptInterview, "ok"); callback(fresh); return; }
      el.hidden = true;
      say(T.kept, "ok");
      callback({ status: "success" });
      return;
    }
    if (result.kind === "refused") {
      say(result.data.message, "error");
      callback({ status: "failure" });
      return;
    }
    draft.clear();
    say(result.data.message || "", "ok");
    if (mode === "respond") { say("", ""); done(); callback({ status: "success" }); }
    else callback(fresh);
  };

  let self = null;
  let sending = false;
  const start = (saved) => {
    const editInstance = saved
      ? { resolveInstance: async () => saved, attachmentFileNames: [], resolveAttachment: async () => new Response("") }
      : undefined;
    const app = createApp({
      setup() {
        self = getCurrentInstance();
        return () =>
          h(OdkWebForm, {
            formXml,
            fetchFormAttachment,
            // A missing attachment leaves its picture or list empty instead of refusing the form.
            missingResourceBehavior: "BLANK",
            editInstance,
            onSubmit: async (payload, callback) => {
              sending = true;
              try { await onSubmit(payload, callback); } finally { sending = false; }
            },
          });
      },
    });
    app.config.errorHandler = (err) => {
      console.error(err);
      say(T.loadFailed, "error");
    };
    app.use(webFormsPlugin);
    el.textContent = "";
    app.mount(el);
    return app;
  };

  const saved = draft.get();
  let app = start(saved);
  watchText(el);
  el.dataset.ready = "1";
  settled(el).then((state) => {
    if (state === "ready" && saved) say(T.restored, "ok");
    if (state === "error" && saved) {
      // A draft the form no longer accepts: start blank.
      draft.clear();
      app.unmount();
      app = start(null);
    }
    el.dataset.settled = state;
  });

  if (mode !== "preview") {
    let timer = 0;
    const keep = (event) => {
      clearTimeout(timer);
      // Sending: the draft is cleared once the answers are stored or kept for later.
      if (event.target.closest && event.target.closest(".footer")) return;
      timer = setTimeout(async () => {
        if (sending || el.hidden) return;
        const root = self && findRoot(self.subTree);
        if (!root) return;
        try {
          const payload = await root.prepareInstancePayload({ payloadType: "monolithic" });
          draft.set(await payload.data[0].get("xml_submission_file").text());
        } catch (err) {
          console.warn("draft", err);
        }
      }, 400);
    };
    for (const type of ["input", "change", "click"]) el.addEventListener(type, keep);
  }

  if (mode !== "preview") {
    const retry = () => flush(csrf, (entry) => { if (entry.url === el.dataset.submitUrl) done(); });
    window.addEventListener("online", retry);
    retry();
  }
}

const el = document.getElementById("webform");
const fold = el && el.closest("details");
if (fold && !fold.open) {
  // The preview on the survey's page: built when first opened.
  fold.addEventListener("toggle", () => { if (fold.open && !el.dataset.ready) mount(el); });
} else if (el) {
  mount(el);
}
