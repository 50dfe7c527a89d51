-- The wallets an event belongs to (the fields that name one, as publish.WALLET_FIELDS), so
-- that a wallet's activity feed is an index scan: WHERE wallets @> ARRAY[$1].
ALTER TABLE events ADD COLUMN wallets text[] GENERATED ALWAYS AS (
    array_remove(
        ARRAY[data ->> 'bettor', data ->> 'owner', data ->> 'creator', data ->> 'resolver',
              data ->> 'admin'],
        NULL
    )
) STORED;
CREATE INDEX events_wallets ON events USING gin (wallets);
CREATE INDEX events_seq_desc ON events (seq DESC);
