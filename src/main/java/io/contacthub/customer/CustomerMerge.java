package io.contacthub.customer;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff merge two customer records that are one person (a web message that claimed a number the
 * hub already knew). Merging is a staff decision, never the hub's: a claim alone never merges.
 * Everything of the merged record moves to the one kept; the merged record remains, pointing at it.
 */
@Component
public class CustomerMerge {

    private final JdbcClient jdbc;
    private final CustomerMasterData masterData;

    CustomerMerge(JdbcClient jdbc, CustomerMasterData masterData) {
        this.jdbc = jdbc;
        this.masterData = masterData;
    }

    /** Why a merge was refused. */
    public static class MergeRefused extends RuntimeException {
        MergeRefused(String message) {
            super(message);
        }
    }

    @Transactional
    public void merge(long mergedId, long keptId, String staff) {
        if (mergedId == keptId) {
            throw new MergeRefused("a customer cannot be merged into itself");
        }
        // Lock both in id order so two merges of the same pair cannot deadlock.
        jdbc.sql("select id from customer where id in (?, ?) order by id for update").params(mergedId, keptId).query(Long.class).list();
        for (long id : new long[] {mergedId, keptId}) {
            List<Long> into = jdbc.sql("select coalesce(merged_into, 0) from customer where id = ?").param(id).query(Long.class).list();
            if (into.isEmpty()) {
                throw new MergeRefused("no customer " + id);
            }
            if (into.get(0) != 0) {
                throw new MergeRefused("customer " + id + " was already merged into customer " + into.get(0));
            }
        }
        long members = jdbc.sql("select count(*) from member_account where customer_id in (?, ?)").params(mergedId, keptId)
                .query(Long.class).single();
        if (members > 1) {
            throw new MergeRefused("both customers have a member login; deactivate one first");
        }
        // The hub's records of this customer, across features: identities, tickets, contacts, outbox, surveys.
        for (String table : new String[] {"customer_identity", "ticket", "contact_record", "notification", "customer_survey",
                "member_account"}) {
            jdbc.sql("update " + table + " set customer_id = ? where customer_id = ?").params(keptId, mergedId).update();
        }
        jdbc.sql("""
                update customer k set display_name = coalesce(k.display_name, m.display_name),
                    language = coalesce(k.language, m.language),
                    kind = case when exists (select 1 from member_account a where a.customer_id = k.id) then 'MEMBER' else k.kind end
                from customer m where k.id = ? and m.id = ?""").params(keptId, mergedId).update();
        jdbc.sql("update customer set merged_into = ?, kind = 'GENERAL' where id = ?").params(keptId, mergedId).update();
        masterData.merged(mergedId, keptId, staff);
        org.slf4j.LoggerFactory.getLogger(CustomerMerge.class).info("customer {} merged into {} by {}", mergedId, keptId, staff);
    }
}
