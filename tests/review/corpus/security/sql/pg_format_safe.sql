CREATE OR REPLACE FUNCTION get_user(uname text) RETURNS SETOF users AS $$
BEGIN
  RETURN QUERY EXECUTE format('SELECT * FROM %I WHERE name = %L', 'users', uname);
END $$ LANGUAGE plpgsql;
SELECT id, email FROM users WHERE created_at > now() - interval '7 days';
