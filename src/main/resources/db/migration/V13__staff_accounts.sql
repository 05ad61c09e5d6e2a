-- Issue 13: staff accounts an admin manages. Who the person is and where they work (name, console
-- language, time zone, phone, team), whether they may still sign in, and whether they must choose
-- their own password before anything else. Accounts are never deleted: tickets, notes and case steps
-- name them (ticket.assignee references staff_user), so someone who left is deactivated instead.
alter table staff_user
    add column display_name         varchar(120),
    add column language             varchar(2),      -- zh | en; null: the browser's language
    add column time_zone            varchar(64),     -- an IANA zone id (Asia/Shanghai); null: the hub's zone
    add column phone                varchar(32),     -- where colleagues and calls reach them
    add column team                 varchar(64),     -- free text, e.g. Returns, 华东组; null: no team
    add column active               boolean not null default true,
    add column must_change_password boolean not null default false,
    add column password_changed_at  timestamptz,     -- when the person last chose their own password
    -- Raised whenever sessions signed in before must end (deactivation, password reset or change,
    -- role change): a console session carries the number it signed in with (web/StaffAccountCheck).
    add column session_epoch        integer not null default 0,
    add column deactivated_at       timestamptz,
    add column deactivated_by       varchar(64),
    add column last_sign_in_at      timestamptz,     -- the last console sign-in (HTTP Basic calls are not counted)
    add column updated_at           timestamptz not null default now();

alter table staff_user add constraint staff_user_role check (role in ('AGENT', 'SUPERVISOR', 'ADMIN'));
alter table staff_user add constraint staff_user_language check (language in ('zh', 'en'));
alter table staff_user add constraint staff_user_deactivated check (active or deactivated_at is not null);

-- What was done to an account and by whom (the admin, the person, or the hub itself at start-up):
-- CREATED, CHANGED, DEACTIVATED, REACTIVATED, PASSWORD_RESET, PASSWORD_CHANGED, RECOVERED.
create table staff_event (
    id         bigserial primary key,
    username   varchar(64) not null references staff_user (username),
    action     varchar(32) not null,
    actor      varchar(64) not null,
    detail     text,
    created_at timestamptz not null default now()
);
create index staff_event_user on staff_event (username, id desc);
