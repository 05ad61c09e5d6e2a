-- Issue 13: the ticket tells its own history. One row per change made to a ticket, written in the
-- transaction of the change: status changes, assignments, the review flag being raised (by the hub)
-- or cleared (by staff, or by resolving), tickets linked into one another, and what staff did with a
-- notification that had not gone out (cancelled, sent again, sent on another channel). Complaint case
-- steps are not copied here: complaint_step already records them with who and when, and the timeline
-- reads them from there.
create table ticket_event (
    id              bigserial primary key,
    ticket_id       bigint not null references ticket (id),
    kind            varchar(32) not null,  -- STATUS | REOPENED | ASSIGNED | REVIEW_FLAGGED | REVIEW_CLEARED | MERGED_INTO
                                           -- | MERGED_FROM | NOTIFICATION_CANCELLED | NOTIFICATION_RESENT | NOTIFICATION_REDIRECTED
    actor           varchar(64) not null,  -- a staff username, or 'hub' for what the hub did by itself
    old_value       text,                  -- status or assignee before; the review reason cleared; the other ticket's ref
    new_value       text,                  -- status or assignee after; the review reason raised; the new channel
    notification_id bigint references notification (id),
    created_at      timestamptz not null default now()
);
create index ticket_event_ticket on ticket_event (ticket_id, id);

-- A notification staff cancelled is CANCELLED (never sent). One sent again after it FAILED is QUEUED
-- again from replayed_at (its retry horizon counts from there); one sent on another channel instead
-- points to the notification that replaced it, so it is not acted on twice.
alter table notification
    add column replayed_at   timestamptz,
    add column superseded_by bigint references notification (id);
