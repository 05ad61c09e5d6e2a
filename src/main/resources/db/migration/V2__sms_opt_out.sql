-- SMS opt-outs: one row per phone number (E.164 where it can be read as one; a short code or
-- alphanumeric sender as given). The latest keyword by the time the hub received it wins, so
-- STOP and START processed out of order by parallel workers still end in the right state.
create table sms_opt_out (
    phone       text primary key,
    opted_out   boolean not null,
    keyword     text not null,                  -- the word the customer sent: STOP, 退订, START...
    updated_at  timestamptz not null,           -- when the hub received that keyword message
    message_id  bigint not null references inbound_message (id)
);
