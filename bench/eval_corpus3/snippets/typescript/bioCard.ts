interface Profile { name: string; bio: string }

export async function renderBio(el: HTMLElement, userId: string): Promise<void> {
  const res = await fetch(`/api/profiles/${encodeURIComponent(userId)}`);
  const profile = (await res.json()) as Profile;
  el.outerHTML = `<section class="bio"><h2>${profile.name}</h2><p>${profile.bio}</p></section>`;
}
