package io.contacthub.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer information survey (客户信息调查表). A survey that asks for membership waits for
 * staff approval; approving it registers (or finds) the customer by e-mail/phone and creates the
 * member login with the password the customer chose when filling it in.
 */
@Component
public class CustomerSurveys {

    private final JdbcClient jdbc;
    private final CustomerDirectory directory;
    private final MemberAccounts members;

    private final PhoneNumbers phones;

    private final CustomerMasterData masterData;

    CustomerSurveys(JdbcClient jdbc, CustomerDirectory directory, MemberAccounts members, PhoneNumbers phones,
                    CustomerMasterData masterData) {
        this.masterData = masterData;
        this.phones = phones;
        this.jdbc = jdbc;
        this.directory = directory;
        this.members = members;
    }

    public record Answers(String company, String contactName, String email, String phone, String region,
                          String businessType, String monthlyShipments, String services, String preferredChannel,
                          String remarks, boolean wantsMembership, String login, String passwordHash) {
    }

    public record Survey(long id, String company, String contactName, String email, String phone, String region,
                         String businessType, String monthlyShipments, String services, String preferredChannel,
                         String remarks, boolean wantsMembership, String login, String status, String decidedBy,
                         OffsetDateTime decidedAt, Long customerId, OffsetDateTime createdAt,
                         OffsetDateTime emailVerifiedAt, OffsetDateTime phoneVerifiedAt) {

        /** The applicant answered a code sent to the survey's e-mail or phone. */
        public boolean proven() {
            return emailVerifiedAt != null || phoneVerifiedAt != null;
        }
    }

    /** An identity on the survey that already belongs to a customer (shown to staff before approving). */
    public record Match(String kind, String value, long customerId, String provenance, String customerName) {
    }

    /** Why a decision could not be taken. */
    public static class SurveyRejected extends RuntimeException {
        public SurveyRejected(String message) {
            super(message);
        }
    }

    public long submit(Answers a) {
        return jdbc.sql("""
                        insert into customer_survey (company, contact_name, email, phone, region, business_type,
                          monthly_shipments, services, preferred_channel, remarks, wants_membership, login, password_hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(a.company(), a.contactName(), lower(a.email()), a.phone(), a.region(), a.businessType(),
                        a.monthlyShipments(), a.services(), a.preferredChannel(), a.remarks(), a.wantsMembership(),
                        a.wantsMembership() && a.login() != null ? MemberAccounts.normalize(a.login()) : null,
                        a.wantsMembership() ? a.passwordHash() : null)
                .query(Long.class).single();
    }

    public List<Survey> list(String status, int limit) {
        return jdbc.sql(SELECT + " where (cast(:status as text) is null or status = :status) order by id desc limit :limit")
                .param("status", status == null || status.isBlank() ? null : status.trim().toUpperCase())
                .param("limit", limit)
                .query(Survey.class).list();
    }

    public Optional<Survey> find(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Survey.class).optional();
    }

    /** Where a code proving the survey's contact details goes: its e-mail address, else its phone number. */
    public Optional<VerificationCodes.Proved> addressToProve(Survey survey) {
        if (survey.email() != null && survey.email().contains("@")) {
            return Optional.of(new VerificationCodes.Proved("EMAIL", survey.email()));
        }
        return phones.normalize(survey.phone()).map(p -> new VerificationCodes.Proved("PHONE", p));
    }

    public static String purpose(long surveyId) {
        return "SURVEY:" + surveyId;
    }

    /** The applicant answered the code sent to {@code proved}. */
    public void markProven(long surveyId, VerificationCodes.Proved proved) {
        jdbc.sql("update customer_survey set " + ("EMAIL".equals(proved.kind()) ? "email_verified_at" : "phone_verified_at")
                + " = now() where id = ? and status = 'NEW'").param(surveyId).update();
    }

    /** Customers the survey's e-mail or phone already belong to, so staff see who the applicant says they are. */
    public List<Match> matches(Survey survey) {
        List<String> keys = new java.util.ArrayList<>();
        if (survey.email() != null) {
            keys.add("EMAIL:" + survey.email());
        }
        phones.normalize(survey.phone()).ifPresent(p -> keys.add("PHONE:" + p));
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select i.kind, i.value, i.customer_id, i.provenance, c.display_name from customer_identity i
                        join customer c on c.id = i.customer_id where i.kind || ':' || i.value in (:keys) order by i.id""")
                .param("keys", keys)
                .query((rs, n) -> new Match(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    /**
     * Records the customer; for a membership request also creates the member login, which needs the
     * applicant to have proven the survey's e-mail or phone by a code: the login then belongs to the
     * customer that proven identity belongs to, never to one a merely typed number points at.
     */
    @Transactional
    public Survey approve(long id, String staff) {
        Survey survey = lockNew(id);
        if (survey.wantsMembership() && !survey.proven()) {
            throw new SurveyRejected("the applicant has not yet proven the survey's e-mail address or phone number with the"
                    + " code sent to it; a member login needs that proof");
        }
        Provenance email = survey.emailVerifiedAt() != null ? Provenance.VERIFIED : Provenance.CLAIMED;
        Provenance phone = survey.phoneVerifiedAt() != null ? Provenance.VERIFIED : Provenance.CLAIMED;
        Long customerId = directory.identify(new CustomerDirectory.Sender(survey.email(), email, survey.phone(), phone,
                survey.contactName(), null, null)).customerId();
        if (customerId == null) {
            throw new SurveyRejected("the survey has no usable e-mail address or phone number");
        }
        if (survey.emailVerifiedAt() != null) {
            directory.markVerified(customerId, "EMAIL", survey.email(), "code");
        }
        if (survey.phoneVerifiedAt() != null) {
            phones.normalize(survey.phone()).ifPresent(p -> directory.markVerified(customerId, "PHONE", p, "code"));
        }
        if (survey.wantsMembership()) {
            if (members.loginTaken(survey.login())) {
                throw new SurveyRejected("the login " + survey.login() + " is already taken");
            }
            if (jdbc.sql("select count(*) from member_account where customer_id = ?").param(customerId).query(Long.class).single() > 0) {
                throw new SurveyRejected("this customer already has a member login");
            }
            String hash = jdbc.sql("select password_hash from customer_survey where id = ?").param(id).query(String.class).single();
            members.create(survey.login(), customerId, hash);
        }
        masterData.fromSurvey(customerId, survey, staff);
        jdbc.sql("""
                update customer_survey set status = 'APPROVED', decided_by = ?, decided_at = now(), customer_id = ?,
                  password_hash = null where id = ?""").params(staff, customerId, id).update();
        return find(id).orElseThrow();
    }

    @Transactional
    public Survey reject(long id, String staff) {
        lockNew(id);
        jdbc.sql("update customer_survey set status = 'REJECTED', decided_by = ?, decided_at = now(), password_hash = null where id = ?")
                .params(staff, id).update();
        return find(id).orElseThrow();
    }

    private Survey lockNew(long id) {
        Survey survey = jdbc.sql(SELECT + " where id = :id for update").param("id", id).query(Survey.class).optional()
                .orElseThrow(() -> new SurveyRejected("no survey " + id));
        if (!"NEW".equals(survey.status())) {
            throw new SurveyRejected("survey " + id + " was already " + survey.status());
        }
        return survey;
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static final String SELECT = """
            select id, company, contact_name, email, phone, region, business_type, monthly_shipments, services,
                   preferred_channel, remarks, wants_membership, login, status, decided_by, decided_at, customer_id, created_at,
                   email_verified_at, phone_verified_at
            from customer_survey""";
}
