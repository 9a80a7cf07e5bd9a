// Rich-text editing of an article body, as an enhancement of a textarea that
// works on its own: without this script the editor types HTML into
// <textarea name="body_html" id="body_html" data-editor> and it is saved.
//
// With it, each textarea[data-editor] is hidden (it stays in the form and is
// kept up to date), and a toolbar and an editable region are inserted before
// it. Button labels come from data-label-* attributes on the textarea (the
// server's message catalogue), with Vietnamese defaults.
//
// Security: the server sanitizes every body it receives
// (danvan_import::sanitize, an allowlist); the cleaning done here only keeps
// pasted junk (scripts, styles, Office markup) out of the editing view.
// No third-party code, no eval, no inline handlers, no inline styles: the
// site's CSP is "script-src 'self'; style-src 'self'", so every look is a
// class from editor.css.
//
// Keyboard: Tab enters the toolbar on one button and leaves it on the next
// Tab; arrow keys, Home and End move within it (WAI-ARIA toolbar pattern,
// roving tabindex). In the text, Ctrl+B / Ctrl+I / Ctrl+Z are the browser's
// own; Ctrl+K inserts a link.
(() => {
  "use strict";

  const DEFAULT_LABELS = {
    toolbar: "Định dạng văn bản",
    bold: "Đậm",
    italic: "Nghiêng",
    h2: "Tiêu đề 2",
    h3: "Tiêu đề 3",
    ul: "Danh sách",
    ol: "Danh sách số",
    link: "Chèn liên kết",
    unlink: "Bỏ liên kết",
    table: "Chèn bảng",
    undo: "Hoàn tác",
    redo: "Làm lại",
    html: "Sửa HTML",
    linkPrompt: "Địa chỉ liên kết (https://…, /bai-viet/…, mailto:…)",
    linkRefused: "Không chèn được: chỉ cho phép địa chỉ http, https, mailto, tel hoặc địa chỉ trong trang.",
    pasteImage: "Không dán được ảnh trực tiếp: hãy tải ảnh lên thư viện ảnh.",
  };

  // key: label name; command: document.execCommand name; block: formatBlock
  // tag; toggle: the button carries aria-pressed.
  const BUTTONS = [
    { key: "bold", command: "bold", toggle: true, shortcut: "Control+B" },
    { key: "italic", command: "italic", toggle: true, shortcut: "Control+I" },
    { key: "h2", block: "h2", toggle: true },
    { key: "h3", block: "h3", toggle: true },
    { key: "ul", command: "insertUnorderedList", toggle: true },
    { key: "ol", command: "insertOrderedList", toggle: true },
    { key: "link", action: "link", shortcut: "Control+K" },
    { key: "unlink", command: "unlink" },
    { key: "table", action: "table" },
    { key: "undo", command: "undo", shortcut: "Control+Z" },
    { key: "redo", command: "redo", shortcut: "Control+Y" },
    { key: "html", action: "html", toggle: true },
  ];

  // Elements dropped with their content when pasted.
  const DROP = new Set([
    "script", "style", "meta", "link", "title", "head", "base", "xml", "iframe", "frame", "object", "embed",
    "applet", "noscript", "template", "svg", "math", "form", "input", "button", "select", "textarea",
    "option", "video", "audio", "canvas",
  ]);
  // Attributes kept on pasted elements (the server's allowlist, roughly).
  const KEEP_ATTRS = new Set(["href", "src", "alt", "colspan", "rowspan", "scope", "lang", "width", "height"]);
  const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:", "tel:"]);
  const BLOCKS = "p, h2, h3, h4, ul, ol, li, table, caption, thead, tbody, tfoot, tr, blockquote, figure, hr";

  /** The address as a browser reads it: controls and spaces trimmed, tabs and line breaks removed. */
  const tidyUrl = (value) => value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");

  /** True for http(s), mailto and tel links and addresses within the site; never javascript:. */
  function safeLink(value) {
    const url = tidyUrl(value);
    if (url === "") return false;
    try {
      return LINK_PROTOCOLS.has(new URL(url, document.baseURI).protocol);
    } catch {
      return false;
    }
  }

  /** Images the server keeps: https, or this site's /media/ and /static/. */
  function safeImage(value) {
    try {
      const url = new URL(tidyUrl(value), document.baseURI);
      return url.protocol === "https:" || (url.origin === location.origin && /^\/(media|static)\//.test(url.pathname));
    } catch {
      return false;
    }
  }

  const escapeHtml = (s) =>
    s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

  /** Light client-side cleaning of a parsed fragment, in place. */
  function cleanTree(parent) {
    for (const node of Array.from(parent.childNodes)) {
      if (node.nodeType === Node.COMMENT_NODE || node.nodeType === Node.PROCESSING_INSTRUCTION_NODE) {
        node.remove();
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const name = node.localName.toLowerCase();
      if (DROP.has(name) || /^(o|w|v|m):/.test(name)) {
        node.remove();
        continue;
      }
      // Google Docs wraps a whole paste in <b style="font-weight:normal" id="docs-internal-guid-…">.
      const docsWrapper = name === "b" && /^docs-internal-guid/.test(node.getAttribute("id") || "");
      for (const attr of Array.from(node.attributes)) {
        const attrName = attr.name.toLowerCase();
        const keep =
          KEEP_ATTRS.has(attrName) &&
          (attrName !== "href" || safeLink(attr.value)) &&
          (attrName !== "src" || safeImage(attr.value));
        if (!keep) node.removeAttribute(attr.name);
      }
      if (name === "img" && !node.hasAttribute("src")) {
        node.remove();
        continue;
      }
      cleanTree(node);
      const inert = name === "a" && !node.hasAttribute("href");
      if (docsWrapper || inert || name === "span" || name === "font" || name.includes(":")) {
        node.replaceWith(...node.childNodes);
      }
    }
  }

  /**
   * Parses HTML inertly (a template: no script runs, no image loads) and cleans it.
   * Chromium reports a CSP violation for each inline handler or style in the
   * markup even here; they are blocked, and then removed.
   */
  function cleanHtml(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    cleanTree(template.content);
    return template;
  }

  /** Plain text as paragraphs: blank lines separate them, single line breaks stay. */
  function textToHtml(text) {
    return text
      .replace(/\r\n?/g, "\n")
      .split(/\n\s*\n/)
      .map((para) => para.trim())
      .filter((para) => para !== "")
      .map((para) => `<p>${escapeHtml(para).replace(/\n/g, "<br>")}</p>`)
      .join("");
  }

  function labelsOf(textarea) {
    const labels = {};
    for (const [key, fallback] of Object.entries(DEFAULT_LABELS)) {
      const value = textarea.dataset["label" + key.charAt(0).toUpperCase() + key.slice(1)];
      labels[key] = value && value.trim() !== "" ? value : fallback;
    }
    return labels;
  }

  /** The id(s) of the textarea's label, giving the <label for> an id when it has none. */
  function labelIds(textarea) {
    const given = textarea.getAttribute("aria-labelledby");
    if (given) return given;
    const label = textarea.id ? document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`) : null;
    if (!label) return null;
    if (!label.id) label.id = `${textarea.id}-label`;
    return label.id;
  }

  function enhance(textarea) {
    if (textarea.dataset.editorReady) return;
    textarea.dataset.editorReady = "true";
    if (!textarea.id) textarea.id = `editor-${Math.random().toString(36).slice(2)}`;
    const labels = labelsOf(textarea);
    let htmlMode = false;
    let savedRange = null;

    document.execCommand("defaultParagraphSeparator", false, "p");
    document.execCommand("styleWithCSS", false, false);

    const wrapper = document.createElement("div");
    wrapper.className = "editor";

    const toolbar = document.createElement("div");
    toolbar.className = "editor__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", textarea.dataset.labelToolbar || DEFAULT_LABELS.toolbar);
    toolbar.setAttribute("aria-controls", `${textarea.id}-rich`);

    const area = document.createElement("div");
    area.id = `${textarea.id}-rich`;
    area.className = "editor__area article__body";
    area.setAttribute("contenteditable", "true");
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("spellcheck", "true");
    const labelledBy = labelIds(textarea);
    if (labelledBy) area.setAttribute("aria-labelledby", labelledBy);
    for (const name of ["aria-describedby", "aria-invalid", "aria-required"]) {
      const value = textarea.getAttribute(name);
      if (value) area.setAttribute(name, value);
    }
    if (textarea.required) area.setAttribute("aria-required", "true");

    const status = document.createElement("p");
    status.className = "editor__status";
    status.setAttribute("role", "status");

    const buttons = [];
    for (const spec of BUTTONS) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `editor__button editor__button--${spec.key}`;
      button.textContent = labels[spec.key];
      button.tabIndex = buttons.length === 0 ? 0 : -1;
      if (spec.toggle) button.setAttribute("aria-pressed", "false");
      if (spec.shortcut) button.setAttribute("aria-keyshortcuts", spec.shortcut);
      if (spec.action === "html") button.setAttribute("aria-controls", `${area.id} ${textarea.id}`);
      button.editorSpec = spec;
      buttons.push(button);
      toolbar.append(button);
    }
    const htmlButton = buttons.find((b) => b.editorSpec.action === "html");

    wrapper.append(toolbar, area, status);
    textarea.before(wrapper);
    textarea.hidden = true;
    setContent(textarea.value);

    // --- content in and out -------------------------------------------------

    function setContent(html) {
      const template = cleanHtml(html);
      area.replaceChildren(document.importNode(template.content, true));
      if (!area.firstElementChild && area.textContent.trim() === "") {
        area.innerHTML = "<p><br></p>";
      }
    }

    /**
     * The region's HTML, or "" when it holds nothing (so `required` still
     * means something). Chromium's editing commands wrap inserted text in
     * <span style> that the CSP strips to bare <span>s; they are unwrapped in
     * a copy, leaving the live region (and its undo history) alone.
     */
    function currentHtml() {
      const empty = area.textContent.trim() === "" && !area.querySelector("img, table, hr");
      if (empty) return "";
      const copy = area.cloneNode(true);
      for (const el of copy.querySelectorAll("[style]")) el.removeAttribute("style");
      for (const span of copy.querySelectorAll("span")) {
        if (span.attributes.length === 0) span.replaceWith(...span.childNodes);
      }
      // One block a line, for the "Sửa HTML" view.
      for (const block of copy.querySelectorAll(BLOCKS)) block.after("\n");
      return copy.innerHTML.trim();
    }

    function sync() {
      if (!htmlMode) textarea.value = currentHtml();
    }

    function say(message) {
      status.textContent = "";
      // A fresh text node, so the same message is announced again.
      window.setTimeout(() => {
        status.textContent = message;
      }, 50);
    }

    // --- selection ----------------------------------------------------------

    function rememberSelection() {
      const selection = document.getSelection();
      if (selection && selection.rangeCount > 0 && area.contains(selection.anchorNode)) {
        savedRange = selection.getRangeAt(0).cloneRange();
      }
    }

    function restoreSelection() {
      area.focus();
      if (savedRange) {
        const selection = document.getSelection();
        selection.removeAllRanges();
        selection.addRange(savedRange);
      }
    }

    function updatePressed() {
      if (htmlMode) return;
      const selection = document.getSelection();
      if (!selection || !area.contains(selection.anchorNode)) return;
      const block = String(document.queryCommandValue("formatBlock") || "").toLowerCase();
      for (const button of buttons) {
        const spec = button.editorSpec;
        if (!spec.toggle || spec.action === "html") continue;
        const on = spec.block ? block === spec.block : document.queryCommandState(spec.command);
        button.setAttribute("aria-pressed", String(Boolean(on)));
      }
    }

    // --- commands -----------------------------------------------------------

    function insertLink() {
      restoreSelection();
      const anchor = savedRange && savedRange.startContainer.parentElement
        ? savedRange.startContainer.parentElement.closest("a")
        : null;
      const answer = window.prompt(labels.linkPrompt, anchor ? anchor.getAttribute("href") || "" : "https://");
      if (answer === null) return;
      const href = tidyUrl(answer);
      if (href === "") return;
      if (!safeLink(href)) {
        say(labels.linkRefused);
        return;
      }
      restoreSelection();
      const selection = document.getSelection();
      if (selection && selection.isCollapsed && !anchor) {
        document.execCommand("insertHTML", false, `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`);
      } else {
        document.execCommand("createLink", false, href);
      }
    }

    function insertTable() {
      restoreSelection();
      const head = '<th scope="col"><br></th>'.repeat(2);
      const row = "<td><br></td>".repeat(2);
      document.execCommand(
        "insertHTML",
        false,
        `<table><thead><tr>${head}</tr></thead><tbody><tr>${row}</tr><tr>${row}</tr></tbody></table><p><br></p>`,
      );
    }

    function setHtmlMode(on) {
      if (on === htmlMode) return;
      if (on) {
        textarea.value = currentHtml();
        htmlMode = true;
        area.hidden = true;
        textarea.hidden = false;
      } else {
        setContent(textarea.value);
        htmlMode = false;
        textarea.hidden = true;
        area.hidden = false;
        sync();
      }
      wrapper.classList.toggle("editor--html", htmlMode);
      htmlButton.setAttribute("aria-pressed", String(htmlMode));
      for (const button of buttons) {
        if (button === htmlButton) continue;
        if (htmlMode) {
          button.setAttribute("aria-disabled", "true");
          if (button.hasAttribute("aria-pressed")) button.setAttribute("aria-pressed", "false");
        } else {
          button.removeAttribute("aria-disabled");
        }
      }
    }

    function run(spec) {
      if (spec.action === "html") {
        setHtmlMode(!htmlMode);
        return;
      }
      if (htmlMode) return;
      if (spec.action === "link") insertLink();
      else if (spec.action === "table") insertTable();
      else if (spec.block) {
        restoreSelection();
        const current = String(document.queryCommandValue("formatBlock") || "").toLowerCase();
        document.execCommand("formatBlock", false, current === spec.block ? "<p>" : `<${spec.block}>`);
      } else {
        restoreSelection();
        document.execCommand(spec.command, false, null);
      }
      rememberSelection();
      sync();
      updatePressed();
    }

    // --- toolbar: roving tabindex -------------------------------------------

    function makeCurrent(button) {
      for (const b of buttons) b.tabIndex = b === button ? 0 : -1;
    }

    toolbar.addEventListener("keydown", (event) => {
      const index = buttons.indexOf(document.activeElement);
      if (index < 0) return;
      let next = null;
      if (event.key === "ArrowRight") next = (index + 1) % buttons.length;
      else if (event.key === "ArrowLeft") next = (index - 1 + buttons.length) % buttons.length;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = buttons.length - 1;
      if (next === null) return;
      event.preventDefault();
      makeCurrent(buttons[next]);
      buttons[next].focus();
    });
    toolbar.addEventListener("focusin", (event) => {
      if (buttons.includes(event.target)) makeCurrent(event.target);
    });
    // A mouse click should not take the caret out of the text.
    toolbar.addEventListener("mousedown", (event) => {
      if (event.target.closest("button") && !htmlMode) event.preventDefault();
    });
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button || !buttons.includes(button)) return;
      makeCurrent(button);
      if (button.getAttribute("aria-disabled") === "true") return;
      run(button.editorSpec);
    });

    // --- the editable region ------------------------------------------------

    document.addEventListener("selectionchange", () => {
      rememberSelection();
      updatePressed();
    });
    area.addEventListener("input", sync);
    area.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        rememberSelection();
        run(BUTTONS.find((spec) => spec.action === "link"));
      }
    });
    area.addEventListener("paste", (event) => {
      const data = event.clipboardData;
      if (!data) return;
      const html = data.getData("text/html");
      const text = data.getData("text/plain");
      if (html) {
        event.preventDefault();
        document.execCommand("insertHTML", false, cleanHtml(html).innerHTML);
      } else if (text) {
        event.preventDefault();
        document.execCommand("insertHTML", false, textToHtml(text));
      } else if (data.files && data.files.length > 0) {
        event.preventDefault();
        say(labels.pasteImage);
      }
      sync();
    });
    // Dropped files would become data: images the server refuses.
    area.addEventListener("drop", (event) => {
      if (event.dataTransfer && event.dataTransfer.files.length > 0) {
        event.preventDefault();
        say(labels.pasteImage);
      }
    });

    // The label names the region now; clicking it should reach the text.
    if (labelledBy) {
      for (const id of labelledBy.split(/\s+/)) {
        const label = document.getElementById(id);
        if (label && label.localName === "label") {
          label.addEventListener("click", (event) => {
            if (!htmlMode) {
              event.preventDefault();
              area.focus();
            }
          });
        }
      }
    }

    // --- the form -----------------------------------------------------------

    // The browser checks `required` before "submit": show where the problem is.
    textarea.addEventListener("invalid", () => {
      if (!htmlMode) {
        area.setAttribute("aria-invalid", "true");
        area.focus();
      }
    });
    if (textarea.form) {
      textarea.form.addEventListener("submit", () => sync(), true);
    }
  }

  function start() {
    for (const textarea of document.querySelectorAll("textarea[data-editor]")) enhance(textarea);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
