-- Staff console: who works a ticket, and notes staff keep for each other (never shown to customers).
alter table ticket add column assignee varchar(64) references staff_user (username);
create index ticket_assignee on ticket (assignee, last_contact_at desc);

create table ticket_note (
    id         bigserial primary key,
    ticket_id  bigint not null references ticket (id),
    author     varchar(64) not null,
    body       text not null,
    created_at timestamptz not null default now()
);
create index ticket_note_ticket on ticket_note (ticket_id, id);

-- Customer portal: the customer information survey (客户信息调查表), filled in without signing in.
-- A survey may ask for a member account; staff approve it, which creates the member login with the
-- password the customer chose (only its BCrypt hash is kept).
create table customer_survey (
    id                 bigserial primary key,
    company            text,
    contact_name       text not null,
    email              text,
    phone              text,
    region             text,
    business_type      text,
    monthly_shipments  text,
    services           text,
    preferred_channel  varchar(16),
    remarks            text,
    wants_membership   boolean not null default false,
    login              varchar(64),
    password_hash      text,
    status             varchar(16) not null default 'NEW',   -- NEW | APPROVED | REJECTED | NOTED
    decided_by         varchar(64),
    decided_at         timestamptz,
    customer_id        bigint references customer (id),
    created_at         timestamptz not null default now()
);
create index customer_survey_status on customer_survey (status, id desc);

-- A member customer's login. The login name is also a LOGIN identity of the customer.
create table member_account (
    login         varchar(64) primary key,
    customer_id   bigint not null unique references customer (id),
    password_hash text not null,
    created_at    timestamptz not null default now()
);
