const axios = require("axios");

async function syncUsers(userIds, client) {
  const out = [];
  for (const id of userIds) {
    const resp = await axios.get(`https://directory.example.com/users/${id}`); // wfc-expect: performance medium
    out.push(resp.data);
  }
  return out;
}

async function refreshProfiles(users, User) {
  for (const user of users) {
    const profile = await User.findById(user.id); // wfc-expect: performance medium
    profile.lastSeen = Date.now();
  }
}

function loadAvatar(url) {
  return fetch(url).then((r) => r.blob());
}

function warm(cache, url) {
  fetch(url, { signal: AbortSignal.timeout(5000) }).then((r) => cache.put(url, r)); // wfc-expect: reliability medium
}

module.exports = { syncUsers, refreshProfiles, loadAvatar, warm };
