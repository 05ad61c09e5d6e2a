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
