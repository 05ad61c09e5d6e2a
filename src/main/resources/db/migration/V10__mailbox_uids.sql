-- What each mailbox has handed to the hub, by the mail server's own ids, so mail is read like a
-- mail client reads it: whether a person has already opened it (\Seen) no longer matters.
-- IMAP: a UID is unique and never reused within one UIDVALIDITY of a folder; when the server
-- changes UIDVALIDITY (mailbox rebuilt or migrated) every mail is new to the hub again, and the
-- (channel, external_id) key of inbound_message makes the re-read a no-op.
-- POP3: the UIDL of each mail (uid_validity 0).

-- One row per mailbox folder: every UID up to checked_through has been dealt with (recorded
-- below, or gone from the server), so a poll asks the server only for UIDs above it.
create table mailbox_cursor (
    mailbox          text not null,                 -- hub.mail.mailboxes[].name
    folder           text not null,
    uid_validity     bigint not null,
    checked_through  bigint not null default 0,
    -- on-first-poll: skip-read: read mail with a UID up to this one, found when the hub first met
    -- this folder (or its UIDVALIDITY changed), is noted SKIPPED instead of ingested
    baseline_through bigint,
    updated_at       timestamptz not null default now(),
    primary key (mailbox, folder)
);

-- One row per mail the hub has dealt with. Written after the raw message was committed and the
-- server acknowledged (flag/move/delete); a crash in between only means the mail is read again,
-- which the Message-ID key turns into a no-op.
create table mailbox_uid (
    mailbox      text not null,
    folder       text not null,
    uid_validity bigint not null,                  -- IMAP UIDVALIDITY; 0 for POP3
    uid          text not null,                    -- IMAP UID (decimal) or POP3 UIDL
    outcome      varchar(16) not null,             -- INGESTED | OVERSIZE (FAILED from its size, body never fetched) | SKIPPED
    message_id   bigint references inbound_message (id) on delete set null,
    size_bytes   bigint,                           -- the server's RFC822.SIZE / LIST size
    recorded_at  timestamptz not null default now(),
    primary key (mailbox, folder, uid_validity, uid)
);
create index mailbox_uid_message on mailbox_uid (message_id) where message_id is not null;
