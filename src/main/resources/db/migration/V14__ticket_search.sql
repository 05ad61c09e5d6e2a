-- Issue 13, item 3: search across tickets (reference, order/waybill numbers, phone, e-mail, name, the
-- full text of contacts and their files), in Chinese and English.
--
-- The index is the hub's own, built into the schema: each searchable piece of text (a "part": a
-- ticket's reference and subject, a contact's subject, numbers and text, a file's name and extracted
-- text, a customer's name and identities) is kept normalised (NFKC, lower case, runs of white space
-- as one space) together with the set of its character bigrams (every two adjacent characters, as
-- code points: first << 21 | second), under a GIN index. A search word of two or more characters
-- is looked up by its bigrams (all of them must be there) and the few candidates are then checked
-- by LIKE for the word itself, so "破损" (2 characters), "没收到", "SF1234567890123" and
-- "zhang@example.cn" all use the index.
--
-- Not pg_trgm: it ships with PostgreSQL (and the embedded server) but (1) needs three characters
-- for an index lookup, while Chinese words are mostly two, and (2) treats characters as word
-- characters by the database's LC_CTYPE: under the C locale, which many servers use and the embedded
-- one gets when the environment sets none, it drops Chinese text entirely. Bigrams work the same on
-- every server and need no extension (CREATE EXTENSION may not be granted on a managed server).
--
-- Triggers keep the parts in step in the writer's own transaction, so nothing else in the hub has
-- to know: a new contact, OCR text arriving later, a ticket merged into another, a new identity.

-- Lower case and compatibility-normalised (full-width ＳＦ１２３ is SF123); NFKC needs a UTF8 database.
do $$
begin
    if pg_encoding_to_char((select encoding from pg_database where datname = current_database())) = 'UTF8' then
        execute $f$create function search_norm(t text) returns text language sql immutable parallel safe
                   as 'select lower(normalize(t, NFKC))'$f$;
    else
        execute $f$create function search_norm(t text) returns text language sql immutable parallel safe
                   as 'select lower(t)'$f$;
    end if;
end
$$;

-- The searchable text of one part: its fields normalised, white space collapsed, one line each (a
-- search word never spans two fields), at most 30,000 characters.
create function search_doc(fields text[]) returns text language sql immutable parallel safe as $$
    select left(coalesce(string_agg(regexp_replace(search_norm(left(f, 30000)), '\s+', ' ', 'g'), E'\n' order by n), ''), 30000)
    from unnest(fields) with ordinality u(f, n)
    where f is not null and f <> ''
$$;

-- The distinct character bigrams of a text, each as (code point << 21) | next code point (in a UTF8
-- database ascii() gives the code point): the characters zipped with themselves shifted by one. Other
-- encodings (where ascii() refuses a multibyte character) use a hash of the pair; a collision only
-- means one more candidate for the LIKE check.
do $$
begin
    if pg_encoding_to_char((select encoding from pg_database where datname = current_database())) = 'UTF8' then
        execute $f$create function search_grams(doc text) returns bigint[] language sql immutable parallel safe as '
            select coalesce(array_agg(distinct (ascii(a)::bigint << 21) | ascii(b)), ''{}'')
            from (select string_to_array(doc, null) c) s, unnest(c[1:cardinality(c) - 1], c[2:]) u(a, b)'$f$;
    else
        execute $f$create function search_grams(doc text) returns bigint[] language sql immutable parallel safe as '
            select coalesce(array_agg(distinct hashtext(a || b)::bigint), ''{}'')
            from (select string_to_array(doc, null) c) s, unnest(c[1:cardinality(c) - 1], c[2:]) u(a, b)'$f$;
    end if;
end
$$;

create table search_part (
    kind        char(1) not null,    -- T ticket, C contact_record, A attachment, U customer
    owner_id    bigint not null,     -- the id of that row
    ticket_id   bigint,              -- T, C, A: the ticket it belongs to (A: its contact's)
    customer_id bigint,              -- U: the customer (their tickets are found through ticket.customer_id)
    message_id  bigint,              -- C, A: the inbound message
    doc         text not null,
    grams       bigint[] not null,
    primary key (kind, owner_id)
);
create index search_part_grams on search_part using gin (grams);
create index search_part_ticket on search_part (ticket_id) where ticket_id is not null;
create index search_part_message on search_part (message_id) where message_id is not null;
create index search_part_customer on search_part (customer_id) where customer_id is not null;

-- PL/pgSQL, not SQL: its statement's plan is kept for the session instead of made again on every call.
create function search_put(p_kind char, p_owner bigint, p_ticket bigint, p_customer bigint, p_message bigint,
                           p_doc text) returns void language plpgsql as $$
begin
    insert into search_part (kind, owner_id, ticket_id, customer_id, message_id, doc, grams)
    values (p_kind, p_owner, p_ticket, p_customer, p_message, p_doc, search_grams(p_doc))
    on conflict (kind, owner_id) do update set ticket_id = excluded.ticket_id, customer_id = excluded.customer_id,
        message_id = excluded.message_id, doc = excluded.doc, grams = excluded.grams;
end
$$;

-- The numbers understanding found, first (a long body must not push them past the cap).
create function search_entities(e jsonb) returns text language sql immutable parallel safe as $$
    select string_agg(v, ' ')
    from unnest(array['waybillNumbers', 'orderNumbers', 'phones', 'emails']) k,
         jsonb_array_elements_text(case when jsonb_typeof(e -> k) = 'array' then e -> k else '[]'::jsonb end) v
$$;

create function search_customer_doc(p_customer bigint) returns text language sql stable as $$
    select search_doc(array[(select display_name from customer where id = p_customer)]
                      || coalesce((select array_agg(value order by id) from customer_identity where customer_id = p_customer),
                                  '{}'::text[]))
$$;

create function search_on_ticket() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        delete from search_part where kind = 'T' and owner_id = old.id;
        return null;
    end if;
    perform search_put('T', new.id, new.id, null, null, search_doc(array[new.ref, new.subject]));
    return null;
end
$$;
create trigger search_ticket_insert after insert on ticket for each row execute function search_on_ticket();
create trigger search_ticket_update after update of ref, subject on ticket for each row
    when (old.ref is distinct from new.ref or old.subject is distinct from new.subject)
    execute function search_on_ticket();
create trigger search_ticket_delete after delete on ticket for each row execute function search_on_ticket();

create function search_on_contact() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        delete from search_part where kind = 'C' and owner_id = old.id;
        return null;
    end if;
    if tg_op = 'INSERT' or old.subject is distinct from new.subject or old.body is distinct from new.body
            or old.entities is distinct from new.entities then
        perform search_put('C', new.id, new.ticket_id, null, new.message_id,
                           search_doc(array[new.subject, search_entities(new.entities), new.body]));
    else
        update search_part set ticket_id = new.ticket_id where kind = 'C' and owner_id = new.id;
    end if;
    -- The contact's files belong to its ticket (also when a ticket is merged into another).
    update search_part set ticket_id = new.ticket_id
    where kind = 'A' and message_id = new.message_id and ticket_id is distinct from new.ticket_id;
    return null;
end
$$;
create trigger search_contact_insert after insert on contact_record for each row execute function search_on_contact();
create trigger search_contact_update after update of ticket_id, subject, body, entities on contact_record for each row
    when (old.ticket_id is distinct from new.ticket_id or old.subject is distinct from new.subject
          or old.body is distinct from new.body or old.entities is distinct from new.entities)
    execute function search_on_contact();
create trigger search_contact_delete after delete on contact_record for each row execute function search_on_contact();

create function search_on_attachment() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        delete from search_part where kind = 'A' and owner_id = old.id;
        return null;
    end if;
    perform search_put('A', new.id, (select ticket_id from contact_record where message_id = new.message_id), null,
                       new.message_id, search_doc(array[new.file_name, new.extracted_text]));
    return null;
end
$$;
create trigger search_attachment_insert after insert on attachment for each row execute function search_on_attachment();
create trigger search_attachment_update after update of file_name, extracted_text on attachment for each row
    when (old.file_name is distinct from new.file_name or old.extracted_text is distinct from new.extracted_text)
    execute function search_on_attachment();
create trigger search_attachment_delete after delete on attachment for each row execute function search_on_attachment();

create function search_on_customer() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        delete from search_part where kind = 'U' and owner_id = old.id;
        return null;
    end if;
    perform search_put('U', new.id, null, new.id, null, search_customer_doc(new.id));
    return null;
end
$$;
create trigger search_customer_insert after insert on customer for each row execute function search_on_customer();
create trigger search_customer_update after update of display_name on customer for each row
    when (old.display_name is distinct from new.display_name)
    execute function search_on_customer();
create trigger search_customer_delete after delete on customer for each row execute function search_on_customer();

create function search_on_identity() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and exists (select 1 from customer where id = old.customer_id) then
        perform search_put('U', old.customer_id, null, old.customer_id, null, search_customer_doc(old.customer_id));
    end if;
    if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.customer_id is distinct from old.customer_id
                                          or new.value is distinct from old.value) then
        perform search_put('U', new.customer_id, null, new.customer_id, null, search_customer_doc(new.customer_id));
    end if;
    return null;
end
$$;
create trigger search_identity_change after insert or update of customer_id, value or delete on customer_identity
    for each row execute function search_on_identity();

-- What is there already.
insert into search_part (kind, owner_id, ticket_id, customer_id, message_id, doc, grams)
select 'T', id, id, null, null, d, search_grams(d)
from (select id, search_doc(array[ref, subject]) d from ticket) x;
insert into search_part (kind, owner_id, ticket_id, customer_id, message_id, doc, grams)
select 'C', id, ticket_id, null, message_id, d, search_grams(d)
from (select id, ticket_id, message_id, search_doc(array[subject, search_entities(entities), body]) d from contact_record) x;
insert into search_part (kind, owner_id, ticket_id, customer_id, message_id, doc, grams)
select 'A', a.id, c.ticket_id, null, a.message_id, d, search_grams(d)
from (select id, message_id, search_doc(array[file_name, extracted_text]) d from attachment) a
left join contact_record c on c.message_id = a.message_id;
insert into search_part (kind, owner_id, ticket_id, customer_id, message_id, doc, grams)
select 'U', id, null, id, null, d, search_grams(d)
from (select id, search_customer_doc(id) d from customer) x;
analyze search_part;
