// Entry point: sign-in, submission and wiring between the history table and the live view.
// Credentials live in sessionStorage only, so they vanish with the tab.
import { ApiClient, ApiError, describeError } from "./api.js";
import { ProjectCreator } from "./create-project.js";
import { byId } from "./dom.js";
import { HistoryList } from "./history.js";
import { Overview } from "./overview.js";
import { PolicyEditor } from "./policy-view.js";
import { ReviewView } from "./review-view.js";
import { applyKeyScopes } from "./scopes.js";

const KEY_PROJECT = "wfc.projectId";
const KEY_API = "wfc.apiKey";

class Dashboard {
  constructor() {
    this.client = null;
    this.alert = byId("alert");
    this.signinView = byId("signin-view");
    this.dashboardView = byId("dashboard-view");
    this.signinForm = byId("signin-form");
    this.signinBtn = byId("sign-in");
    this.projectInput = byId("project-id");
    this.keyInput = byId("api-key");
    this.submitForm = byId("submit-form");
    this.submitBtn = byId("submit-review");
    this.submitResult = byId("submit-result");
    this.diffInput = byId("diff-input");
    this.filesInput = byId("files-input");
    this.fileInput = byId("diff-file");

    const showError = (message) => this.showError(message);
    const clearError = (message) => this.clearError(message);
    this.view = new ReviewView({
      onChange: (review) => this.history.update(review),
      showError,
      clearError,
    });
    this.history = new HistoryList({
      onOpen: (review) => this.openReview(review),
      showError,
      clearError,
      onUnauthorized: () => this.signOut("Your session is no longer valid; sign in again."),
    });
    this.creator = new ProjectCreator({
      onContinue: (projectId, apiKey) => {
        this.projectInput.value = projectId;
        this.signIn(projectId, apiKey, true);
      },
      showError,
      clearError: () => this.clearError(),
    });
    this.overview = new Overview({
      onOpen: (reviewId) => this.openReviewById(reviewId),
      showError,
    });
    byId("open-overview").addEventListener("click", () => {
      if (this.client) this.overview.open(this.client);
    });
    this.scopes = Promise.resolve([]); // the signed-in key's scopes, once whoami answers
    this.policy = new PolicyEditor({ showError, clearError: () => this.clearError() });
    byId("open-policy").addEventListener("click", async () => {
      const client = this.client;
      const scopes = await this.scopes;
      if (client && client === this.client) this.policy.open(client, scopes.includes("project:admin"));
    });

    this.signinForm.addEventListener("submit", (e) => {
      e.preventDefault();
      this.signIn(this.projectInput.value.trim(), this.keyInput.value.trim(), true);
    });
    byId("sign-out").addEventListener("click", () => this.signOut());
    this.submitForm.addEventListener("submit", (e) => {
      e.preventDefault();
      this.submit();
    });
    this.fileInput.addEventListener("change", () => this.loadFile());
    window.addEventListener("hashchange", () => this.restoreReviewFromHash());
  }

  start() {
    const projectId = sessionStorage.getItem(KEY_PROJECT);
    const apiKey = sessionStorage.getItem(KEY_API);
    if (projectId && apiKey) {
      this.projectInput.value = projectId;
      this.signIn(projectId, apiKey, false);
    } else {
      this.showSignIn();
    }
  }

  showError(message) {
    this.alert.textContent = message;
    this.alert.hidden = false;
  }

  /** Hide the alert; with `message`, only if it still shows that message (a stale one). */
  clearError(message) {
    if (message !== undefined && this.alert.textContent !== message) return;
    this.alert.textContent = "";
    this.alert.hidden = true;
  }

  showSignIn() {
    this.dashboardView.hidden = true;
    byId("session").hidden = true;
    this.signinView.hidden = false;
    (this.projectInput.value ? this.keyInput : this.projectInput).focus();
  }

  /** Check the credentials with a real API call before trusting them. */
  async signIn(projectId, apiKey, interactive) {
    this.clearError();
    if (!projectId || !apiKey) {
      this.showError("Enter both the project id and the API key.");
      this.showSignIn();
      return;
    }
    const client = new ApiClient({ projectId, apiKey });
    this.signinBtn.disabled = true;
    try {
      const page = await client.listReviews({ limit: 20 });
      sessionStorage.setItem(KEY_PROJECT, projectId);
      sessionStorage.setItem(KEY_API, apiKey);
      this.client = client;
      this.scopes = applyKeyScopes(client);
      this.keyInput.value = "";
      byId("session-project").textContent = projectId;
      byId("session").hidden = false;
      this.signinView.hidden = true;
      this.dashboardView.hidden = false;
      this.history.start(client, page);
      this.creator.reset(); // the new key has been used: do not leave it on the page
      this.diffInput.focus();
      this.restoreReviewFromHash();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        sessionStorage.removeItem(KEY_API);
        this.showError(interactive ? describeError(err)
          : "Your saved session is no longer valid; sign in again.");
      } else {
        this.showError(describeError(err));
      }
      this.showSignIn();
    } finally {
      this.signinBtn.disabled = false;
    }
  }

  signOut(message) {
    this.view.close();
    this.overview.close();
    this.policy.close();
    this.history.stop();
    this.client = null;
    sessionStorage.clear();
    window.history.replaceState(null, "", location.pathname);
    this.submitForm.reset();
    this.submitResult.textContent = "";
    this.keyInput.value = "";
    if (message) this.showError(message);
    else this.clearError();
    this.showSignIn();
  }

  loadFile() {
    const file = this.fileInput.files && this.fileInput.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      this.diffInput.value = String(reader.result ?? "");
      this.submitResult.textContent = `Loaded ${file.name} (${file.size} bytes).`;
    });
    reader.addEventListener("error", () => {
      this.showError(`Could not read ${file.name}.`);
    });
    reader.readAsText(file);
  }

  async submit() {
    if (!this.client) return;
    this.clearError();
    const diff = this.diffInput.value;
    if (!diff.trim()) {
      this.showError("Paste a unified diff or choose a .diff/.patch file first.");
      this.diffInput.focus();
      return;
    }
    const files = this.filesInput.value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
    this.submitBtn.disabled = true;
    this.submitResult.textContent = "Submitting…";
    try {
      const accepted = await this.client.submitReview(diff, files);
      // No status here: the live view below follows it, so this line never goes stale.
      this.submitResult.textContent = `Accepted: review ${accepted.review_id}; its progress shows below.`;
      this.openReview(accepted);
      this.history.offset = 0;
      this.history.load();
    } catch (err) {
      this.submitResult.textContent = "";
      this.showError(describeError(err));
    } finally {
      this.submitBtn.disabled = false;
    }
  }

  openReview(review) {
    if (!this.client) return;
    this.clearError();
    const { findings, ...summary } = review;
    this.view.open(this.client, review.review_id, summary);
    this.history.select(review.review_id);
    // Remember the review in view so a reload comes back to it.
    window.history.replaceState(null, "", `#review=${encodeURIComponent(review.review_id)}`);
  }

  /** Reopen the review named in the URL fragment (kept across reloads). */
  async restoreReviewFromHash() {
    const match = /^#review=([0-9a-fA-F-]{36})$/.exec(location.hash);
    if (!match || match[1] === this.view.reviewId) return;
    await this.openReviewById(match[1]);
  }

  async openReviewById(reviewId) {
    const client = this.client;
    if (!client) return;
    try {
      const review = await client.getReview(reviewId);
      if (client === this.client) {
        this.openReview(review);
        this.view.root.scrollIntoView({ block: "start" });
      }
    } catch (err) {
      this.showError(describeError(err));
      window.history.replaceState(null, "", location.pathname);
    }
  }
}

new Dashboard().start();
