function showPreview() {
  const target = document.getElementById('preview');
  const fragment = decodeURIComponent(window.location.hash.slice(1));
  target.innerHTML = fragment;
}

window.addEventListener('hashchange', showPreview);
