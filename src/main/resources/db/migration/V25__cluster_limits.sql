-- Limits that hold across nodes in cluster mode (io.contacthub.limits). A single node keeps its limits in memory and
-- leaves these tables empty. Unlogged: they are rewritten on nearly every public request, and losing them in a
-- database crash only gives every client a fresh budget, as a node's restart does in memory.

-- Token buckets as GCRA: the bucket is full again at full_at; a row whose full_at has passed equals no row.
create unlogged table shared_bucket (
    key      text primary key,          -- <door>|<client address>, <door>|*, provider|<name>
    full_at  timestamptz not null,
    taken    boolean not null           -- whether the last take got a token (read back by the taking statement)
);
create index shared_bucket_full_at on shared_bucket (full_at);

-- Counters forgotten a while after their last change (sign-in failures, addresses an account signed in from).
create unlogged table shared_counter (
    key        text primary key,
    count      integer not null,
    last_at    timestamptz not null,
    forget_at  timestamptz not null
);
create index shared_counter_forget_at on shared_counter (forget_at);
