-- Search function used by the reporting UI.
CREATE OR REPLACE FUNCTION search_orders(p_status text, p_sort text)
RETURNS SETOF orders AS $$
BEGIN
    RETURN QUERY EXECUTE 'SELECT * FROM orders WHERE status = ''' || p_status || ''' ORDER BY ' || p_sort; -- wfc-expect: security high
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION search_orders_safe(p_status text)
RETURNS SETOF orders AS $$
BEGIN
    RETURN QUERY EXECUTE 'SELECT * FROM orders WHERE status = $1' USING p_status;
END;
$$ LANGUAGE plpgsql;
