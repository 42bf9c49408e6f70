// What the signed-in key may do: a read-only key (no reviews:write) sees no submit or cancel.
export async function applyKeyScopes(client) {
  let scopes = ["reviews:write"];
  try {
    scopes = (await client.request("GET", "/v1/auth/whoami")).scopes || [];
  } catch {
    // A server without /v1/auth/whoami: keep every control; the API still enforces scopes.
  }
  document.body.classList.toggle("read-only", !scopes.includes("reviews:write"));
}
