interface Db {
  insert(table: string, row: Record<string, unknown>): Promise<void>;
}

export async function audit(db: Db, actor: string, action: string): Promise<boolean> {
  db.insert("audit_log", { actor, action, at: new Date().toISOString() });
  return true;
}
