// Renders a review's findings grouped by file, most severe first, so the worst problem in
// each file is what a reader sees first.
import { el } from "./dom.js";

export const SEVERITY_ORDER = ["critical", "high", "medium", "low", "info"];

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

function meta(f) {
  const bits = [];
  const who = Array.isArray(f.reviewers) && f.reviewers.length ? f.reviewers.join(", ") : f.reviewer;
  if (who) bits.push(`reviewer: ${who}`);
  if (f.category) bits.push(`category: ${f.category}`);
  if (f.rule_id) bits.push(`rule: ${f.rule_id}`);
  if (f.cwe) bits.push(String(f.cwe));
  if (f.confidence != null) bits.push(`confidence: ${f.confidence}%`);
  return bits.join(" · ");
}

function renderFinding(f) {
  const severity = SEVERITY_ORDER.includes(String(f.severity)) ? String(f.severity) : "info";
  return el("article", { class: `finding sev-${severity}`, "data-testid": "finding",
    "data-severity": severity },
    el("div", { class: "finding-head" },
      el("span", { class: `badge sev-${severity}`, text: String(f.severity ?? "info") }),
      el("span", { class: "loc", "data-testid": "finding-location", text: location(f) }),
    ),
    el("h5", { class: "finding-title", text: String(f.title ?? "") }),
    f.description ? el("p", { class: "finding-desc", text: String(f.description) }) : null,
    f.suggestion ? el("p", { class: "finding-suggestion" },
      el("strong", { text: "Suggestion: " }), String(f.suggestion)) : null,
    el("p", { class: "finding-meta hint", text: meta(f) }),
  );
}

/** Replace the contents of `container` with the grouped findings (or a clean message). */
export function renderFindings(container, findings) {
  container.replaceChildren();
  if (!Array.isArray(findings)) return;
  if (findings.length === 0) {
    container.append(el("p", { class: "clean", "data-testid": "no-findings", text: "No findings." }));
    return;
  }
  for (const group of groupByFile(findings)) {
    const counts = SEVERITY_ORDER
      .map((s) => [s, group.findings.filter((f) => f.severity === s).length])
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(", ");
    container.append(el("section", { class: "file-group", "data-testid": "file-group" },
      el("h4", { class: "file-name" }, el("code", { text: group.file }),
        el("span", { class: "hint", text: ` (${counts})` })),
      ...group.findings.map(renderFinding),
    ));
  }
}
