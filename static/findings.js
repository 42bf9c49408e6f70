// Findings: one card per finding (shared by the list and the diff view), the list grouped by
// file with the most severe first, rendered in slices so a review with hundreds of findings
// stays quick to open.
import { el, richText } from "./dom.js";

export const SEVERITY_ORDER = ["critical", "high", "medium", "low", "info"];

/** Findings rendered per slice of the list; more appear as the reader scrolls. */
const SLICE = 60;

function rank(severity) {
  const i = SEVERITY_ORDER.indexOf(String(severity || "").toLowerCase());
  return i === -1 ? SEVERITY_ORDER.length : i;
}

function byLine(a, b) {
  return (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}

/** Sort findings by severity then line; returns a new array. */
export function sortFindings(findings) {
  return [...findings].sort((a, b) => rank(a.severity) - rank(b.severity) || byLine(a, b));
}

/** The severity as one of SEVERITY_ORDER (unknown ones count as info). */
export function severityOf(f) {
  const s = String(f && f.severity ? f.severity : "").toLowerCase();
  return SEVERITY_ORDER.includes(s) ? s : "info";
}

/** Who reported a finding: the merged `reviewers`, or the single `reviewer`. */
export function reviewersOf(f) {
  if (Array.isArray(f.reviewers) && f.reviewers.length) return f.reviewers.map(String);
  return f.reviewer ? [String(f.reviewer)] : [];
}

/** Counts per severity, in SEVERITY_ORDER. */
export function countBySeverity(findings) {
  const counts = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0]));
  for (const f of findings || []) counts[severityOf(f)] += 1;
  return counts;
}

/**
 * Group findings by file; files ordered by their worst finding, then by path.
 * @returns {Array<{file: string, findings: object[]}>}
 */
export function groupByFile(findings) {
  const groups = new Map();
  for (const f of findings) {
    const file = f && f.file ? String(f.file) : "(no file)";
    if (!groups.has(file)) groups.set(file, []);
    groups.get(file).push(f);
  }
  const out = [...groups].map(([file, list]) => ({ file, findings: sortFindings(list) }));
  out.sort((a, b) => rank(a.findings[0].severity) - rank(b.findings[0].severity)
    || a.file.localeCompare(b.file));
  return out;
}

function location(f) {
  if (f.line == null) return f.file || "";
  const end = f.end_line != null && f.end_line !== f.line ? `-${f.end_line}` : "";
  const col = f.column != null ? `:${f.column}` : "";
  return `${f.file}:${f.line}${end}${col}`;
}

/** The rule's reference: a link to its CWE entry when it has one, else the rule id. */
function ruleReference(f) {
  const bits = [];
  if (f.rule_id) bits.push(el("code", { class: "rule-id", text: String(f.rule_id) }));
  const cwe = /^CWE-(\d+)$/i.exec(String(f.cwe || ""));
  if (cwe) {
    bits.push(" ", el("a", { class: "rule-link", href: `https://cwe.mitre.org/data/definitions/${cwe[1]}.html`,
      target: "_blank", rel: "noopener noreferrer", text: `CWE-${cwe[1]}` }));
  }
  return bits;
}

/** `new` or `existing` against the review's baseline (null without one). */
export function baselineState(f) {
  return f && (f.baseline_state === "new" || f.baseline_state === "existing") ? f.baseline_state : null;
}

function meta(f) {
  const bits = [];
  if (f.counted === false && !f.suppressed) bits.push("not counted by the gate");
  const who = reviewersOf(f);
  if (who.length) bits.push(`reviewer: ${who.join(", ")}`);
  if (f.category) bits.push(`category: ${f.category}`);
  if (f.confidence != null) bits.push(`confidence: ${f.confidence}%`);
  return bits.join(" · ");
}

/**
 * One finding as a card. `inline` cards sit under their line in the diff view and leave out
 * the location; list cards carry a "show in diff" button when `onJump` is given.
 */
export function renderFinding(f, { inline = false, onJump = null } = {}) {
  const severity = severityOf(f);
  const attrs = inline
    ? { class: `finding inline sev-${severity}`, "data-testid": "diff-finding", "data-severity": severity,
      "data-file": String(f.file ?? ""), "data-line": f.line == null ? "" : String(f.line) }
    : { class: `finding sev-${severity}`, "data-testid": "finding", "data-severity": severity };
  const state = baselineState(f);
  attrs["data-baseline-state"] = state || null;
  attrs["data-suppressed"] = f.suppressed ? String(f.suppressed.by ?? "yes") : null;
  if (f.suppressed || f.counted === false) attrs.class += " not-counted";
  const head = el("div", { class: "finding-head" },
    el("span", { class: `badge sev-${severity}`, text: severity }),
    state ? el("span", { class: `tag state-${state}`, "data-testid": "baseline-state",
      title: state === "new" ? "Added by this change" : "Already in the baseline", text: state }) : null,
    f.suppressed ? el("span", { class: "tag suppressed", "data-testid": "suppressed-tag",
      title: `Suppressed (${f.suppressed.by}): it does not count for the gate or the score`,
      text: `suppressed · ${f.suppressed.by}` }) : null,
    inline ? null : el("span", { class: "loc", "data-testid": "finding-location", text: location(f) }),
    el("span", { class: "finding-rule" }, ...ruleReference(f)),
    onJump && !inline ? el("button", { type: "button", class: "link-button jump",
      "data-testid": "jump-to-line", text: "Show in diff" }) : null,
  );
  const card = el("article", attrs,
    head,
    el("h5", { class: "finding-title", text: String(f.title ?? "") }),
    f.description ? el("p", { class: "finding-desc" }, richText(f.description)) : null,
    f.suggestion ? el("p", { class: "finding-suggestion" },
      el("strong", { text: "Suggestion: " }), richText(f.suggestion)) : null,
    f.suppressed ? el("p", { class: "finding-suppression", "data-testid": "suppression-reason" },
      el("strong", { text: f.suppressed.by === "inline" ? "Suppressed inline: " : "Suppressed on the server: " }),
      String(f.suppressed.reason || "(no reason given)")) : null,
    el("p", { class: "finding-meta hint", text: meta(f) }),
  );
  if (onJump && !inline) {
    card.querySelector(".jump").addEventListener("click", () => onJump(f));
  }
  return card;
}

/** The findings list: grouped by file, rendered a slice at a time. */
export class FindingsList {
  /**
   * @param {HTMLElement} container
   * @param {{onJump?: (finding: object) => void}} [hooks]
   */
  constructor(container, hooks = {}) {
    this.container = container;
    this.hooks = hooks;
    this.queue = [];
    this.observer = "IntersectionObserver" in window
      ? new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.renderSlice();
      }, { rootMargin: "600px" })
      : null;
  }

  /** Show `findings` (already filtered); `total` is the unfiltered count for the empty message. */
  show(findings, total = findings.length) {
    this.container.replaceChildren();
    if (this.observer) this.observer.disconnect();
    this.queue = [];
    if (!Array.isArray(findings)) return;
    if (findings.length === 0) {
      this.container.append(total === 0
        ? el("p", { class: "clean", "data-testid": "no-findings", text: "No findings." })
        : el("p", { class: "hint", "data-testid": "no-matching-findings",
          text: `None of the ${total} findings match the filter.` }));
      return;
    }
    for (const group of groupByFile(findings)) {
      const counts = SEVERITY_ORDER
        .map((s) => [s, group.findings.filter((f) => severityOf(f) === s).length])
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(", ");
      const section = el("section", { class: "file-group", "data-testid": "file-group" },
        el("h4", { class: "file-name" }, el("code", { text: group.file }),
          el("span", { class: "hint", text: ` (${counts})` })));
      this.container.append(section);
      for (const f of group.findings) this.queue.push([section, f]);
    }
    this.more = el("button", { type: "button", class: "secondary more", "data-testid": "more-findings" });
    this.more.addEventListener("click", () => this.renderSlice());
    this.container.append(this.more);
    this.renderSlice();
  }

  renderSlice() {
    const slice = this.queue.splice(0, SLICE);
    for (const [section, f] of slice) {
      section.append(renderFinding(f, { onJump: this.hooks.onJump }));
    }
    // Sections whose findings are all still queued stay hidden until their turn.
    const pending = new Set(this.queue.map(([section]) => section));
    for (const section of this.container.querySelectorAll(".file-group")) {
      section.hidden = pending.has(section) && !section.querySelector(".finding");
    }
    if (this.queue.length === 0) {
      this.more.remove();
      if (this.observer) this.observer.disconnect();
      return;
    }
    this.more.textContent = `Show more (${this.queue.length} left)`;
    if (this.observer) this.observer.observe(this.more);
  }
}
