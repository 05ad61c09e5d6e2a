-- Processing attempts are counted before work starts, and the attempt in progress keeps a
-- heartbeat, so a sweeper can tell a message someone is working on from one left behind (an
-- error that escaped, a crash, a redelivery while it was RECEIVED) and give up on poison messages.
alter table inbound_message
    add column attempt_started_at     timestamptz,  -- when the latest attempt began
    add column alive_at               timestamptz,  -- heartbeat of the attempt in progress; null when none is
    add column queued_at              timestamptz,  -- when last handed to the processing queue again
    add column attempts_before_replay integer not null default 0;  -- hub.intake.max-attempts counts from here
