// Create a project from the sign-in page. The API key is shown exactly once, with a copy
// button and a warning, because only its hash is stored: a lost key cannot be shown again.
import { createProject, describeError } from "./api.js";
import { byId } from "./dom.js";

export class ProjectCreator {
  /**
   * @param {{
   *   onContinue: (projectId: string, apiKey: string) => void,
   *   showError: (message: string) => void,
   *   clearError: () => void,
   * }} hooks
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.form = byId("create-form");
    this.projectInput = byId("new-project-id");
    this.developerInput = byId("new-developer-id");
    this.repoInput = byId("new-repo-path");
    this.button = byId("create-project");
    this.result = byId("created");
    this.keyOut = byId("new-api-key");
    this.copyBtn = byId("copy-key");
    this.copyStatus = byId("copy-status");
    this.created = null;
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.create();
    });
    this.copyBtn.addEventListener("click", () => this.copy());
    byId("continue-created").addEventListener("click", () => {
      if (this.created) this.hooks.onContinue(this.created.project_id, this.created.api_key);
    });
  }

  async create() {
    this.hooks.clearError();
    const body = {
      project_id: this.projectInput.value.trim(),
      developer_id: this.developerInput.value.trim(),
    };
    const repo = this.repoInput.value.trim();
    if (repo) body.repo_path = repo;
    if (!body.project_id || !body.developer_id) {
      this.hooks.showError("Enter a project id and a developer id to create a project.");
      (body.project_id ? this.developerInput : this.projectInput).focus();
      return;
    }
    this.button.disabled = true;
    try {
      this.created = await createProject(body);
      this.keyOut.value = this.created.api_key;
      byId("created-project").textContent = this.created.project_id;
      this.copyStatus.textContent = "";
      this.form.hidden = true;
      this.result.hidden = false;
      this.keyOut.focus();
      this.keyOut.select();
    } catch (err) {
      this.hooks.showError(describeError(err));
    } finally {
      this.button.disabled = false;
    }
  }

  async copy() {
    const key = this.keyOut.value;
    try {
      await navigator.clipboard.writeText(key);
      this.copyStatus.textContent = "Copied to the clipboard.";
    } catch {
      // No clipboard permission (e.g. plain http on another host): leave it selected instead.
      this.keyOut.focus();
      this.keyOut.select();
      this.copyStatus.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
    }
  }

  /** Forget the key shown (after signing in with it, or on sign-out). */
  reset() {
    this.created = null;
    this.keyOut.value = "";
    this.result.hidden = true;
    this.form.hidden = false;
    this.form.reset();
  }
}
