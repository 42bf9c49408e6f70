// The project overview: consensus score and risk per review over time, and the findings of the
// last N completed reviews by severity and by reviewer.
import { describeError } from "./api.js";
import { barChart, lineChart } from "./charts.js";
import { byId, formatDateTime, plural } from "./dom.js";
import { SEVERITY_ORDER, countBySeverity, reviewersOf, severityOf } from "./findings.js";

const ROLES = ["security", "correctness", "performance", "maintainability", "reliability"];

/**
 * Axis labels for the reviews' times: month-day and minutes, or the time to the second when
 * that is what tells them apart (a burst of reviews within minutes).
 */
function timeLabels(isos) {
  const pad = (n) => String(n).padStart(2, "0");
  const dates = isos.map((iso) => new Date(iso));
  const day = (d) => `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const minute = (d) => `${day(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const byMinute = dates.map((d) => (Number.isNaN(d.getTime()) ? "" : minute(d)));
  if (new Set(byMinute).size === byMinute.length) return byMinute;
  const oneDay = new Set(dates.map(day)).size === 1;
  return dates.map((d) => (Number.isNaN(d.getTime()) ? ""
    : `${oneDay ? "" : `${day(d)} `}${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`));
}

export class Overview {
  /** @param {{onOpen: (reviewId: string) => void, showError: (m: string) => void}} hooks */
  constructor(hooks) {
    this.hooks = hooks;
    this.client = null;
    this.reviews = [];
    this.root = byId("overview-view");
    this.count = byId("overview-count");
    this.summary = byId("overview-summary");
    this.empty = byId("overview-empty");
    this.charts = byId("overview-charts");
    this.scoreChart = byId("chart-score");
    this.severityChart = byId("chart-severity");
    this.reviewerChart = byId("chart-reviewer");
    this.count.addEventListener("change", () => this.load());
    byId("overview-close").addEventListener("click", () => this.close());
    byId("overview-refresh").addEventListener("click", () => this.load());
    let timer = null;
    window.addEventListener("resize", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { if (!this.root.hidden) this.draw(); }, 150);
    });
  }

  get isOpen() {
    return !this.root.hidden;
  }

  open(client) {
    this.client = client;
    this.root.hidden = false;
    this.root.scrollIntoView({ block: "start" });
    return this.load();
  }

  close() {
    this.root.hidden = true;
  }

  async load() {
    const client = this.client;
    if (!client) return;
    this.summary.textContent = "Loading…";
    try {
      // The charts count findings per severity and reviewer, so they need the full reviews.
      const reviews = await client.listFullReviews({ count: Number(this.count.value) || 20, status: "completed" });
      if (client !== this.client) return;
      this.reviews = reviews.slice().reverse(); // oldest first
      this.draw();
    } catch (err) {
      this.summary.textContent = "";
      this.hooks.showError(describeError(err));
    }
  }

  draw() {
    const reviews = this.reviews;
    this.empty.hidden = reviews.length > 0;
    this.charts.hidden = reviews.length === 0;
    if (!reviews.length) {
      this.summary.textContent = "";
      return;
    }
    const passed = reviews.filter((r) => r.passed === true).length;
    const scores = reviews.map((r) => Number(r.consensus_score)).filter(Number.isFinite);
    const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
    const first = reviews[0].completed_at || reviews[0].submitted_at;
    const last = reviews[reviews.length - 1].completed_at || reviews[reviews.length - 1].submitted_at;
    this.summary.textContent = `${plural(reviews.length, "completed review")} from ${formatDateTime(first)} `
      + `to ${formatDateTime(last)} · ${passed} passed · mean score ${mean == null ? "—" : mean.toFixed(1)}`;

    const width = (svgEl) => svgEl.parentElement.clientWidth || 600;
    const labels = timeLabels(reviews.map((r) => r.completed_at || r.submitted_at));
    lineChart(this.scoreChart, {
      label: "Consensus score and risk per review, oldest first",
      width: width(this.scoreChart),
      points: reviews.map((r, i) => ({ id: r.review_id, when: labels[i],
        tip: `${r.passed ? "passed" : "failed"} · ${formatDateTime(r.completed_at || r.submitted_at)}` })),
      series: [
        { name: "score", cls: "s-score", shape: "circle",
          values: reviews.map((r) => (r.consensus_score == null ? null : Number(r.consensus_score))) },
        { name: "risk", cls: "s-risk", shape: "square",
          values: reviews.map((r) => (r.risk == null ? null : Number(r.risk))) },
      ],
      onPick: (id) => this.hooks.onOpen(id),
    });

    const findings = reviews.flatMap((r) => (Array.isArray(r.findings) ? r.findings : []));
    const bySeverity = countBySeverity(findings);
    barChart(this.severityChart, {
      label: `Findings by severity over the last ${reviews.length} reviews`,
      width: width(this.severityChart),
      rows: SEVERITY_ORDER.map((s) => ({ name: s, parts: [{ cls: `sev-${s}`, value: bySeverity[s], name: s }] })),
    });

    const roles = new Set(ROLES);
    for (const f of findings) for (const r of reviewersOf(f)) roles.add(r);
    const byReviewer = new Map([...roles].map((r) => [r, Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0]))]));
    for (const f of findings) {
      for (const r of reviewersOf(f)) byReviewer.get(r)[severityOf(f)] += 1;
    }
    barChart(this.reviewerChart, {
      label: `Findings by reviewer and severity over the last ${reviews.length} reviews`,
      width: width(this.reviewerChart),
      rows: [...byReviewer].map(([name, counts]) => ({
        name, parts: SEVERITY_ORDER.map((s) => ({ cls: `sev-${s}`, value: counts[s], name: s })),
      })),
    });
  }
}
