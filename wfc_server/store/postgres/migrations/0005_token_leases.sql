-- A replica takes a small batch of a bucket's tokens in one call and spends them locally for a
-- moment (store.rate_lease_tokens); what it did not spend comes back in `returned`. Refill,
-- return and grant happen under the row's lock, as in wfc_take_tokens: the replicas together
-- never take more than the bucket holds.
CREATE FUNCTION wfc_lease_tokens(
    bucket text, capacity double precision, rate double precision, wanted integer,
    returned double precision, OUT granted integer, OUT remaining double precision
) LANGUAGE plpgsql AS $$
DECLARE
    v_tokens  double precision;
    v_updated timestamptz;
    v_now     timestamptz;
BEGIN
    INSERT INTO rate_buckets (key, tokens, updated_at)
    VALUES (bucket, capacity, clock_timestamp())
    ON CONFLICT (key) DO NOTHING;
    SELECT b.tokens, b.updated_at INTO v_tokens, v_updated
    FROM rate_buckets b WHERE b.key = bucket FOR UPDATE;
    v_now := greatest(clock_timestamp(), v_updated);
    v_tokens := least(capacity, v_tokens + extract(epoch FROM v_now - v_updated) * rate + returned);
    granted := greatest(least(wanted, floor(v_tokens)), 0)::integer;
    v_tokens := v_tokens - granted;
    UPDATE rate_buckets SET tokens = v_tokens, updated_at = v_now WHERE key = bucket;
    remaining := v_tokens;
END
$$;
