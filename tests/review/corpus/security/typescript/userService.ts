import { Pool } from "pg";

export interface User {
  id: number;
  email: string;
}

export class UserService {
  constructor(private readonly pool: Pool) {}

  async findByEmail(email: string): Promise<User | undefined> {
    const { rows } = await this.pool.query<User>("SELECT id, email FROM users WHERE email = $1", [email]);
    return rows[0];
  }

  async listActive(limit = 50): Promise<User[]> {
    const { rows } = await this.pool.query<User>(
      "SELECT id, email FROM users WHERE active = true ORDER BY id LIMIT $1",
      [limit],
    );
    return rows;
  }
}
