// Tiny DOM helpers. Every string from the API goes through textContent here, never innerHTML,
// because findings quote untrusted source code.

/**
 * Create an element with attributes and children. Strings become text nodes.
 * @param {string} tag
 * @param {Record<string, string|number|boolean|null|undefined>} [attrs]
 * @param {...(Node|string|number|null|undefined|false)} children
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = String(value);
    else if (name === "text") node.textContent = String(value);
    else if (name === "style") throw new Error("inline styles are blocked by the CSP");
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Get an element by id, failing loudly if the page and the script disagree. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}

/**
 * Format an ISO timestamp as local "YYYY-MM-DD HH:MM:SS" ("MM-DD HH:MM:SS" when `short` and
 * in the current year); a dash for null, the raw text if unparsable.
 */
export function formatTime(iso, short = false) {
  if (!iso) return "—";
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return String(iso);
  const pad = (n) => String(n).padStart(2, "0");
  const day = `${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
  const date = short && when.getFullYear() === new Date().getFullYear()
    ? day : `${when.getFullYear()}-${day}`;
  return `${date} ${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`;
}

/** Format a consensus score (0-10) with one decimal, or a dash while unknown. */
export function formatScore(score) {
  if (score === null || score === undefined || score === "") return "—";
  const n = Number(score);
  return Number.isFinite(n) ? n.toFixed(1) : String(score);
}

/** Passed/failed/— text for a review's verdict. */
export function formatVerdict(passed) {
  if (passed === true) return "passed";
  if (passed === false) return "failed";
  return "—";
}

export const TERMINAL = new Set(["completed", "failed", "cancelled"]);
export const ACTIVE = new Set(["pending", "in_progress"]);

/** The local time zone's short name ("UTC", "CET", "GMT+2") at `when`. */
function zoneName(when) {
  try {
    const part = new Intl.DateTimeFormat(undefined, { timeZoneName: "short" })
      .formatToParts(when).find((p) => p.type === "timeZoneName");
    return part ? part.value : "";
  } catch {
    return "";
  }
}

/** Full local date and time with the zone: "2026-12-03 10:19:03 UTC"; a dash for null. */
export function formatDateTime(iso) {
  if (!iso) return "—";
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return String(iso);
  const zone = zoneName(when);
  return zone ? `${formatTime(iso)} ${zone}` : formatTime(iso);
}

/**
 * Text with `inline code` (backticks) as <code> elements, everything else as text nodes.
 * @param {string} text
 * @returns {DocumentFragment}
 */
export function richText(text) {
  const fragment = document.createDocumentFragment();
  const parts = String(text ?? "").split(/(`[^`\n]+`)/);
  for (const part of parts) {
    if (part.length > 2 && part.startsWith("`") && part.endsWith("`")) {
      fragment.append(el("code", { class: "inline-code", text: part.slice(1, -1) }));
    } else if (part) {
      fragment.append(document.createTextNode(part));
    }
  }
  return fragment;
}

/** Plural helper: "1 finding", "3 findings". */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
