// How the quality gate judged a completed review: its verdict line (mode, counts, policy version,
// baseline), the baseline's findings this change fixed, and the report downloads.
import { describeError } from "./api.js";
import { el, plural } from "./dom.js";

const GATE_TEXT = { pass: "passed", warn: "passed with a warning", fail: "failed" };

/** Render the gate summary of `review` into `root` (hidden when the review has no gate). */
export function showGate(root, review) {
  const gate = review && review.gate;
  root.hidden = !gate;
  if (!gate) {
    root.replaceChildren();
    return;
  }
  const counts = gate.counts || {};
  const status = String(gate.status || "");
  const parts = [`${counts.counted ?? 0} of ${plural(counts.findings ?? 0, "finding")} counted`];
  const baseline = review.baseline;
  const compared = Boolean(baseline && (baseline.review_id
    || (Array.isArray(review.findings) && review.findings.some((f) => f.baseline_state))
    || (Array.isArray(review.fixed) && review.fixed.length)));
  if (compared) {
    parts.push(`${counts.new ?? 0} new`, `${counts.existing ?? 0} existing`, `${counts.fixed ?? 0} fixed`);
  }
  if (counts.suppressed) parts.push(`${counts.suppressed} suppressed`);
  if (counts.ignored) parts.push(`${counts.ignored} ignored by the policy`);
  const policy = gate.policy_version ? `policy v${gate.policy_version}` : "default policy";
  let against = "No baseline: every finding counts as this change's.";
  if (baseline && baseline.source === "pre-image") {
    against = `Baseline: the base's version of the changed files (${baseline.note}).`;
  } else if (baseline && baseline.review_id) {
    against = `Baseline: review ${baseline.review_id}${baseline.requested && baseline.requested !== baseline.review_id
      ? ` (latest of ${baseline.requested})` : ""}.`;
  } else if (baseline && baseline.note) {
    against = `Baseline ${baseline.requested ? `"${baseline.requested}" ` : ""}not used: ${baseline.note}.`;
  }
  root.replaceChildren(
    el("p", { class: "gate-line" },
      el("strong", { text: "Quality gate: " }),
      el("span", { class: `gate-status gate-${status}`, "data-testid": "gate-status", "data-status": status,
        text: GATE_TEXT[status] ?? status }),
      ` (${gate.mode} mode, ${policy})`,
      gate.reason ? el("span", { class: "hint", text: ` · ${gate.reason}` }) : null),
    el("p", { class: "hint", "data-testid": "gate-counts", text: `${parts.join(" · ")}.` }),
    el("p", { class: "hint", "data-testid": "gate-baseline", text: against }),
    ...(Array.isArray(gate.config_warnings) ? gate.config_warnings : [])
      .map((w) => el("p", { class: "warning", text: String(w) })),
  );
}

/** The baseline's findings this change removed. */
export function showFixed(panel, list, review) {
  const fixed = Array.isArray(review && review.fixed) ? review.fixed : [];
  panel.hidden = fixed.length === 0;
  list.replaceChildren(...fixed.map((f) => el("li", { "data-testid": "fixed-finding", "data-file": String(f.file ?? ""),
    "data-line": f.line == null ? "" : String(f.line) },
    el("span", { class: `badge sev-${f.severity}`, text: String(f.severity ?? "") }), " ",
    el("code", { text: `${f.file}:${f.line}` }), " ",
    el("code", { class: "rule-id", text: String(f.rule_id ?? "") }), " ",
    String(f.title ?? ""))));
}

const EXTENSIONS = { sarif: "sarif", codequality: "json", rdjson: "json", junit: "xml", markdown: "md" };
const MEDIA = { sarif: "application/sarif+json", codequality: "application/json", rdjson: "application/json",
  junit: "application/xml", markdown: "text/markdown" };

/** The report download buttons: each fetches with the session's key and saves a file. */
export class ReportDownloads {
  /** @param {HTMLElement} root @param {{showError: (m: string) => void}} hooks */
  constructor(root, hooks) {
    this.root = root;
    this.hooks = hooks;
    this.client = null;
    this.reviewId = null;
    for (const button of root.querySelectorAll("button[data-format]")) {
      button.addEventListener("click", () => this.download(button));
    }
  }

  show(client, review) {
    this.client = client;
    this.reviewId = review.review_id;
    this.root.hidden = review.status !== "completed";
  }

  async download(button) {
    const format = button.dataset.format;
    const id = this.reviewId;
    if (!this.client || !id) return;
    button.disabled = true;
    try {
      const text = await this.client.getReport(id, format);
      const url = URL.createObjectURL(new Blob([text], { type: MEDIA[format] }));
      const link = el("a", { href: url, download: `wfc-${id}.${EXTENSIONS[format]}`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      this.hooks.showError(`The ${format} report could not be downloaded: ${describeError(err)}`);
    } finally {
      button.disabled = false;
    }
  }
}
