-- Issue 17, throughput: two costs every processed contact paid in PostgreSQL.

-- (1) The automatic-message cap (CustomerNotifications.withinAutomaticCap) counts a recipient's recent notices for
-- every contact. Without an index that is a scan of the whole outbox, which grows with every notice ever sent.
create index notification_recipient on notification (recipient, channel, created_at);

-- (2) Steps after the record add keys to contact_record.entities (an order's form fields, a fax's OCR results). The
-- search index reads only the numbers in it (search_entities), yet any change of entities rebuilt the contact's
-- whole search part: the body's bigrams again and a second GIN insert. Now only a change the search can see does.
create or replace function search_on_contact() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        delete from search_part where kind = 'C' and owner_id = old.id;
        return null;
    end if;
    if tg_op = 'INSERT' or old.subject is distinct from new.subject or old.body is distinct from new.body
            or search_entities(old.entities) is distinct from search_entities(new.entities) then
        perform search_put('C', new.id, new.ticket_id, null, new.message_id,
                           search_doc(array[new.subject, search_entities(new.entities), new.body]));
    elsif old.ticket_id is distinct from new.ticket_id then
        update search_part set ticket_id = new.ticket_id where kind = 'C' and owner_id = new.id;
    end if;
    -- The contact's files belong to its ticket (also when a ticket is merged into another).
    if tg_op = 'INSERT' or old.ticket_id is distinct from new.ticket_id then
        update search_part set ticket_id = new.ticket_id
        where kind = 'A' and message_id = new.message_id and ticket_id is distinct from new.ticket_id;
    end if;
    return null;
end
$$;
drop trigger search_contact_update on contact_record;
create trigger search_contact_update after update of ticket_id, subject, body, entities on contact_record for each row
    when (old.ticket_id is distinct from new.ticket_id or old.subject is distinct from new.subject
          or old.body is distinct from new.body or search_entities(old.entities) is distinct from search_entities(new.entities))
    execute function search_on_contact();
