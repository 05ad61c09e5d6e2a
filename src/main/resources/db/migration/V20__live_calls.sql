-- Issue 15, the telephone half: agent presence, calls queued for an agent, click to call, every call on its
-- ticket, missed calls to call back.

-- Where an agent takes calls: an E.164 number or a SIP address (sip:user@host), checked when saved.
alter table staff_user add column call_address varchar(254);

-- Whether each agent takes calls now. An agent who never set it is AWAY. on_call: BUSY because the hub put them
-- on a call (they return to AVAILABLE when it ends); idle_since: since when they are free, so the longest idle is
-- offered the next call; seen_at: the last time their console asked (a console left open keeps it fresh).
create table agent_presence (
    username   varchar(64) primary key references staff_user (username),
    status     varchar(16) not null default 'AWAY',
    on_call    boolean not null default false,
    changed_at timestamptz not null default now(),
    idle_since timestamptz not null default now(),
    seen_at    timestamptz not null default now(),
    constraint agent_presence_status check (status in ('AVAILABLE', 'BUSY', 'AWAY'))
);
create index agent_presence_available on agent_presence (idle_since) where status = 'AVAILABLE';

-- One telephone call with a customer, keyed by the CallSid of the customer's leg (idempotent: a repeated status
-- callback finds the row it already wrote). INBOUND: the caller's call (its ticket is that of the VOICE message with
-- the same CallSid); OUTBOUND: a call an agent placed from a ticket (the agent's leg is placed first, its CallSid is
-- agent_call_sid until the customer's leg has its own).
create table voice_call (
    id               bigserial primary key,
    call_sid         varchar(64) not null unique,
    direction        varchar(8) not null,
    ticket_id        bigint references ticket (id),
    customer_number  varchar(254),
    centre_number    varchar(64),
    language         varchar(2),
    agent            varchar(64) references staff_user (username),
    agent_call_sid   varchar(64) unique,
    -- QUEUED (waiting for an agent), DIALING (an outbound call ringing), IN_PROGRESS, ENDED
    state            varchar(16) not null,
    -- ANSWERED, MISSED, VOICEMAIL, BUSY, NO_ANSWER, FAILED; null while it runs (or for an IVR-only call)
    outcome          varchar(16),
    queued_at        timestamptz,
    answered_at      timestamptz,
    ended_at         timestamptz,
    duration_seconds integer,
    recording_sid    varchar(64),
    created_by       varchar(64),
    -- where Twilio reaches the hub for this call's callbacks (hub.public-url, else the URL the call came in on)
    callback_base    text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint voice_call_direction check (direction in ('INBOUND', 'OUTBOUND')),
    constraint voice_call_state check (state in ('QUEUED', 'DIALING', 'IN_PROGRESS', 'ENDED'))
);
create index voice_call_ticket on voice_call (ticket_id, id);
create index voice_call_waiting on voice_call (queued_at) where state = 'QUEUED';
create index voice_call_created on voice_call (created_at);

-- A queued call offered to one agent (the hub calls the agent's phone; answering bridges them to the queue).
-- At most one open offer per call and per agent.
create table call_offer (
    id             bigserial primary key,
    call_id        bigint not null references voice_call (id),
    agent          varchar(64) not null references staff_user (username),
    agent_call_sid varchar(64) unique,
    offered_at     timestamptz not null default now(),
    ended_at       timestamptz,
    result         varchar(16)      -- BRIDGED, NO_ANSWER, BUSY, FAILED, GONE (the caller left), EXPIRED
);
create unique index call_offer_open_call on call_offer (call_id) where ended_at is null;
create unique index call_offer_open_agent on call_offer (agent) where ended_at is null;

-- A caller who hung up while waiting: someone must call them back. Done when an agent's call to that number is
-- answered (or an agent marks it done).
create table call_back (
    id         bigserial primary key,
    call_id    bigint not null unique references voice_call (id),
    status     varchar(8) not null default 'OPEN',
    created_at timestamptz not null default now(),
    done_at    timestamptz,
    done_by    varchar(64),
    done_call  bigint references voice_call (id),
    constraint call_back_status check (status in ('OPEN', 'DONE'))
);
create index call_back_open on call_back (created_at) where status = 'OPEN';
