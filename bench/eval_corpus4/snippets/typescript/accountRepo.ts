import { Pool } from "pg";

export async function accountById(pool: Pool, id: string): Promise<unknown> {
  const { rows } = await pool.query("SELECT id, owner, balance FROM accounts WHERE id = $1", [id]);
  return rows[0] ?? null;
}
