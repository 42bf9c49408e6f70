def find_user(cursor, user_id: int):
    cursor.execute("SELECT id, name, email FROM users WHERE id = %s", (user_id,))
    row = cursor.fetchone()
    return None if row is None else {"id": row[0], "name": row[1], "email": row[2]}
