-- Web chat (channel CHAT, io.contacthub.channel.chat). A conversation is one visitor's chat: the token
-- that lets their browser back in is kept only as its SHA-256. Every customer line is also an
-- inbound_message (channel CHAT) that went through the receive stage; agent lines live here only.
create table chat_conversation (
    id                 bigserial primary key,
    public_id          text not null unique,            -- in the lines' external ids; not a secret
    token_sha256       text not null unique,            -- the visitor's bearer token, hashed
    name               text,
    email              text,
    phone              text,
    member_customer_id bigint references customer (id),
    language           text not null default 'zh',
    opened_from        text not null,                   -- 'portal' or 'widget'
    client_address     text,
    first_external_id  text,                            -- the first line's external id: later lines thread to its ticket
    ticket_ref         text,
    created_at         timestamptz not null default now(),
    last_customer_at   timestamptz,
    waiting_since      timestamptz,                     -- oldest customer line no agent has answered yet
    ended_at           timestamptz
);
create index chat_conversation_waiting on chat_conversation (waiting_since) where waiting_since is not null and ended_at is null;
create index chat_conversation_ticket on chat_conversation (ticket_ref);

create table chat_line (
    id                  bigserial primary key,
    conversation_id     bigint not null references chat_conversation (id),
    author              text not null check (author in ('CUSTOMER', 'AGENT')),
    client_message_id   text not null,                  -- made by the sender's browser: a resend is the same line
    staff_username      text,
    body                text not null,
    inbound_message_id  bigint references inbound_message (id),
    notification_id     bigint,                         -- an agent line the customer was not there for went out as a reply
    created_at          timestamptz not null default now(),
    unique (conversation_id, author, client_message_id)
);
create index chat_line_conversation on chat_line (conversation_id, id);
