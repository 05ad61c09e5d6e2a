package io.contacthub.customer;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer as a business (客户信息): company, industry, region, contact persons and addresses. The hub fills in
 * what it can — the region of the numbers they reach us from, the approved survey, addresses read in their orders
 * and faxes — and staff correct it; every change is kept with who made it and where it came from.
 * <p>
 * The region is taken from the best source seen so far: staff over the survey over an address over a number
 * (a number is where it was issued, an address where the customer ships from, the survey what they say).
 */
@Component("customerMasterData")
public class CustomerMasterData {

    /** The hub itself, as the author of what it filled in. */
    public static final String HUB = "hub";

    private static final Map<String, Integer> REGION_RANK = Map.of("PHONE", 1, "FAX", 1, "ADDRESS", 2, "SURVEY", 3, "STAFF", 4);

    static final int MAX_TEXT = 200;
    static final int MAX_ADDRESS = 500;

    private final JdbcClient jdbc;
    private final NumberRegions numbers;

    CustomerMasterData(JdbcClient jdbc, NumberRegions numbers) {
        this.jdbc = jdbc;
        this.numbers = numbers;
    }

    public record ContactPerson(long id, String name, String role, String phone, String email, String source) {
    }

    public record Address(long id, String address, String province, String city, String source, String sourceRef) {
    }

    public record Change(String field, String oldValue, String newValue, String changedBy, String source,
                         OffsetDateTime changedAt) {
    }

    public record Profile(long customerId, String company, String industry, String country, String province, String city,
                          String regionSource, List<ContactPerson> contacts, List<Address> addresses) {
    }

    /** What staff set on the customer form; null leaves a field as it is, blank clears it. */
    public record Edit(String company, String industry, String province, String city) {
    }

    /** A change staff asked for that cannot be made, with the reason. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public Optional<Profile> profile(long customerId) {
        return jdbc.sql("select company, industry, country, province, city, region_source from customer where id = ?")
                .param(customerId)
                .query((rs, n) -> new Profile(customerId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), contacts(customerId), addresses(customerId)))
                .optional();
    }

    public List<Change> history(long customerId, int limit) {
        return jdbc.sql("""
                        select field, old_value, new_value, changed_by, source, changed_at from customer_change
                        where customer_id = ? order by id desc limit ?""")
                .params(customerId, limit).query(Change.class).list();
    }

    /** A proven number of the customer's: its region, unless a better source already gave one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void regionFromNumber(long customerId, String kind, String e164) {
        Region region = numbers.of(e164);
        if (region.known()) {
            setRegion(customerId, region, "FAX".equals(kind) ? "FAX" : "PHONE", HUB);
        }
    }

    /** The approved survey's company, business type, region and contact person. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void fromSurvey(long customerId, CustomerSurveys.Survey survey, String staff) {
        Current before = current(customerId);
        setField(customerId, "company", before.company(), limit(survey.company(), MAX_TEXT), staff, "SURVEY", true);
        setField(customerId, "industry", before.industry(), limit(survey.businessType(), MAX_TEXT), staff, "SURVEY", true);
        ChineseRegions.read(survey.region()).ifPresent(r -> setRegion(customerId, r, "SURVEY", staff));
        String name = limit(survey.contactName(), MAX_TEXT);
        if (name != null && contacts(customerId).stream().noneMatch(c -> c.name().equals(name))) {
            addContact(customerId, name, null, limit(survey.phone(), 40), limit(survey.email(), MAX_TEXT), "SURVEY", staff);
        }
    }

    /** An address the customer wrote in an order or on a fax (their pickup address: where they ship from). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void addressRead(long customerId, String address, String source, String ticketRef) {
        String text = limit(address, MAX_ADDRESS);
        if (text == null) {
            return;
        }
        Optional<Region> region = ChineseRegions.read(text);
        int added = jdbc.sql("""
                        insert into customer_address (customer_id, address, province, city, source, source_ref)
                        values (?, ?, ?, ?, ?, ?) on conflict (customer_id, address) do nothing""")
                .params(customerId, text, region.map(Region::province).orElse(null), region.map(Region::city).orElse(null),
                        source, ticketRef).update();
        if (added > 0) {
            log(customerId, "address", null, text, HUB, source);
            region.ifPresent(r -> setRegion(customerId, r, "ADDRESS", HUB));
        }
    }

    @Transactional
    public void edit(long customerId, Edit edit, String staff) {
        Current before = current(customerId);
        String province = edit.province() == null ? null : edit.province().strip();
        if (province != null && !province.isEmpty() && !ChineseRegions.provinces().contains(province)) {
            throw new Refused("unknown province: " + province);
        }
        setField(customerId, "company", before.company(), checked(edit.company(), MAX_TEXT, "company"), staff, "STAFF", false);
        setField(customerId, "industry", before.industry(), checked(edit.industry(), MAX_TEXT, "industry"), staff, "STAFF", false);
        String city = checked(edit.city(), 40, "city");
        if (province != null || city != null) {
            String p = province == null ? before.province() : blankToNull(province);
            String c = city == null ? before.city() : blankToNull(city);
            if (!Objects.equals(p, before.province()) || !Objects.equals(c, before.city())) {
                jdbc.sql("update customer set country = case when ? is null then country else 'CN' end, province = ?, city = ?,"
                                + " region_source = 'STAFF' where id = ?")
                        .params(p, p, c, customerId).update();
                log(customerId, "region", join(before.province(), before.city()), join(p, c), staff, "STAFF");
            }
        }
    }

    @Transactional
    public long addContactPerson(long customerId, String name, String role, String phone, String email, String staff) {
        String n = checked(name, MAX_TEXT, "name");
        if (n == null || n.isEmpty()) {
            throw new Refused("a contact person needs a name");
        }
        current(customerId);
        return addContact(customerId, n, blankToNull(checked(role, MAX_TEXT, "role")), blankToNull(checked(phone, 40, "phone")),
                blankToNull(checked(email, MAX_TEXT, "e-mail")), "STAFF", staff);
    }

    @Transactional
    public void removeContactPerson(long customerId, long personId, String staff) {
        jdbc.sql("delete from customer_contact_person where id = ? and customer_id = ? returning name")
                .params(personId, customerId).query(String.class).optional()
                .ifPresent(name -> log(customerId, "contact", name, null, staff, "STAFF"));
    }

    @Transactional
    public void addAddress(long customerId, String address, String staff) {
        String text = checked(address, MAX_ADDRESS, "address");
        if (text == null || text.isEmpty()) {
            throw new Refused("the address is empty");
        }
        current(customerId);
        Optional<Region> region = ChineseRegions.read(text);
        int added = jdbc.sql("""
                        insert into customer_address (customer_id, address, province, city, source)
                        values (?, ?, ?, ?, 'STAFF') on conflict (customer_id, address) do nothing""")
                .params(customerId, text, region.map(Region::province).orElse(null), region.map(Region::city).orElse(null))
                .update();
        if (added > 0) {
            log(customerId, "address", null, text, staff, "STAFF");
        }
    }

    @Transactional
    public void removeAddress(long customerId, long addressId, String staff) {
        jdbc.sql("delete from customer_address where id = ? and customer_id = ? returning address")
                .params(addressId, customerId).query(String.class).optional()
                .ifPresent(a -> log(customerId, "address", a, null, staff, "STAFF"));
    }

    /** Part of a merge (in its transaction): what the merged record knew goes to the kept one, and both say so. */
    @Transactional(propagation = Propagation.MANDATORY)
    void merged(long mergedId, long keptId, String staff) {
        jdbc.sql("""
                update customer k set company = coalesce(k.company, m.company), industry = coalesce(k.industry, m.industry),
                    country = case when k.province is null and m.province is not null then m.country else k.country end,
                    city = case when k.province is null and m.province is not null then m.city else k.city end,
                    region_source = case when k.province is null and m.province is not null then m.region_source else k.region_source end,
                    province = coalesce(k.province, m.province)
                from customer m where k.id = ? and m.id = ?""").params(keptId, mergedId).update();
        jdbc.sql("update customer_contact_person set customer_id = ? where customer_id = ?").params(keptId, mergedId).update();
        jdbc.sql("""
                update customer_address a set customer_id = ? where customer_id = ?
                  and not exists (select 1 from customer_address k where k.customer_id = ? and k.address = a.address)""")
                .params(keptId, mergedId, keptId).update();
        log(keptId, "merged", null, "#" + mergedId, staff, "STAFF");
        log(mergedId, "merged", null, "→ #" + keptId, staff, "STAFF");
    }

    private record Current(String company, String industry, String province, String city, String regionSource) {
    }

    private Current current(long customerId) {
        return jdbc.sql("select company, industry, province, city, region_source from customer where id = ?").param(customerId)
                .query(Current.class).optional().orElseThrow(() -> new Refused("no customer " + customerId));
    }

    private void setRegion(long customerId, Region region, String source, String by) {
        Current before = current(customerId);
        int rank = REGION_RANK.get(source);
        int had = before.regionSource() == null ? 0 : REGION_RANK.getOrDefault(before.regionSource(), 0);
        // The hub's own sources keep the first region found; what the customer or staff say replaces it.
        if (rank < had || rank == had && rank <= REGION_RANK.get("ADDRESS") || region.province() == null && before.province() != null) {
            return;
        }
        if (Objects.equals(region.province(), before.province()) && (region.city() == null || Objects.equals(region.city(), before.city()))) {
            return; // nothing new; a city the better source did not name is kept
        }
        jdbc.sql("update customer set country = ?, province = ?, city = ?, region_source = ? where id = ?")
                .params(region.country(), region.province(), region.city(), source, customerId).update();
        log(customerId, "region", join(before.province(), before.city()), join(region.province(), region.city()), by, source);
    }

    private void setField(long customerId, String column, String before, String after, String by, String source, boolean onlyIfEmpty) {
        if (after == null || Objects.equals(blankToNull(after), before) || onlyIfEmpty && before != null) {
            return;
        }
        jdbc.sql("update customer set " + column + " = ? where id = ?").params(blankToNull(after), customerId).update();
        log(customerId, column, before, blankToNull(after), by, source);
    }

    private long addContact(long customerId, String name, String role, String phone, String email, String source, String by) {
        long id = jdbc.sql("""
                        insert into customer_contact_person (customer_id, name, role, phone, email, source)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(customerId, name, role, phone, email, source).query(Long.class).single();
        log(customerId, "contact", null, name, by, source);
        return id;
    }

    private List<ContactPerson> contacts(long customerId) {
        return jdbc.sql("select id, name, role, phone, email, source from customer_contact_person where customer_id = ? order by id")
                .param(customerId).query(ContactPerson.class).list();
    }

    private List<Address> addresses(long customerId) {
        return jdbc.sql("select id, address, province, city, source, source_ref from customer_address where customer_id = ? order by id")
                .param(customerId).query(Address.class).list();
    }

    private void log(long customerId, String field, String oldValue, String newValue, String by, String source) {
        jdbc.sql("""
                        insert into customer_change (customer_id, field, old_value, new_value, changed_by, source)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(customerId, field, oldValue, newValue, by, source).update();
    }

    /** Staff input: at most {@code max} characters, no control characters; null stays null (not asked to change). */
    private static String checked(String value, int max, String what) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new Refused(what + " is longer than " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new Refused(what + " contains control characters");
        }
        return v;
    }

    /** What the hub fills in from customers' own words: trimmed, control characters dropped, cut to a length. */
    private static String limit(String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.replaceAll("\\p{Cntrl}", " ").strip();
        return v.isEmpty() ? null : v.length() > max ? v.substring(0, max) : v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String join(String province, String city) {
        List<String> parts = new ArrayList<>();
        if (province != null) {
            parts.add(province);
        }
        if (city != null && !city.equals(province)) {
            parts.add(city);
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }
}
