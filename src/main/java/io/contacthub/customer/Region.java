package io.contacthub.customer;

/**
 * Where a customer is, as far as the hub knows: a country (ISO 3166, e.g. CN) and, in China, the provincial-level
 * division and prefecture-level city by their official names (江苏省, 常州市; a municipality is its own city:
 * 上海市, 上海市). Any part may be null.
 */
public record Region(String country, String province, String city) {

    public static final Region UNKNOWN = new Region(null, null, null);

    public boolean known() {
        return country != null || province != null;
    }
}
