import { Pool } from "pg";

const TABLE = "audit_events";

export async function eventsFor(pool: Pool, actorId: string): Promise<unknown[]> {
  const { rows } = await pool.query(`SELECT id, action, at FROM ${TABLE} WHERE actor_id = $1 ORDER BY at DESC`, [actorId]);
  return rows;
}
