package io.contacthub.reports;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code contact_rollup} and {@code contact_region_rollup}: contacts by UTC hour and channel, and by UTC hour and
 * the customer's province, for every contact record up
 * to a watermark id. The reports add the few records above the watermark counted live, so their figures are exact
 * at any moment while reading a year as some 35,000 rows instead of a million.
 * <p>
 * The watermark only passes records whose transaction began more than {@code hub.reports.rollup-settled} ago
 * (10 minutes): ids are handed out
 * before commit, so a younger, lower id may still be on its way, and skipping it would lose it from the rollup for
 * good. Nothing is updated on the intake path (a counter row per hour would make every intake transaction queue on
 * it). One refresh at a time across nodes.
 */
@Component
public class ContactRollup {

    private static final long BATCH = 500_000;
    private static final Logger log = LoggerFactory.getLogger(ContactRollup.class);

    private final JdbcClient jdbc;
    private final Duration settled;

    ContactRollup(JdbcClient jdbc, @org.springframework.beans.factory.annotation.Value("${hub.reports.rollup-settled}") Duration settled) {
        this.jdbc = jdbc;
        this.settled = settled;
    }

    /** The id up to which contact records are in the rollup. */
    public long watermark() {
        return jdbc.sql("select last_id from rollup_watermark where name = 'contact_record'").query(Long.class).single();
    }

    @Scheduled(initialDelayString = "${hub.reports.rollup-delay}", fixedDelayString = "${hub.reports.rollup-delay}")
    void onSchedule() {
        long rolled;
        do {
            rolled = refresh();
        } while (rolled >= BATCH);
    }

    private record MaybeLong(Long value) {
    }

    private static MaybeLong nullableLong(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new MaybeLong((Long) rs.getObject(1));
    }

    /** @return how many contact records this refresh added to the rollup */
    @Transactional
    public long refresh() {
        if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtext('contact-rollup'))").query(Boolean.class).single()) {
            return 0;
        }
        long from = jdbc.sql("select last_id from rollup_watermark where name = 'contact_record' for update").query(Long.class).single();
        // The first record too young to be sure all below it are committed; the watermark stops just before it.
        Long young = jdbc.sql("select min(id) from contact_record where id > ? and created_at >= now() - cast(? as interval)")
                .params(from, settled.toSeconds() + " seconds").query(ContactRollup::nullableLong).single().value();
        Long newest = jdbc.sql("select max(id) from contact_record where id > ?").param(from).query(ContactRollup::nullableLong)
                .single().value();
        if (newest == null) {
            return 0;
        }
        long to = Math.min(young == null ? newest : young - 1, from + BATCH);
        if (to <= from) {
            return 0;
        }
        long rolled = jdbc.sql("""
                        insert into contact_rollup (hour, channel, contacts)
                        select date_trunc('hour', m.received_at), r.channel, count(*)
                        from contact_record r join inbound_message m on m.id = r.message_id
                        where r.id > ? and r.id <= ?
                        group by 1, 2
                        on conflict (hour, channel) do update set contacts = contact_rollup.contacts + excluded.contacts""")
                .params(from, to).update();
        rolled += jdbc.sql("""
                        insert into contact_region_rollup (hour, province, contacts)
                        select date_trunc('hour', m.received_at), coalesce(c.province, ''), count(*)
                        from contact_record r join inbound_message m on m.id = r.message_id
                        left join customer c on c.id = r.customer_id
                        where r.id > ? and r.id <= ?
                        group by 1, 2
                        on conflict (hour, province) do update set contacts = contact_region_rollup.contacts + excluded.contacts""")
                .params(from, to).update();
        jdbc.sql("update rollup_watermark set last_id = ? where name = 'contact_record'").param(to).update();
        log.debug("contact rollup: ids {}..{} in {} hour rows", from + 1, to, rolled);
        return to - from;
    }
}
