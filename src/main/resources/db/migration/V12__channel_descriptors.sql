-- Issue 12: channels declare their identity kinds; a fax number is a kind of its own.

-- The identity kind an outbox row is addressed to (EMAIL, PHONE, or a channel's own kind such as a
-- marketplace buyer id), so a channel's sender knows what the recipient is.
alter table notification add column recipient_kind varchar(32);
update notification set recipient_kind = case when channel = 'EMAIL' then 'EMAIL'
                                              when channel in ('SMS', 'VOICE') then 'PHONE' end;

-- Fax numbers were stored as PHONE identities. One that only ever sent faxes (the customer has no
-- SMS or call contact, and staff never confirmed it as a phone) becomes a FAX identity, so the hub
-- stops offering to text or ring a fax line. A number that also texted or called stays a phone.
update customer_identity i set kind = 'FAX'
where i.kind = 'PHONE' and i.provenance <> 'VERIFIED'
  and exists (select 1 from contact_record cr where cr.customer_id = i.customer_id and cr.channel = 'FAX')
  and not exists (select 1 from contact_record cr where cr.customer_id = i.customer_id and cr.channel in ('SMS', 'VOICE'))
  and not exists (select 1 from customer_identity o where o.kind = 'FAX' and o.value = i.value);
