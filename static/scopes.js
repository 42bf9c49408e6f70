// What the signed-in key may do: a read-only key (no reviews:write) sees no submit or cancel;
// only project:admin may edit the policy. Resolves with the key's scopes.
export async function applyKeyScopes(client) {
  let scopes = ["reviews:write", "reviews:read", "project:admin"];
  try {
    scopes = (await client.request("GET", "/v1/auth/whoami")).scopes || [];
  } catch {
    // A server without /v1/auth/whoami: keep every control; the API still enforces scopes.
  }
  document.body.classList.toggle("read-only", !scopes.includes("reviews:write"));
  return scopes;
}
