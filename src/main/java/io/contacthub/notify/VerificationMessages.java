package io.contacthub.notify;

import io.contacthub.customer.SmsOptOuts;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a one-time code to the address someone wants to prove, through the outbox like every other
 * message. The same limits as for any automatic message hold: allowed countries for texts, the
 * per-recipient cap, STOP. A refusal is an outbox row SUPPRESSED with its reason.
 */
@Component
public class VerificationMessages {

    private final Outbox outbox;
    private final NotificationTemplates templates;
    private final RecipientRules rules;
    private final SmsOptOuts optOuts;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    VerificationMessages(Outbox outbox, NotificationTemplates templates, RecipientRules rules, SmsOptOuts optOuts,
                         org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.outbox = outbox;
        this.templates = templates;
        this.rules = rules;
        this.optOuts = optOuts;
        this.jdbc = jdbc;
    }

    /** @return null when queued, else why it was SUPPRESSED */
    @Transactional
    public String sendCode(String kind, String address, String code, long validMinutes, String language) {
        String lang = NotificationTemplates.language(language);
        boolean email = "EMAIL".equals(kind);
        String channel = email ? Outbox.EMAIL : Outbox.SMS;
        String refused = null;
        if (!email && rules.refusedRegion(address) != null) {
            refused = "texts to region " + rules.refusedRegion(address) + " are not allowed (hub.notify.recipients.allowed-countries)";
        } else if (!email && optOuts.isOptedOut(address)) {
            refused = "the number has opted out of SMS (STOP)";
        } else {
            long recent = jdbc.sql("""
                            select count(*) from notification where channel = ? and recipient = ? and template <> 'reply'
                              and status <> 'SUPPRESSED' and created_at > now() - ? * interval '1 second'""")
                    .params(channel, address, rules.automaticWindow().toSeconds()).query(Long.class).single();
            if (recent >= rules.automaticPerRecipient()) {
                refused = "this recipient already got " + recent + " automatic messages (hub.notify.recipients.automatic-per-recipient)";
            }
        }
        Map<String, Object> vars = Map.of("code", code, "minutes", validMinutes);
        String body = email ? templates.render("code", lang, vars) : templates.renderShort("code", lang, vars);
        String subject = email ? ("zh".equals(lang) ? "您的验证码" : "Your verification code") : null;
        outbox.enqueue(new Outbox.Pending(null, null, channel, address, "code", lang, subject, body, null,
                "code:" + UUID.randomUUID(), refused));
        return refused;
    }
}
