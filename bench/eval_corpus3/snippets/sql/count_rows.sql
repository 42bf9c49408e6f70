CREATE OR REPLACE FUNCTION count_owned(tbl text, owner text) RETURNS bigint AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE 'SELECT count(*) FROM ' || tbl || ' WHERE owner = ''' || owner || '''' INTO n;
    RETURN n;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;
