import type { Pool } from "pg";

export interface Order {
  id: number;
  customerId: number;
  total: number;
}

export class OrderRepository {
  constructor(private readonly pool: Pool) {}

  async byIds(ids: number[]): Promise<Order[]> {
    if (ids.length === 0) {
      return [];
    }
    const { rows } = await this.pool.query<Order>(
      "SELECT id, customer_id AS \"customerId\", total FROM orders WHERE id = ANY($1)",
      [ids],
    );
    return rows;
  }

  async totalsByCustomer(customerIds: number[]): Promise<Map<number, number>> {
    const { rows } = await this.pool.query<{ customerId: number; total: number }>(
      "SELECT customer_id AS \"customerId\", SUM(total) AS total FROM orders " +
        "WHERE customer_id = ANY($1) GROUP BY customer_id",
      [customerIds],
    );
    return new Map(rows.map((row) => [row.customerId, Number(row.total)]));
  }

  async withTransaction<T>(work: (client: import("pg").PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK");
      throw err;
    } finally {
      client.release();
    }
  }
}
