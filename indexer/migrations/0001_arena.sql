-- The arena program: its events, the projections the API reads, and the indexer's cursors.
-- Amounts are u64 base units of the arena's collateral: NUMERIC(20, 0) holds every u64.

-- Every event of every program, once: the key is where it was emitted. `seq` is the order
-- of ingestion (chain order within a program); `published` is the Redis outbox flag.
CREATE TABLE events (
    signature   text        NOT NULL,
    ix_index    integer     NOT NULL,
    event_index integer     NOT NULL,
    seq         bigserial   NOT NULL UNIQUE,
    slot        bigint      NOT NULL,
    block_time  timestamptz,
    program     text        NOT NULL,
    name        text        NOT NULL,
    data        jsonb       NOT NULL,
    published   boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (signature, ix_index, event_index)
);
CREATE INDEX events_program_name_slot ON events (program, name, slot);
CREATE INDEX events_block_time ON events (block_time);
CREATE INDEX events_arena ON events ((data ->> 'arena'), seq) WHERE data ? 'arena';
CREATE INDEX events_unpublished ON events (seq) WHERE NOT published;

-- Per program: the newest transaction ingested in chain order (getSignaturesForAddress
-- `until`). The slot never goes backwards.
CREATE TABLE cursors (
    program        text        PRIMARY KEY,
    last_signature text        NOT NULL,
    last_slot      bigint      NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform_config (
    program          text        PRIMARY KEY,
    admin            text        NOT NULL,
    treasury         text        NOT NULL,
    protocol_fee_bps integer     NOT NULL,
    paused           boolean     NOT NULL,
    updated_slot     bigint      NOT NULL
);

CREATE TABLE arenas (
    address          text           PRIMARY KEY,
    arena_id         numeric(20, 0) NOT NULL UNIQUE,
    creator          text           NOT NULL,
    resolver         text           NOT NULL,
    collateral_mint  text           NOT NULL,
    vault            text           NOT NULL,
    title            text           NOT NULL,
    category         text           NOT NULL,
    outcome_count    smallint       NOT NULL,
    -- 'open' | 'resolved' | 'voided'
    status           text           NOT NULL,
    winning_outcome  smallint,
    creator_fee_bps  integer        NOT NULL,
    protocol_fee_bps integer        NOT NULL,
    close_time       timestamptz    NOT NULL,
    created_time     timestamptz    NOT NULL,
    resolved_time    timestamptz,
    total_pot        numeric(20, 0) NOT NULL DEFAULT 0,
    -- The pot still owed to stakers: the total pot, less fees at resolution, less claims.
    pot_unclaimed    numeric(20, 0) NOT NULL DEFAULT 0,
    payout_pool      numeric(20, 0) NOT NULL DEFAULT 0,
    protocol_fee     numeric(20, 0) NOT NULL DEFAULT 0,
    creator_fee      numeric(20, 0) NOT NULL DEFAULT 0,
    -- Collateral locked behind outstanding complete sets.
    set_collateral   numeric(20, 0) NOT NULL DEFAULT 0,
    -- Collateral that came in: bets plus complete sets split.
    volume           numeric(30, 0) NOT NULL DEFAULT 0,
    bet_count        integer        NOT NULL DEFAULT 0,
    bettor_count     integer        NOT NULL DEFAULT 0,
    -- Full-text search over the title, the outcome labels and the category:
    -- WHERE search @@ websearch_to_tsquery('english', $1).
    search           tsvector       NOT NULL,
    created_slot     bigint         NOT NULL,
    updated_slot     bigint         NOT NULL
);
CREATE INDEX arenas_search ON arenas USING gin (search);
CREATE INDEX arenas_status_close ON arenas (status, close_time);
CREATE INDEX arenas_category ON arenas (category, status);
CREATE INDEX arenas_volume ON arenas (volume DESC);
CREATE INDEX arenas_created ON arenas (created_time DESC);

CREATE TABLE outcomes (
    arena        text           NOT NULL REFERENCES arenas (address),
    outcome      smallint       NOT NULL,
    label        text           NOT NULL,
    mint         text           NOT NULL,
    pot          numeric(20, 0) NOT NULL DEFAULT 0,
    bettor_count integer        NOT NULL DEFAULT 0,
    PRIMARY KEY (arena, outcome)
);

CREATE TABLE bets (
    signature      text           NOT NULL,
    ix_index       integer        NOT NULL,
    event_index    integer        NOT NULL,
    arena          text           NOT NULL REFERENCES arenas (address),
    bettor         text           NOT NULL,
    outcome        smallint       NOT NULL,
    amount         numeric(20, 0) NOT NULL,
    outcome_pot    numeric(20, 0) NOT NULL,
    total_pot      numeric(20, 0) NOT NULL,
    position_stake numeric(20, 0) NOT NULL,
    slot           bigint         NOT NULL,
    block_time     timestamptz,
    PRIMARY KEY (signature, ix_index, event_index)
);
CREATE INDEX bets_arena ON bets (arena, slot);
CREATE INDEX bets_bettor ON bets (bettor, slot);
CREATE INDEX bets_block_time ON bets (block_time);

-- Splits and merges of complete sets.
CREATE TABLE set_operations (
    signature      text           NOT NULL,
    ix_index       integer        NOT NULL,
    event_index    integer        NOT NULL,
    arena          text           NOT NULL REFERENCES arenas (address),
    owner          text           NOT NULL,
    -- 'split' | 'merge'
    kind           text           NOT NULL,
    amount         numeric(20, 0) NOT NULL,
    set_collateral numeric(20, 0) NOT NULL,
    slot           bigint         NOT NULL,
    block_time     timestamptz,
    PRIMARY KEY (signature, ix_index, event_index)
);
CREATE INDEX set_operations_arena ON set_operations (arena, slot);
CREATE INDEX set_operations_owner ON set_operations (owner, slot);

-- A wallet's pari-mutuel position in one arena (the Position account), and its dealings in
-- the arena's complete sets.
CREATE TABLE positions (
    arena          text             NOT NULL REFERENCES arenas (address),
    owner          text             NOT NULL,
    -- One entry per outcome of the arena.
    stakes         numeric(20, 0)[] NOT NULL,
    total_staked   numeric(20, 0)   NOT NULL DEFAULT 0,
    claimed        boolean          NOT NULL DEFAULT false,
    claimed_amount numeric(20, 0)   NOT NULL DEFAULT 0,
    sets_split     numeric(30, 0)   NOT NULL DEFAULT 0,
    sets_merged    numeric(30, 0)   NOT NULL DEFAULT 0,
    redeemed       numeric(30, 0)   NOT NULL DEFAULT 0,
    updated_slot   bigint           NOT NULL,
    PRIMARY KEY (arena, owner)
);
CREATE INDEX positions_owner ON positions (owner);

CREATE TABLE claims (
    signature   text           NOT NULL,
    ix_index    integer        NOT NULL,
    event_index integer        NOT NULL,
    arena       text           NOT NULL REFERENCES arenas (address),
    owner       text           NOT NULL,
    amount      numeric(20, 0) NOT NULL,
    refund      boolean        NOT NULL,
    slot        bigint         NOT NULL,
    block_time  timestamptz,
    PRIMARY KEY (signature, ix_index, event_index)
);
CREATE INDEX claims_owner ON claims (owner, slot);
CREATE INDEX claims_arena ON claims (arena, slot);

CREATE TABLE redemptions (
    signature      text             NOT NULL,
    ix_index       integer          NOT NULL,
    event_index    integer          NOT NULL,
    arena          text             NOT NULL REFERENCES arenas (address),
    owner          text             NOT NULL,
    amounts        numeric(20, 0)[] NOT NULL,
    payout         numeric(20, 0)   NOT NULL,
    set_collateral numeric(20, 0)   NOT NULL,
    slot           bigint           NOT NULL,
    block_time     timestamptz,
    PRIMARY KEY (signature, ix_index, event_index)
);
CREATE INDEX redemptions_owner ON redemptions (owner, slot);
CREATE INDEX redemptions_arena ON redemptions (arena, slot);

-- Per wallet, all time. Pari-mutuel results are realized when an arena settles: a position
-- with a stake on the winner is a win, any other a loss; a void or a pot nobody backed
-- refunds (neither). realized_pnl = winnings - stakes over settled positions (exact: the
-- program's floor division).
CREATE TABLE wallet_stats (
    wallet          text           PRIMARY KEY,
    bet_count       integer        NOT NULL DEFAULT 0,
    staked          numeric(30, 0) NOT NULL DEFAULT 0,
    arenas_entered  integer        NOT NULL DEFAULT 0,
    arenas_created  integer        NOT NULL DEFAULT 0,
    wins            integer        NOT NULL DEFAULT 0,
    losses          integer        NOT NULL DEFAULT 0,
    realized_pnl    numeric(30, 0) NOT NULL DEFAULT 0,
    claimed         numeric(30, 0) NOT NULL DEFAULT 0,
    sets_split      numeric(30, 0) NOT NULL DEFAULT 0,
    sets_merged     numeric(30, 0) NOT NULL DEFAULT 0,
    redeemed        numeric(30, 0) NOT NULL DEFAULT 0,
    first_slot      bigint         NOT NULL,
    last_slot       bigint         NOT NULL,
    last_time       timestamptz
);
CREATE INDEX wallet_stats_pnl ON wallet_stats (realized_pnl DESC);
CREATE INDEX wallet_stats_staked ON wallet_stats (staked DESC);
