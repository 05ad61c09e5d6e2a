-- The outbox: every message the hub sends a customer (acknowledgement, staff reply), written in the
-- same transaction as what caused it and sent afterwards by the dispatcher, with retries.
create table notification (
    id               bigserial primary key,
    ticket_id        bigint references ticket (id),
    customer_id      bigint references customer (id),
    channel          varchar(16) not null,             -- EMAIL (SMS, VOICE later)
    recipient        text not null,                    -- the e-mail address
    template         varchar(32) not null,             -- ack | reply
    language         varchar(8) not null,
    subject          text,
    body             text not null,
    rfc_message_id   text not null unique,             -- the Message-ID we generate: <uuid@contact-hub>
    in_reply_to      text,                             -- the customer's Message-ID we answer
    status           varchar(16) not null default 'QUEUED',  -- QUEUED | SENT | FAILED
    attempts         integer not null default 0,
    last_error       text,
    next_attempt_at  timestamptz not null default now(),
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    idempotency_key  text not null unique              -- ack:<message id> | reply:<uuid>
);
create index notification_due on notification (status, next_attempt_at);
create index notification_ticket on notification (ticket_id, id);
