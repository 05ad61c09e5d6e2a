-- Customer master data (客户信息): who the customer is as a business, where they are, who to talk to.
-- Filled from the approved survey, from the region of the numbers they reach us from, from addresses
-- read in their orders and faxes, and by staff; every change is kept in customer_change.
alter table customer
    add column company       text,
    add column industry      text,
    add column country       varchar(2),          -- ISO 3166 region of the number or address, e.g. CN
    add column province      text,                -- provincial-level division, as officially named: 江苏省, 上海市
    add column city          text,                -- prefecture-level city: 常州市
    add column region_source varchar(16);         -- PHONE | FAX | SURVEY | ADDRESS | STAFF: what the region came from

create index customer_region on customer (province, city) where merged_into is null;

create table customer_contact_person (
    id          bigserial primary key,
    customer_id bigint not null references customer (id),
    name        text not null,
    role        text,
    phone       text,
    email       text,
    source      varchar(16) not null,             -- SURVEY | STAFF
    created_at  timestamptz not null default now()
);
create index customer_contact_person_customer on customer_contact_person (customer_id, id);

create table customer_address (
    id          bigserial primary key,
    customer_id bigint not null references customer (id),
    address     text not null,
    province    text,
    city        text,
    source      varchar(16) not null,             -- ORDER | FAX | SURVEY | STAFF
    source_ref  text,                             -- the ticket reference it was read in, when read
    created_at  timestamptz not null default now(),
    unique (customer_id, address)
);

-- The audit trail: one row per changed field (or a MERGED / UNMERGED / CONTACT / ADDRESS event).
create table customer_change (
    id          bigserial primary key,
    customer_id bigint not null references customer (id),
    field       varchar(32) not null,
    old_value   text,
    new_value   text,
    changed_by  varchar(64) not null,             -- a staff user name, or "hub" for what the hub filled in
    source      varchar(16) not null,
    changed_at  timestamptz not null default now()
);
create index customer_change_customer on customer_change (customer_id, id desc);

-- Customer standing (standing/CustomerStandings): each active customer's class and credit as last computed over
-- the rolling window, with the figures they were computed from. Replaced as a whole by each run.
create table customer_standing (
    customer_id              bigint primary key references customer (id),
    class                    char(1) not null,        -- A | B | C, after the credit adjustment
    volume_class             char(1) not null,        -- by volume alone
    volume                   numeric(16, 2) not null,
    volume_share             numeric(7, 6),           -- of all customers' volume in the window
    orders_placed            integer not null,
    orders_refused           integer not null,
    order_value              numeric(16, 2) not null,
    waybills_tracked         integer not null,
    complaints               integer not null,
    customer_side_complaints integer not null,
    compensation_paid        numeric(14, 2) not null,
    credit_grade             varchar(8) not null,     -- GOOD | FAIR | POOR
    credit_source            varchar(16) not null,    -- ORDER_SYSTEM | RULE
    credit_score             integer,                 -- the rule's score (also when the order system's grade is used)
    computed_at              timestamptz not null
);
create index customer_standing_class on customer_standing (class);

create table standing_run (
    id           bigserial primary key,
    started_at   timestamptz not null default now(),
    finished_at  timestamptz,
    customers    integer,
    requested_by varchar(64) not null              -- a staff user, or "schedule"
);

-- The three cause groups complaint analysis reports by: the enterprise's own (product quality, service,
-- expectations), the customer's, the environment's. A category staff add belongs to the enterprise unless set.
alter table complaint_category add column cause_group varchar(16) not null default 'ENTERPRISE';  -- ENTERPRISE | CUSTOMER | ENVIRONMENT | UNCLASSIFIED
update complaint_category set cause_group = 'CUSTOMER' where code = 'CUSTOMER_SIDE';
update complaint_category set cause_group = 'ENVIRONMENT' where code = 'EXTERNAL';
update complaint_category set cause_group = 'UNCLASSIFIED' where code = 'UNCLASSIFIED';

-- Early warning (reports/ComplaintWarnings): complaints of one category or one region rising above a multiple of
-- their recent weekly average. One open alert per category or region at a time; supervisors acknowledge them.
create table complaint_alert (
    id               bigserial primary key,
    dimension        varchar(16) not null,    -- CATEGORY | REGION
    value            text not null,           -- the category code, or the province
    window_start     timestamptz not null,
    window_end       timestamptz not null,
    cases            integer not null,
    recent_average   numeric(10, 2) not null, -- complaints per window over the baseline weeks before it
    raised_at        timestamptz not null default now(),
    acknowledged_by  varchar(64),
    acknowledged_at  timestamptz
);
create index complaint_alert_open on complaint_alert (dimension, value) where acknowledged_at is null;
create index complaint_case_opened on complaint_case (opened_at);
create index inbound_message_received on inbound_message (received_at);

-- Contacts counted by hour and channel, and by hour and the customer's province when the contact came
-- (reports/ContactRollup), so the reports read thousands of rows rather than millions. Contacts above the
-- watermark are counted live.
create table contact_rollup (
    hour      timestamptz not null,
    channel   varchar(16) not null,
    contacts  bigint not null,
    primary key (hour, channel)
);
create table contact_region_rollup (
    hour      timestamptz not null,
    province  text not null,                    -- '' for unknown
    contacts  bigint not null,
    primary key (hour, province)
);
create table rollup_watermark (
    name     varchar(32) primary key,
    last_id  bigint not null
);
insert into rollup_watermark (name, last_id) values ('contact_record', 0);

-- Follow-up visits (回访, followup/FollowUps): every resolved complaint, and any ticket staff mark, until someone
-- reached the customer (or gave up after the attempts allowed). Each attempt is kept.
create table follow_up (
    id                 bigserial primary key,
    ticket_id          bigint not null references ticket (id),
    complaint_case_id  bigint unique references complaint_case (id),
    reason             text,                                   -- why staff marked it; null for a complaint's
    due_at             timestamptz not null,
    assignee           varchar(64),
    status             varchar(16) not null default 'DUE',     -- DUE | DONE | GAVE_UP
    attempts           integer not null default 0,
    satisfaction       smallint,                               -- 1..5 when the customer gave one
    created_by         varchar(64) not null,                   -- a staff user, or "hub" for a complaint's
    created_at         timestamptz not null default now(),
    done_by            varchar(64),
    done_at            timestamptz
);
create index follow_up_due on follow_up (due_at) where status = 'DUE';
create index follow_up_ticket on follow_up (ticket_id);

create table follow_up_attempt (
    id            bigserial primary key,
    follow_up_id  bigint not null references follow_up (id),
    outcome       varchar(16) not null,                        -- REACHED | UNREACHABLE
    satisfaction  smallint,
    note          text,
    made_by       varchar(64) not null,
    made_at       timestamptz not null default now()
);
create index follow_up_attempt_follow_up on follow_up_attempt (follow_up_id, id);

-- Service commitments on every ticket (sla/TicketSla): the policy a new ticket came under and its due times on the
-- working-time calendar; when a warning went out before the first-response deadline and when it was breached.
alter table ticket
    add column sla_policy            varchar(32),
    add column first_response_due_at timestamptz,
    add column resolution_due_at     timestamptz,
    add column sla_warned_at         timestamptz,
    add column sla_breached_at       timestamptz;
create index ticket_sla_first on ticket (first_response_due_at) where sla_breached_at is null and status in ('OPEN', 'PENDING');
create index ticket_sla_resolution on ticket (resolution_due_at) where sla_breached_at is null and status in ('OPEN', 'PENDING');
