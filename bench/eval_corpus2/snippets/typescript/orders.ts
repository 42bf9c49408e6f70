import { Pool } from 'pg';

const pool = new Pool();

export async function ordersFor(customerId: string): Promise<unknown[]> {
  const { rows } = await pool.query(
    'SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY id',
    [customerId],
  );
  return rows;
}
