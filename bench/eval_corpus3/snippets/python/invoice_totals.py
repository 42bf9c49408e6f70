def invoice_totals(conn, invoice_ids):
    totals = {}
    for invoice_id in invoice_ids:
        cur = conn.execute(
            "SELECT SUM(amount) FROM invoice_lines WHERE invoice_id = ?", (invoice_id,)
        )
        totals[invoice_id] = cur.fetchone()[0] or 0
    return totals
