-- Customers: general (unverified contact details) or members (with a login later).
create table customer (
    id           bigserial primary key,
    kind         varchar(16) not null default 'GENERAL',
    display_name text,
    language     varchar(8),
    created_at   timestamptz not null default now()
);

-- One row per way to reach a customer; the same e-mail or phone always means the same customer.
create table customer_identity (
    id          bigserial primary key,
    customer_id bigint not null references customer (id),
    kind        varchar(16) not null,          -- EMAIL | PHONE | FAX | LOGIN
    value       text not null,                 -- lower-cased e-mail, E.164 phone
    unique (kind, value)
);
create index customer_identity_customer on customer_identity (customer_id);

create table ticket (
    id              bigint primary key,
    ref             varchar(32) not null unique,     -- CH-000123, shown as [#CH-000123]
    customer_id     bigint references customer (id),
    subject         text,
    status          varchar(16) not null default 'OPEN',
    channel         varchar(16) not null,            -- the channel that opened it
    intent          varchar(16) not null default 'GENERAL',
    priority        varchar(16) not null default 'NORMAL',
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    last_contact_at timestamptz not null default now()
);
create sequence ticket_id_seq owned by ticket.id;
create index ticket_status on ticket (status, last_contact_at desc);
create index ticket_customer on ticket (customer_id);

-- The raw envelope. (channel, external_id) is the idempotency key; the raw bytes are never
-- deleted by processing.
create table inbound_message (
    id           bigserial primary key,
    channel      varchar(16) not null,
    external_id  text not null,
    source       text,                 -- mailbox name, web client address
    sender       text,
    content_type text not null,        -- message/rfc822, application/json
    raw          bytea not null,
    raw_size     integer not null,
    status       varchar(16) not null default 'RECEIVED',   -- RECEIVED | PROCESSED | IGNORED | FAILED
    reason       text,
    attempts     integer not null default 0,
    received_at  timestamptz not null default now(),
    processed_at timestamptz,
    unique (channel, external_id)
);
-- The work queue is the small set of unfinished rows; keep it indexed apart from the archive.
create index inbound_message_pending on inbound_message (id) where status = 'RECEIVED';
create index inbound_message_status on inbound_message (status, id desc);
create index inbound_message_channel on inbound_message (channel, id desc);

-- The structured result of one inbound message.
create table contact_record (
    id                bigserial primary key,
    message_id        bigint not null unique references inbound_message (id),
    ticket_id         bigint references ticket (id),
    customer_id       bigint references customer (id),
    channel           varchar(16) not null,
    subject           text,
    body              text,
    language          varchar(8),
    intent            varchar(16),
    urgency           varchar(16),
    entities          jsonb not null default '{}'::jsonb,
    rfc_message_id    text,               -- the mail's Message-ID, for In-Reply-To threading
    created_at        timestamptz not null default now()
);
create index contact_record_ticket on contact_record (ticket_id, id);
create index contact_record_rfc_id on contact_record (rfc_message_id);

create table attachment (
    id               bigserial primary key,
    message_id       bigint not null references inbound_message (id),
    file_name        text,
    content_type     text,
    size             bigint not null,
    sha256           char(64) not null,
    inline           boolean not null default false,
    content          bytea not null,
    extracted_text   text,
    extracted_by     text,
    extraction_error text
);
create index attachment_message on attachment (message_id);

create table staff_user (
    username      varchar(64) primary key,
    password_hash text not null,
    role          varchar(16) not null,     -- AGENT | SUPERVISOR | ADMIN
    created_at    timestamptz not null default now()
);
