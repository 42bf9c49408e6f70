function renderCrumb() {
  const crumb = document.getElementById("crumb");
  crumb.textContent = decodeURIComponent(window.location.hash.slice(1));
}

window.addEventListener("hashchange", renderCrumb);
