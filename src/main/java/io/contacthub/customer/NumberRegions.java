package io.contacthub.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The region a phone or fax number belongs to, from libphonenumber's offline geocoder: for a Chinese mobile the
 * province and city its number block was issued in (+86 139 1234 5678 → 江苏省常州市), for a fixed line its area
 * code's city, elsewhere the country only. A number is where it was issued, not where its owner is today; good
 * enough for regional statistics, and replaced by anything the customer or staff say.
 */
@Component
public class NumberRegions {

    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
    private final PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();

    /** @param e164 a number as the hub stores it, e.g. +8613912345678 */
    public Region of(String e164) {
        PhoneNumber number;
        try {
            number = numbers.parse(e164, "CN");
        } catch (NumberParseException e) {
            return Region.UNKNOWN;
        }
        String country = numbers.getRegionCodeForNumber(number);
        if (country == null || "ZZ".equals(country)) {
            return Region.UNKNOWN;
        }
        if (!"CN".equals(country) && !"HK".equals(country) && !"MO".equals(country) && !"TW".equals(country)) {
            return new Region(country, null, null);
        }
        String place = geocoder.getDescriptionForNumber(number, Locale.SIMPLIFIED_CHINESE);
        return ChineseRegions.read(place).map(r -> new Region(country, r.province(), r.city()))
                .orElse(new Region(country, null, null));
    }
}
