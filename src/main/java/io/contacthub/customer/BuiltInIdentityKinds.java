package io.contacthub.customer;

import io.contacthub.descriptor.IdentityKind;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity kinds every hub has: e-mail addresses, and E.164 phone and fax numbers. A fax number
 * is a kind of its own, so a sender known only by their fax line is never texted or rung on it.
 * Channels register further kinds as {@link IdentityKind} beans.
 */
@Configuration(proxyBeanMethods = false)
public class BuiltInIdentityKinds {

    public static final String EMAIL = "EMAIL";
    public static final String PHONE = "PHONE";
    public static final String FAX = "FAX";
    public static final String LOGIN = "LOGIN";

    @Bean
    IdentityKind emailIdentity() {
        return IdentityKind.of(EMAIL, "电子邮件地址", "E-mail address", raw -> raw.contains("@")
                ? Optional.of(raw.trim().toLowerCase(Locale.ROOT)) : Optional.empty());
    }

    /** A member's sign-in name (set by the portal, never by a channel). */
    @Bean
    IdentityKind loginIdentity() {
        return IdentityKind.of(LOGIN, "会员登录", "Member login", raw -> raw.isBlank()
                ? Optional.empty() : Optional.of(raw.trim().toLowerCase(Locale.ROOT)));
    }

    @Bean
    IdentityKind phoneIdentity(PhoneNumbers phones) {
        return IdentityKind.of(PHONE, "电话号码", "Phone number", phones::normalize);
    }

    @Bean
    IdentityKind faxIdentity(PhoneNumbers phones) {
        return IdentityKind.of(FAX, "传真号码", "Fax number", phones::normalize);
    }
}
