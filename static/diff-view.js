// The diff view: the submitted diff with line numbers and syntax colour, each finding shown
// under the line it is about, and a navigator of files with their finding counts. Files are
// rendered in chunks as they scroll into view, so a diff of thousands of lines opens at once.
import { el, plural } from "./dom.js";
import { SEVERITY_ORDER, countBySeverity, renderFinding, severityOf, sortFindings } from "./findings.js";
import { Highlighter, languageOf } from "./highlight.js";

/** Rows per lazily rendered chunk. */
const CHUNK = 250;
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

function stripPrefix(name) {
  const raw = String(name || "").trim().split("\t")[0];
  if (raw === "/dev/null") return null;
  const unquoted = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return /^[ab]\//.test(unquoted) ? unquoted.slice(2) : unquoted;
}

/**
 * Parse a unified diff into files of hunks of rows.
 * @returns {Array<{path: string, oldPath: string|null, status: string, adds: number, dels: number,
 *   rows: Array<{kind: string, old: number|null, new: number|null, text: string}>}>}
 */
export function parseDiff(text) {
  const files = [];
  let file = null;
  let oldLeft = 0;
  let newLeft = 0;
  const start = (path, oldPath) => {
    file = { path, oldPath, status: "modified", adds: 0, dels: 0, rows: [] };
    files.push(file);
    oldLeft = 0;
    newLeft = 0;
  };
  const lines = String(text || "").replace(/\r\n/g, "\n").split("\n");
  let oldNo = 0;
  let newNo = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (file && (oldLeft > 0 || newLeft > 0)) {
      const mark = line[0];
      const body = line.slice(1);
      if (mark === "+" ) {
        file.rows.push({ kind: "add", old: null, new: newNo, text: body });
        newNo += 1; newLeft -= 1; file.adds += 1;
        continue;
      }
      if (mark === "-") {
        file.rows.push({ kind: "del", old: oldNo, new: null, text: body });
        oldNo += 1; oldLeft -= 1; file.dels += 1;
        continue;
      }
      if (mark === " " || line === "") {
        file.rows.push({ kind: "ctx", old: oldNo, new: newNo, text: body });
        oldNo += 1; newNo += 1; oldLeft -= 1; newLeft -= 1;
        continue;
      }
      if (mark === "\\") {
        file.rows.push({ kind: "note", old: null, new: null, text: line });
        continue;
      }
      oldLeft = 0;
      newLeft = 0; // a malformed count: fall through and read the line as a header
    }
    if (line.startsWith("\\") && file) {
      file.rows.push({ kind: "note", old: null, new: null, text: line });
      continue;
    }
    if (line.startsWith("diff --git ")) {
      const m = /^diff --git (\S+|"[^"]+") (\S+|"[^"]+")$/.exec(line);
      start(m ? stripPrefix(m[2]) : line.slice(11), m ? stripPrefix(m[1]) : null);
      continue;
    }
    if (line.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")) {
      const oldPath = stripPrefix(line.slice(4));
      const newPath = stripPrefix(lines[i + 1].slice(4));
      if (!file || file.rows.length) start(newPath ?? oldPath, oldPath);
      file.oldPath = oldPath;
      file.path = newPath ?? oldPath ?? file.path;
      if (newPath === null) file.status = "deleted";
      else if (oldPath === null) file.status = "added";
      i += 1;
      continue;
    }
    if (!file) continue;
    const hunk = HUNK.exec(line);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[3]);
      oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      file.rows.push({ kind: "hunk", old: null, new: null, text: line });
      continue;
    }
    if (line.startsWith("new file mode")) file.status = "added";
    else if (line.startsWith("deleted file mode")) file.status = "deleted";
    else if (line.startsWith("rename from ")) file.status = "renamed";
    else if (line.startsWith("Binary files ") || line === "GIT binary patch") file.status = "binary";
  }
  return files;
}

export class DiffView {
  /**
   * @param {HTMLElement} root the view's container (data-testid="diff-view")
   * @param {HTMLElement} nav the file navigator
   * @param {HTMLElement} body where the files go
   */
  constructor(root, nav, body) {
    this.root = root;
    this.nav = nav;
    this.body = body;
    this.files = [];
    this.sections = new Map(); // path -> {file, chunks, findingsByLine, element}
    this.observer = "IntersectionObserver" in window
      ? new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) this.renderChunk(entry.target);
        }
      }, { rootMargin: "800px" })
      : null;
  }

  clear(message = "") {
    if (this.unpin) this.unpin();
    if (this.observer) this.observer.disconnect();
    this.files = [];
    this.sections.clear();
    this.nav.replaceChildren();
    this.body.replaceChildren(message ? el("p", { class: "hint", text: message }) : "");
  }

  /**
   * Show `diffText` with `findings` (already filtered) under their lines.
   * @param {string} diffText
   * @param {object[]} findings
   */
  show(diffText, findings) {
    this.clear();
    if (diffText !== this.diffText) {
      this.diffText = diffText;
      this.parsed = parseDiff(diffText);
    }
    this.files = this.parsed;
    const byFile = new Map();
    for (const f of sortFindings(findings)) {
      const key = String(f.file ?? "");
      if (!byFile.has(key)) byFile.set(key, []);
      byFile.get(key).push(f);
    }
    const navItems = [];
    const sections = [];
    for (const file of this.files) {
      const list = byFile.get(file.path) || [];
      byFile.delete(file.path);
      const { section, navItem } = this.fileSection(file, list);
      sections.push(section);
      navItems.push(navItem);
    }
    const orphans = [...byFile.values()].flat();
    if (orphans.length) {
      sections.push(el("section", { class: "diff-file", "data-testid": "diff-file", "data-path": "" },
        el("h4", { class: "diff-file-head" }, el("span", { text: "Findings in files not in this diff" })),
        el("div", { class: "outside" }, ...orphans.map((f) => renderFinding(f, { inline: true })))));
    }
    if (!this.files.length) {
      sections.unshift(el("p", { class: "hint", text: "This diff has no file changes to show." }));
    }
    this.nav.replaceChildren(...navItems);
    this.body.replaceChildren(...sections);
  }

  fileSection(file, findings) {
    const lines = new Set(file.rows.filter((r) => r.new != null).map((r) => r.new));
    const findingsByLine = new Map();
    const outside = [];
    for (const f of findings) {
      if (f.line != null && lines.has(Number(f.line))) {
        const line = Number(f.line);
        if (!findingsByLine.has(line)) findingsByLine.set(line, []);
        findingsByLine.get(line).push(f);
      } else {
        outside.push(f);
      }
    }
    const counts = countBySeverity(findings);
    const table = el("table", { class: "diff-table" },
      el("colgroup", {}, el("col", { class: "col-num" }), el("col", { class: "col-num" }), el("col", {})));
    const chunks = [];
    for (let start = 0; start < file.rows.length; start += CHUNK) {
      const tbody = el("tbody", { class: "lazy", "data-start": String(start) });
      const filler = el("tr", { class: "filler" }, el("td", { colspan: "3" }));
      tbody.append(filler);
      const rows = file.rows.slice(start, start + CHUNK);
      const cards = rows.reduce((n, r) => n + (r.new != null && r.kind !== "del"
        ? (findingsByLine.get(r.new) || []).length : 0), 0);
      // A close guess keeps the page still while chunks above the reader fill in.
      const guess = rows.length * 1.45 + cards * 11;
      filler.firstChild.style.height = `${guess.toFixed(1)}em`; // CSSOM: allowed by the CSP
      chunks.push(tbody);
      table.append(tbody);
    }
    const id = `file-${this.sections.size}`;
    const badges = SEVERITY_ORDER.filter((s) => counts[s] > 0)
      .map((s) => el("span", { class: `count sev-${s}`, title: `${counts[s]} ${s}`, text: String(counts[s]) }));
    const section = el("section", { class: "diff-file", id, "data-testid": "diff-file", "data-path": file.path },
      el("h4", { class: "diff-file-head" },
        el("code", { class: "diff-path", text: file.oldPath && file.oldPath !== file.path
          ? `${file.oldPath} → ${file.path}` : file.path }),
        el("span", { class: "hint", text: ` ${file.status} · +${file.adds} −${file.dels}` }),
        ...badges),
      outside.length ? el("div", { class: "outside" },
        el("p", { class: "hint", text: `${plural(outside.length, "finding")} outside the changed lines:` }),
        ...outside.map((f) => renderFinding(f, { inline: true }))) : null,
      file.status === "binary" ? el("p", { class: "hint", text: "Binary file: no lines to show." }) : null,
      file.rows.length ? el("div", { class: "diff-scroll" }, table) : null,
    );
    const state = { file, chunks, findingsByLine, element: section, highlighted: null };
    this.sections.set(file.path, state);
    for (const tbody of chunks) {
      tbody.wfcFile = state;
      if (this.observer) this.observer.observe(tbody);
    }
    if (!this.observer) chunks.forEach((tbody) => this.renderChunk(tbody));
    const navItem = el("li", {},
      el("a", { href: `#${id}`, class: "nav-file", "data-testid": "diff-nav-file", "data-path": file.path,
        "data-findings": String(findings.length),
        title: `${file.path}: ${plural(findings.length, "finding")}` },
        el("span", { class: "nav-path", text: file.path }),
        el("span", { class: "nav-counts" },
          findings.length ? null : el("span", { class: "hint", text: "no findings" }),
          ...badges.map((b) => b.cloneNode(true)))));
    navItem.firstChild.addEventListener("click", (e) => {
      e.preventDefault();
      section.scrollIntoView({ block: "start", behavior: "smooth" });
    });
    return { section, navItem };
  }

  /** Syntax tokens for every row of a file, computed once, in order (state spans lines). */
  tokensOf(state) {
    if (!state.highlighted) {
      const hl = new Highlighter(languageOf(state.file.path));
      state.highlighted = state.file.rows.map((row) => {
        if (row.kind === "hunk") {
          hl.reset();
          return null;
        }
        return row.kind === "note" ? null : hl.tokens(row.text);
      });
    }
    return state.highlighted;
  }

  renderChunk(tbody) {
    if (!tbody.classList.contains("lazy")) return;
    tbody.classList.remove("lazy");
    if (this.observer) this.observer.unobserve(tbody);
    const state = tbody.wfcFile;
    const tokens = this.tokensOf(state);
    const start = Number(tbody.dataset.start);
    const end = Math.min(start + CHUNK, state.file.rows.length);
    const out = [];
    for (let i = start; i < end; i += 1) {
      const row = state.file.rows[i];
      const found = row.new != null && row.kind !== "del" ? state.findingsByLine.get(row.new) : null;
      out.push(this.renderRow(row, tokens[i], found));
      if (found) {
        for (const f of found) {
          out.push(el("tr", { class: "finding-row" }, el("td", { colspan: "3" }, renderFinding(f, { inline: true }))));
        }
      }
    }
    tbody.replaceChildren(...out);
  }

  renderRow(row, tokens, found) {
    if (row.kind === "hunk" || row.kind === "note") {
      return el("tr", { class: `diff-${row.kind}` }, el("td", { colspan: "3", text: row.text }));
    }
    const worst = found ? severityOf(sortFindings(found)[0]) : null;
    const code = el("td", { class: "code" }, el("span", { class: "mark", text: row.kind === "add" ? "+"
      : row.kind === "del" ? "−" : " " }));
    for (const [cls, text] of tokens || [["", row.text]]) {
      code.append(cls ? el("span", { class: `tok-${cls}`, text }) : document.createTextNode(text));
    }
    return el("tr", {
      class: `diff-${row.kind}${worst ? ` has-finding sev-${worst}` : ""}`,
      "data-line": row.new == null ? null : String(row.new),
    },
      el("td", { class: "num", text: row.old == null ? "" : String(row.old) }),
      el("td", { class: "num", text: row.new == null ? "" : String(row.new) }),
      code);
  }

  /** Scroll to a finding under its line (rendering its chunk first); returns whether found. */
  jumpTo(finding) {
    const state = this.sections.get(String(finding.file ?? ""));
    if (!state) return false;
    const line = Number(finding.line);
    const index = state.file.rows.findIndex((r) => r.new === line && r.kind !== "del");
    if (index !== -1) this.renderChunk(state.chunks[Math.floor(index / CHUNK)]);
    const cards = [...state.element.querySelectorAll('[data-testid="diff-finding"]')];
    const card = cards.find((c) => c.dataset.line === String(finding.line ?? "")
      && c.querySelector(".finding-title").textContent === String(finding.title ?? "")) || state.element;
    card.classList.remove("flash");
    void card.offsetWidth; // restart the highlight animation
    card.classList.add("flash");
    this.pin(card);
    return true;
  }

  /**
   * Keep `target` centred while the chunks around it are drawn (their real heights differ
   * from the placeholders'), until the reader scrolls or a moment has passed.
   */
  pin(target) {
    if (this.unpin) this.unpin();
    const centre = () => target.scrollIntoView({ block: "center" });
    centre();
    if (typeof ResizeObserver === "undefined") return;
    const watcher = new ResizeObserver(centre);
    watcher.observe(this.body);
    const events = ["wheel", "touchstart", "keydown", "mousedown"];
    const stop = () => {
      watcher.disconnect();
      clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, stop);
      this.unpin = null;
    };
    const timer = setTimeout(stop, 1500);
    for (const name of events) window.addEventListener(name, stop, { passive: true });
    this.unpin = stop;
  }
}
