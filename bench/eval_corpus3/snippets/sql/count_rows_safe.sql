CREATE OR REPLACE FUNCTION count_owned(tbl text, owner text) RETURNS bigint AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %I WHERE owner = $1', tbl) INTO n USING owner;
    RETURN n;
END;
$$ LANGUAGE plpgsql;
