CREATE OR REPLACE PROCEDURE delete_rows(tbl VARCHAR2, cond VARCHAR2) AS
BEGIN
  EXECUTE IMMEDIATE 'DELETE FROM ' || tbl || ' WHERE ' || cond; -- wfc-expect: security high
END;
/
CREATE OR REPLACE FUNCTION get_user(uname text) RETURNS SETOF users AS $$
BEGIN
  RETURN QUERY EXECUTE format('SELECT * FROM users WHERE name = ''%s''', uname); -- wfc-expect: security high
END $$ LANGUAGE plpgsql;
CREATE USER reporting WITH PASSWORD 'R3p0rt!ng2024'; -- wfc-expect: security high
