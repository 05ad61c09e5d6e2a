-- Issue 17: the web API answers once the raw message is committed, before it is processed, and
-- still gives the customer a ticket reference. The reference is reserved then (a ticket id taken
-- from ticket_id_seq) and kept on the message; processing opens the ticket under that id, or,
-- when the message joins a ticket that already exists, records the reserved reference as another
-- name of that ticket, so the reference the customer was told always finds their matter.
alter table inbound_message add column reserved_ticket_id bigint;

create table ticket_alias (
    ref        text primary key,
    ticket_id  bigint not null references ticket (id),
    message_id bigint references inbound_message (id),
    created_at timestamptz not null default now()
);
create index ticket_alias_ticket on ticket_alias (ticket_id);

-- A reference as a customer or clerk types it: a ticket's own, or one reserved for a message that joined it.
create function ticket_id_of(p_ref text) returns bigint language sql stable as $$
    select coalesce((select id from ticket where ref = p_ref),
                    (select ticket_id from ticket_alias where ref = p_ref))
$$;
