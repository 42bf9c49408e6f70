// The findings filter: severity, reviewer, file, gate state (new / existing / suppressed /
// counted) and free text. It narrows both the list and the findings shown inline in the diff.
import { byId, el } from "./dom.js";
import { baselineState, reviewersOf, severityOf } from "./findings.js";

/** The gate-state choices: what each keeps. */
const STATES = {
  new: (f) => baselineState(f) === "new",
  existing: (f) => baselineState(f) === "existing",
  suppressed: (f) => Boolean(f.suppressed),
  counted: (f) => f.counted !== false && !f.suppressed,
  fixed: () => false, // the baseline's findings this change removed are listed apart
};

export class FindingsFilter {
  /** @param {() => void} onChange called whenever a control changes */
  constructor(onChange) {
    this.root = byId("findings-filter");
    this.severity = byId("severity-filter");
    this.reviewer = byId("reviewer-filter");
    this.file = byId("file-filter");
    this.state = byId("state-filter");
    this.text = byId("text-filter");
    this.count = byId("filter-count");
    let timer = null;
    for (const control of [this.severity, this.reviewer, this.file, this.state]) {
      control.addEventListener("change", () => onChange());
    }
    this.text.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, 150);
    });
    byId("filter-reset").addEventListener("click", () => {
      this.clear();
      onChange();
    });
  }

  clear() {
    this.severity.value = "";
    this.reviewer.value = "";
    this.file.value = "";
    this.state.value = "";
    this.text.value = "";
  }

  /**
   * Offer the reviewers, files and gate states present (keeping a still-valid choice); `fixed`
   * is how many baseline findings the change removed.
   */
  populate(findings, fixed = 0) {
    const reviewers = new Set();
    const files = new Set();
    for (const f of findings) {
      for (const r of reviewersOf(f)) reviewers.add(r);
      if (f.file) files.add(String(f.file));
    }
    fill(this.reviewer, "All reviewers", [...reviewers].sort());
    fill(this.file, "All files", [...files].sort());
    // Only the states this review has: "new"/"existing" need a baseline, "suppressed" a suppression.
    const states = Object.keys(STATES).filter((s) => (s === "fixed" ? fixed > 0 : findings.some(STATES[s])));
    fill(this.state, "Any state", states);
    this.root.hidden = findings.length === 0 && fixed === 0;
  }

  get active() {
    return Boolean(this.severity.value || this.reviewer.value || this.file.value || this.state.value
      || this.text.value.trim());
  }

  /** Whether the fixed findings are shown: with no gate state chosen, or "fixed". */
  get showsFixed() {
    return this.state.value === "" || this.state.value === "fixed";
  }

  /** Whether a finding passes every control. */
  matches(f) {
    if (this.severity.value && severityOf(f) !== this.severity.value) return false;
    if (this.reviewer.value && !reviewersOf(f).includes(this.reviewer.value)) return false;
    if (this.file.value && String(f.file) !== this.file.value) return false;
    if (this.state.value && !STATES[this.state.value](f)) return false;
    const needle = this.text.value.trim().toLowerCase();
    if (needle) {
      const hay = [f.title, f.description, f.suggestion, f.rule_id, f.file, f.cwe, f.category]
        .filter(Boolean).join("\n").toLowerCase();
      if (!hay.includes(needle)) return false;
    }
    return true;
  }

  apply(findings) {
    const shown = findings.filter((f) => this.matches(f));
    this.count.textContent = this.active ? `${shown.length} of ${findings.length} shown` : "";
    return shown;
  }
}

function fill(select, allLabel, values) {
  const keep = select.value;
  select.replaceChildren(el("option", { value: "", text: allLabel }),
    ...values.map((v) => el("option", { value: v, text: v })));
  select.value = values.includes(keep) ? keep : "";
}
