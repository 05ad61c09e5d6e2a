-- Outbound notifications on every channel (EMAIL, SMS, VOICE), and the hand-offs to the
-- back-office systems (orders, tracking, complaints).

-- SMS and calls have no Message-ID of ours; the provider's id (Twilio MessageSid / CallSid) is
-- recorded once the provider accepted the message, and its delivery reports update delivery_status.
alter table notification alter column rfc_message_id drop not null;
alter table notification add column provider_id text;
alter table notification add column delivery_status text;
alter table notification add column delivered_at timestamptz;
-- Set when a dispatcher starts talking to the provider. A row still SENDING after a crash is not
-- sent again blindly (the provider may have it): it becomes UNCERTAIN for staff unless the
-- provider's delivery report names it first.
alter table notification add column sending_since timestamptz;
-- QUEUED | SENDING | SENT | FAILED | UNCERTAIN | SUPPRESSED (never sent on purpose, e.g. opted out)
create unique index notification_provider_id on notification (provider_id) where provider_id is not null;
create index notification_sending on notification (sending_since) where status = 'SENDING';

-- The channel a customer asked to be answered on (EMAIL | SMS | VOICE); null = the one they last used.
alter table customer add column preferred_channel varchar(16);

-- Why staff must look at a ticket the hub could not finish alone (incomplete order fields,
-- unknown waybill, failed lookup). Null = nothing to review.
alter table ticket add column review_reason text;
create index ticket_review on ticket (id) where review_reason is not null;

-- Every call the hub makes to a back-office system, recorded before it is made and delivered at
-- least once: the idempotency key travels with each attempt, so the peer can drop repeats.
create table handoff (
    id               bigserial primary key,
    ticket_id        bigint references ticket (id),
    message_id       bigint references inbound_message (id),
    system           varchar(16) not null,            -- ORDER | TRACKING | COMPLAINT
    operation        varchar(32) not null,            -- create-order | lookup-waybill | forward-complaint
    idempotency_key  text not null unique,
    payload          jsonb not null,
    status           varchar(16) not null default 'QUEUED',  -- QUEUED | SENDING | DELIVERED | REJECTED | FAILED
    attempts         integer not null default 0,
    last_error       text,
    next_attempt_at  timestamptz not null default now(),
    sending_since    timestamptz,
    response_status  integer,
    response         text,
    external_ref     text,                             -- the peer's id: order number, case number
    created_at       timestamptz not null default now(),
    replayed_at      timestamptz,                      -- staff put it back in the queue
    delivered_at     timestamptz
);
create index handoff_due on handoff (system, next_attempt_at) where status = 'QUEUED';
create index handoff_ticket on handoff (ticket_id, id);
create index handoff_status on handoff (status, id desc);
