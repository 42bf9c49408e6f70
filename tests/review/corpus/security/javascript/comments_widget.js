// Renders the comment list on the article page.
function renderComments(container, comments) {
  container.innerHTML = "";
  for (const c of comments) {
    const item = document.createElement("li");
    item.innerHTML = "<b>" + c.author + "</b>: " + c.body; // wfc-expect: security medium
    container.appendChild(item);
  }
}

function renderSearchTerm() {
  const params = new URLSearchParams(window.location.search);
  const term = params.get("q");
  document.getElementById("term").innerHTML = "Results for " + term; // wfc-expect: security high
}

function renderCount(el, count) {
  el.textContent = `${count} comments`;
}

function renderBanner(el) {
  el.innerHTML = "<strong>Welcome back!</strong>";
}
