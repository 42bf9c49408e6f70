// Two small SVG charts drawn by hand (no library, nothing fetched): a line chart of scores per
// review over time and a horizontal bar chart. Colours come from the stylesheet via classes,
// sizes from the container so text stays readable on a phone.

const SVG = "http://www.w3.org/2000/svg";

/** Create an SVG element with attributes; `title` becomes a hover tooltip. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (name === "text") node.textContent = String(value);
    else if (name === "title") node.append(svg("title", { text: value }));
    else node.setAttribute(name, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function frame(target, width, height, label) {
  target.replaceChildren();
  for (const [name, value] of Object.entries({ viewBox: `0 0 ${width} ${height}`, width, height,
    role: "img", "aria-label": label })) {
    target.setAttribute(name, String(value));
  }
}

/**
 * A line chart of 0-10 values per point, oldest left. Each series draws one mark per point.
 * @param {SVGSVGElement} target
 * @param {{label: string, width: number, points: Array<{id: string, when: string, tip: string}>,
 *   series: Array<{name: string, cls: string, shape: "circle"|"square", values: Array<number|null>}>,
 *   onPick?: (id: string) => void}} spec
 */
export function lineChart(target, spec) {
  const width = Math.max(300, Math.round(spec.width));
  const height = 220;
  const pad = { left: 34, right: 18, top: 12, bottom: 34 };
  frame(target, width, height, spec.label);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const n = spec.points.length;
  const x = (i) => pad.left + (n === 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v) => pad.top + plotH * (1 - Math.max(0, Math.min(10, v)) / 10);
  const grid = svg("g", { class: "grid" });
  for (const v of [0, 2.5, 5, 7.5, 10]) {
    grid.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }),
      svg("text", { x: pad.left - 6, y: y(v) + 4, "text-anchor": "end", class: "axis", text: v }));
  }
  target.append(grid);
  const labels = svg("g", { class: "axis" });
  // As many time labels as fit without overlapping; the first and last align to the edges.
  const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(plotW / 95))));
  spec.points.forEach((p, i) => {
    const last = i === n - 1;
    if ((i % every === 0 && (last || n - 1 - i >= every)) || (last && n > 1)) {
      const anchor = i === 0 && n > 1 ? "start" : last && n > 1 ? "end" : "middle";
      labels.append(svg("text", { x: x(i), y: height - 12, "text-anchor": anchor, text: p.when }));
    }
  });
  target.append(labels);
  for (const series of spec.series) {
    const defined = series.values.map((v, i) => [v, i]).filter(([v]) => typeof v === "number");
    if (defined.length > 1) {
      target.append(svg("polyline", { class: `series ${series.cls}`, fill: "none",
        points: defined.map(([v, i]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ") }));
    }
    const marks = svg("g", { class: `marks ${series.cls}` });
    for (const [v, i] of defined) {
      const p = spec.points[i];
      const common = { class: `mark ${series.cls}`, "data-series": series.name, "data-review-id": p.id,
        "data-value": v.toFixed(2), tabindex: "0", title: `${series.name} ${v.toFixed(1)} · ${p.tip}` };
      const mark = series.shape === "square"
        ? svg("rect", { ...common, x: x(i) - 4, y: y(v) - 4, width: 8, height: 8 })
        : svg("circle", { ...common, cx: x(i), cy: y(v), r: 4.5 });
      if (spec.onPick) {
        mark.addEventListener("click", () => spec.onPick(p.id));
        mark.addEventListener("keydown", (e) => {
          if (e.key === "Enter") spec.onPick(p.id);
        });
      }
      marks.append(mark);
    }
    target.append(marks);
  }
}

/**
 * Horizontal bars, one row per item; an item with `parts` is a stacked bar.
 * @param {SVGSVGElement} target
 * @param {{label: string, width: number, rows: Array<{name: string, parts: Array<{cls: string,
 *   value: number, name: string}>}>}} spec
 */
export function barChart(target, spec) {
  const width = Math.max(300, Math.round(spec.width));
  const rowH = 26;
  const pad = { left: 118, right: 46, top: 6, bottom: 6 };
  const height = pad.top + pad.bottom + rowH * spec.rows.length;
  frame(target, width, height, spec.label);
  const totals = spec.rows.map((r) => r.parts.reduce((sum, p) => sum + p.value, 0));
  const max = Math.max(1, ...totals);
  const plotW = width - pad.left - pad.right;
  spec.rows.forEach((row, i) => {
    const top = pad.top + i * rowH;
    target.append(svg("text", { x: pad.left - 8, y: top + rowH / 2 + 4, "text-anchor": "end",
      class: "axis label", text: row.name }));
    let left = pad.left;
    for (const part of row.parts) {
      const w = (plotW * part.value) / max;
      target.append(svg("rect", { class: `bar ${part.cls}`, "data-row": row.name, "data-part": part.name,
        "data-count": part.value, x: left.toFixed(1), y: top + 4, width: Math.max(w, 0).toFixed(1),
        height: rowH - 8, title: `${row.name}: ${part.value} ${part.name}` }));
      left += w;
    }
    target.append(svg("text", { x: left + 6, y: top + rowH / 2 + 4, class: "axis value",
      text: totals[i] }));
  });
}
