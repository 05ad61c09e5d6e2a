-- Cluster mode (issue 18): the lock whose holder runs the mailbox pollers and the fax spool
-- (io.contacthub.cluster.Leadership). Spring Integration's JDBC lock registry owns the rows; the
-- table is its PostgreSQL schema (spring-integration-jdbc 7.1, schema-postgresql.sql) as it is.
-- EXPIRED_AFTER is written from the holder's clock: the nodes' clocks must agree (NTP).
-- One node alone never uses it.
CREATE TABLE INT_LOCK  (
	LOCK_KEY CHAR(36) NOT NULL,
	REGION VARCHAR(100) NOT NULL,
	CLIENT_ID CHAR(36),
	CREATED_DATE TIMESTAMP NOT NULL,
	EXPIRED_AFTER TIMESTAMP NOT NULL,
	constraint INT_LOCK_PK primary key (LOCK_KEY, REGION)
);
