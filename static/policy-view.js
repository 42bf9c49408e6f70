// The project's quality gate policy: shown to every key, edited by a key with project:admin.
// The server validates (unknown rule ids, bad globs); its 422 detail is shown as it is.
import { ApiError, describeError } from "./api.js";
import { byId } from "./dom.js";

const SEVERITIES = ["critical", "high", "medium", "low", "info"];

function lines(text) {
  return text.split("\n").map((s) => s.trim()).filter(Boolean);
}

/** `RULE-ID = severity` lines to an object; throws with the line that does not parse. */
export function parseOverrides(text) {
  const out = {};
  for (const line of lines(text)) {
    const match = /^([^=\s]+)\s*[=:]\s*([a-z]+)$/i.exec(line);
    if (!match || !SEVERITIES.includes(match[2].toLowerCase())) {
      throw new Error(`"${line}" is not RULE-ID = severity (one of ${SEVERITIES.join(", ")})`);
    }
    out[match[1]] = match[2].toLowerCase();
  }
  return out;
}

export class PolicyEditor {
  /** @param {{showError: (m: string) => void, clearError: () => void}} hooks */
  constructor(hooks) {
    this.hooks = hooks;
    this.client = null;
    this.root = byId("policy-view");
    this.form = byId("policy-form");
    this.fields = byId("policy-fields");
    this.version = byId("policy-version");
    this.readOnly = byId("policy-readonly");
    this.result = byId("policy-result");
    this.mode = byId("policy-mode");
    this.failOn = byId("policy-fail-on");
    this.newOnly = byId("policy-new-only");
    this.ignore = byId("policy-ignore");
    this.disabled = byId("policy-disabled");
    this.overrides = byId("policy-overrides");
    byId("policy-close").addEventListener("click", () => this.close());
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.save();
    });
  }

  get isOpen() {
    return !this.root.hidden;
  }

  async open(client, canEdit) {
    this.client = client;
    this.root.hidden = false;
    this.fields.disabled = true;
    this.readOnly.hidden = canEdit;
    this.result.textContent = "";
    this.version.textContent = "Loading…";
    this.root.scrollIntoView({ block: "start" });
    try {
      const policy = await client.getPolicy();
      if (client !== this.client) return;
      this.fill(policy);
      this.fields.disabled = !canEdit;
    } catch (err) {
      this.version.textContent = "";
      this.hooks.showError(describeError(err));
    }
  }

  close() {
    this.root.hidden = true;
    this.client = null;
  }

  fill(policy) {
    this.mode.value = policy.mode;
    this.failOn.value = policy.fail_on;
    this.newOnly.checked = Boolean(policy.new_findings_only);
    this.ignore.value = (policy.ignore_paths || []).join("\n");
    this.disabled.value = (policy.disabled_rules || []).join("\n");
    this.overrides.value = Object.entries(policy.severity_overrides || {}).map(([k, v]) => `${k} = ${v}`).join("\n");
    this.version.textContent = policy.version
      ? `Version ${policy.version}, set by ${policy.updated_by ?? "?"} at ${policy.updated_at ?? "?"}. `
        + "Each review records the version it was judged by."
      : "Version 0: the defaults (never set). Each review records the version it was judged by.";
  }

  async save() {
    const client = this.client;
    if (!client) return;
    this.hooks.clearError();
    let body;
    try {
      body = {
        mode: this.mode.value,
        fail_on: this.failOn.value,
        new_findings_only: this.newOnly.checked,
        ignore_paths: lines(this.ignore.value),
        disabled_rules: lines(this.disabled.value),
        severity_overrides: parseOverrides(this.overrides.value),
      };
    } catch (err) {
      this.result.textContent = `Not saved: ${err.message}.`;
      this.result.dataset.state = "error";
      return;
    }
    this.fields.disabled = true;
    this.result.textContent = "Saving…";
    this.result.dataset.state = "";
    try {
      const saved = await client.putPolicy(body);
      if (client !== this.client) return;
      this.fill(saved);
      this.result.textContent = `Saved as version ${saved.version}; it applies from the next review.`;
      this.result.dataset.state = "saved";
    } catch (err) {
      const detail = err instanceof ApiError && err.status === 422 ? err.detail : describeError(err);
      this.result.textContent = `Not saved: ${detail}`;
      this.result.dataset.state = "error";
    } finally {
      if (client === this.client) this.fields.disabled = false;
    }
  }
}
