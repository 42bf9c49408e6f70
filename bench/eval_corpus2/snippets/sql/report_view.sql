CREATE OR REPLACE FUNCTION search_customers(term text)
RETURNS SETOF customers AS $$
BEGIN
  RETURN QUERY EXECUTE 'SELECT * FROM customers WHERE name ILIKE ''%' || term || '%''';
END;
$$ LANGUAGE plpgsql;
