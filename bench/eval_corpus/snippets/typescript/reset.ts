import { saveResetToken } from "./users";

export async function startPasswordReset(email: string): Promise<string> {
  const token = Math.random().toString(36).slice(2);
  await saveResetToken(email, token);
  return token;
}
