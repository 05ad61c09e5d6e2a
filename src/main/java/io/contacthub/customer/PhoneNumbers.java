package io.contacthub.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Phone numbers in E.164, read with libphonenumber; numbers without a country code are taken as the default region's. */
@Component
public class PhoneNumbers {

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    @Autowired
    public PhoneNumbers(PhoneSettings settings) {
        this(settings.defaultRegion());
    }

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** @return the E.164 form, or empty when the text is not a valid number */
    public Optional<String> normalize(String number) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber parsed = util.parse(number, defaultRegion);
            return util.isValidNumber(parsed)
                    ? Optional.of(util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public List<String> findAll(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (PhoneNumberMatch match : util.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            found.add(util.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164));
        }
        return new ArrayList<>(found);
    }
}
