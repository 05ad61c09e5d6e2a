-- Complaint cases: a COMPLAINT contact opens a case on its ticket; staff move it through its steps.

-- The cause categories staff choose from (editable by ADMIN). hints: words that pick the category
-- when a case opens (checked in sort_order; ASCII words match whole words, case-insensitively, other
-- words anywhere). UNCLASSIFIED is the fallback and cannot be switched off.
create table complaint_category (
    code        varchar(32) primary key,            -- PRODUCT_QUALITY ...
    label_zh    text not null,
    label_en    text not null,
    hints       jsonb not null default '[]'::jsonb,  -- ["破损", "damaged", ...]
    active      boolean not null default true,       -- inactive: kept for old cases, not offered or chosen
    sort_order  integer not null default 100,
    updated_at  timestamptz not null default now()
);
insert into complaint_category (code, label_zh, label_en, hints, sort_order) values
    ('PRODUCT_QUALITY', '产品质量', 'Product quality',
     '["破损", "损坏", "变质", "质量", "受潮", "damaged", "broken", "defective", "quality", "crushed", "wet"]', 10),
    ('SERVICE_FAILURE', '服务失误', 'Service failure',
     '["丢失", "丢件", "延误", "晚到", "没送到", "未送达", "送错", "态度", "lost", "late", "delay", "delayed", "missing", "rude", "wrong delivery", "not delivered"]', 20),
    ('EXPECTATION_MISMATCH', '期望不符', 'Expectation mismatch',
     '["不符", "不一样", "收费", "多收", "价格", "not as described", "overcharged", "expected", "misleading"]', 30),
    ('CUSTOMER_SIDE', '客户原因', 'Customer-side',
     '["地址写错", "填错", "我写错", "wrong address", "my mistake", "i entered"]', 40),
    ('EXTERNAL', '外部/环境因素', 'External / environment',
     '["天气", "台风", "暴雨", "暴雪", "疫情", "交通管制", "weather", "typhoon", "storm", "flood", "snow", "strike"]', 50),
    ('UNCLASSIFIED', '未分类', 'Unclassified', '[]', 1000);

create table complaint_case (
    id                     bigserial primary key,
    ticket_id              bigint not null references ticket (id),
    message_id             bigint references inbound_message (id),    -- the contact that opened it
    status                 varchar(16) not null default 'OPEN',       -- OPEN | ACKNOWLEDGED | INVESTIGATING | RESOLVED | FOLLOWED_UP | CLOSED
    category               varchar(32) not null references complaint_category (code),
    category_reason        text,                                       -- 'hint "破损"', 'no hint matched', 'set by <staff>'
    severity               varchar(16) not null,                       -- LOW | MEDIUM | HIGH | CRITICAL
    opened_at              timestamptz not null,
    first_response_due_at  timestamptz not null,
    first_responded_at     timestamptz,                                -- first staff step that answers the customer
    resolution_due_at      timestamptz not null,
    resolved_at            timestamptz,
    closed_at              timestamptz,
    compensation           text,
    compensation_amount    numeric(12, 2),
    compensation_currency  varchar(3),
    resolution             text,
    follow_up_due_at       timestamptz,                                -- when the follow-up visit/call is planned
    followed_up_at         timestamptz,
    follow_up_note         text,
    satisfaction           smallint,                                   -- 1..5 from the follow-up
    updated_at             timestamptz not null
);
-- One case per opening message (a redelivered or replayed message never opens a second) and at most
-- one case per ticket that is not CLOSED (a second complaint on the ticket is logged on it).
create unique index complaint_case_message on complaint_case (message_id) where message_id is not null;
create unique index complaint_case_open_ticket on complaint_case (ticket_id) where status <> 'CLOSED';
create index complaint_case_status on complaint_case (status, id desc);
create index complaint_case_ticket on complaint_case (ticket_id, id);

-- The handling log: every staff step, every further customer contact, the opening itself.
create table complaint_step (
    id           bigserial primary key,
    case_id      bigint not null references complaint_case (id),
    action       varchar(32) not null,     -- OPENED | CUSTOMER_CONTACT | ACKNOWLEDGE | INVESTIGATE | NOTE | ...
    actor        varchar(64) not null,     -- staff user name, or 'customer' / 'hub'
    text         text,
    status_after varchar(16) not null,
    message_id   bigint references inbound_message (id),
    notification_id    bigint references notification (id),   -- what the customer was sent for this step
    notification_error text,                                   -- why the customer could not be told
    created_at   timestamptz not null
);
create index complaint_step_case on complaint_step (case_id, id);
create unique index complaint_step_message on complaint_step (case_id, message_id) where message_id is not null;
