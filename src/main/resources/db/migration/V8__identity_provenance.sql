-- How the hub knows each way to reach a customer (docs/SECURITY.md, "Trust model"):
--   OBSERVED  the channel proved it (a text or call came from that number through Twilio, a mail
--             arrived from that address);
--   CLAIMED   someone typed it into a form;
--   VERIFIED  the customer answered a one-time code sent to it, or staff confirmed it.
-- Only observed and verified identities choose a customer for a contact, receive paid messages
-- (SMS, calls) or open a member login.
alter table customer_identity add column provenance varchar(16) not null default 'CLAIMED';
alter table customer_identity add column verified_at timestamptz;
alter table customer_identity add column verified_by text;      -- 'code' or the staff member's username

-- Rows written before provenance existed: an identity some channel really delivered from is
-- OBSERVED, a login VERIFIED; what only ever came from forms stays CLAIMED.
update customer_identity i set provenance = 'OBSERVED'
where i.kind = 'EMAIL' and exists (
    select 1 from contact_record c join inbound_message m on m.id = c.message_id
    where c.customer_id = i.customer_id and m.channel = 'EMAIL' and lower(m.sender) = i.value);
update customer_identity i set provenance = 'OBSERVED'
where i.kind = 'PHONE' and exists (
    select 1 from contact_record c join inbound_message m on m.id = c.message_id
    where c.customer_id = i.customer_id and m.channel in ('SMS', 'VOICE') and m.sender = i.value);
update customer_identity set provenance = 'VERIFIED', verified_at = now(), verified_by = 'migration'
where kind = 'LOGIN';

-- What a contact claimed that the hub did not attach, because it belongs to another customer:
-- [{"kind": "PHONE", "value": "+86…", "customerId": 12}]. Staff see it and may merge.
alter table contact_record add column foreign_claims jsonb not null default '[]'::jsonb;
-- Whether the contact's customer was chosen by an observed or verified identity.
alter table contact_record add column sender_proven boolean not null default false;
update contact_record c set sender_proven = true
where exists (select 1 from inbound_message m where m.id = c.message_id and m.channel in ('EMAIL', 'SMS', 'VOICE'));

-- A customer merged by staff points at the record it was merged into.
alter table customer add column merged_into bigint references customer (id);

-- People staff added to a ticket (a colleague of the customer): their proven identities may answer
-- the ticket by its reference tag like the customer can.
create table ticket_participant (
    id         bigserial primary key,
    ticket_id  bigint not null references ticket (id),
    kind       varchar(16) not null,     -- EMAIL | PHONE
    value      text not null,
    added_by   varchar(64) not null,
    created_at timestamptz not null default now(),
    unique (ticket_id, kind, value)
);
create index ticket_participant_value on ticket_participant (kind, value);

-- A ticket opened because its first contact quoted a reference it could not join.
alter table ticket add column quoted_ref varchar(32);

-- One-time codes that prove an e-mail address or phone number (membership, password reset).
create table verification_code (
    id          bigserial primary key,
    purpose     varchar(32) not null,     -- SURVEY:<id> | RESET:<login>
    kind        varchar(16) not null,     -- EMAIL | PHONE
    value       text not null,
    code_hash   text not null,
    attempts    integer not null default 0,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);
create index verification_code_purpose on verification_code (purpose, id desc);
create index verification_code_value on verification_code (kind, value, created_at desc);

alter table customer_survey add column email_verified_at timestamptz;
alter table customer_survey add column phone_verified_at timestamptz;
