-- Satisfaction surveys (客户满意度): one per resolved ticket, asked on the customer's channel. The e-mail carries
-- a signed link to a rating page; a text asks for a reply of 1 to 5, which threads back here instead of opening a
-- ticket. What is kept beside the score (channel, intent, agent, class) is as it was when the ticket was resolved,
-- so a report of last month does not change when a customer moves class today.
create table satisfaction_survey (
    id              bigserial primary key,
    ticket_id       bigint not null unique references ticket (id),   -- one survey per ticket, ever
    customer_id     bigint references customer (id),
    notification_id bigint references notification (id),
    channel         varchar(16),              -- EMAIL | SMS | ...: where the question went (null: not asked)
    recipient       text,                     -- the address or number asked; an SMS reply must come from it
    status          varchar(16) not null,     -- ASKED | ANSWERED | NOT_ASKED
    reason          text,                     -- why NOT_ASKED (opted out, no reachable address, unproven customer)
    language        varchar(8) not null,
    ticket_channel  varchar(16) not null,     -- the channel the ticket came by
    intent          varchar(16) not null,
    agent           varchar(64),              -- the assignee when resolved, else who resolved it
    customer_class  char(1),                  -- A | B | C when resolved, null when never classified
    asked_at        timestamptz not null default now(),
    expires_at      timestamptz not null,
    score           smallint check (score between 1 and 5),
    comment         text,
    answered_at     timestamptz,
    answered_by     varchar(16),              -- WEB | SMS
    answer_message_id bigint references inbound_message (id)           -- the text that carried an SMS answer
);
create index satisfaction_survey_sms on satisfaction_survey (recipient, asked_at desc) where channel = 'SMS';
create index satisfaction_survey_answered on satisfaction_survey (answered_at) where score is not null;
create index satisfaction_survey_asked on satisfaction_survey (asked_at);

-- Secrets the hub makes for itself when the operator gives none, shared by every node on this database.
create table hub_secret (
    name       varchar(64) primary key,
    value      bytea not null,
    created_at timestamptz not null default now()
);
