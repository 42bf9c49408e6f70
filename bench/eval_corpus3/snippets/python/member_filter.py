def members_named(cur, name: str):
    where = "display_name = '{}'".format(name)
    cur.execute("SELECT id FROM members WHERE " + where + " AND active = 1")
    return [r[0] for r in cur.fetchall()]
