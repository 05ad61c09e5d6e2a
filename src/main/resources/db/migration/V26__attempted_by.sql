-- Which hub node made a message's latest processing attempt (hub.cluster.node-id): in a cluster,
-- staff and operators can tell where a message was worked on, e.g. that faxes went to the OCR nodes.
alter table inbound_message add column attempted_by varchar(64);
