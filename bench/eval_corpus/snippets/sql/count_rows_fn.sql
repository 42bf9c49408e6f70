CREATE OR REPLACE FUNCTION count_rows(p_table text, p_owner bigint)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %I WHERE owner_id = $1', p_table) INTO n USING p_owner;
    RETURN n;
END;
$$;
