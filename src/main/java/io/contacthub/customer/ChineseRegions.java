package io.contacthub.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * China's 34 provincial-level divisions, to read a province and city from a place name or an address as written
 * ("广东省深圳市南山区科技园", "上海浦东新区", "内蒙古呼和浩特市") and to name a province in English on English pages.
 */
public final class ChineseRegions {

    /** Official name → English name, in the order of the national standard's codes (GB/T 2260). */
    private static final Map<String, String> PROVINCES = new LinkedHashMap<>();

    /** The four municipalities, each its own city. */
    private static final List<String> MUNICIPALITIES = List.of("北京市", "天津市", "上海市", "重庆市");

    static {
        String[][] rows = {
                {"北京市", "Beijing"}, {"天津市", "Tianjin"}, {"河北省", "Hebei"}, {"山西省", "Shanxi"},
                {"内蒙古自治区", "Inner Mongolia"}, {"辽宁省", "Liaoning"}, {"吉林省", "Jilin"}, {"黑龙江省", "Heilongjiang"},
                {"上海市", "Shanghai"}, {"江苏省", "Jiangsu"}, {"浙江省", "Zhejiang"}, {"安徽省", "Anhui"},
                {"福建省", "Fujian"}, {"江西省", "Jiangxi"}, {"山东省", "Shandong"}, {"河南省", "Henan"},
                {"湖北省", "Hubei"}, {"湖南省", "Hunan"}, {"广东省", "Guangdong"}, {"广西壮族自治区", "Guangxi"},
                {"海南省", "Hainan"}, {"重庆市", "Chongqing"}, {"四川省", "Sichuan"}, {"贵州省", "Guizhou"},
                {"云南省", "Yunnan"}, {"西藏自治区", "Tibet"}, {"陕西省", "Shaanxi"}, {"甘肃省", "Gansu"},
                {"青海省", "Qinghai"}, {"宁夏回族自治区", "Ningxia"}, {"新疆维吾尔自治区", "Xinjiang"},
                {"台湾省", "Taiwan"}, {"香港特别行政区", "Hong Kong"}, {"澳门特别行政区", "Macao"}};
        for (String[] row : rows) {
            PROVINCES.put(row[0], row[1]);
        }
    }

    private ChineseRegions() {
    }

    /** The provinces' official names, in code order (for a filter or a chart's axis). */
    public static List<String> provinces() {
        return List.copyOf(PROVINCES.keySet());
    }

    /** A province as shown on a page in that language; an unknown name as it is. */
    public static String label(String province, Locale locale) {
        if (province == null || locale == null || "zh".equals(locale.getLanguage())) {
            return province;
        }
        return PROVINCES.getOrDefault(province, province);
    }

    /**
     * The province (and, where written, the prefecture-level city) at the start of a place name or address, in
     * official or short form ("江苏", "江苏省", "广西", "中国香港"); empty when it starts with no province.
     */
    public static Optional<Region> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().replaceFirst("^(中华人民共和国|中国)", "");
        for (String official : PROVINCES.keySet()) {
            String shortName = shortName(official);
            String prefix = s.startsWith(official) ? official : s.startsWith(shortName) ? shortName : null;
            if (prefix != null) {
                boolean ownCity = MUNICIPALITIES.contains(official) || official.endsWith("特别行政区");
                return Optional.of(new Region("CN", official, ownCity ? official : city(s.substring(prefix.length()))));
            }
        }
        // Addresses often start with the city ("深圳市南山区…"): the city tells the province.
        for (Map.Entry<String, String[]> city : Cities.BY_NAME.entrySet()) {
            if (s.startsWith(city.getKey())) {
                return Optional.of(new Region("CN", city.getValue()[0], city.getValue()[1]));
            }
        }
        return Optional.empty();
    }

    /**
     * Prefecture-level cities by name (深圳市, and 深圳 without its 市), longest names first, each to its province and
     * official name. The list is the one libphonenumber's geocoder keeps for China's area codes (every such city has
     * one), read once by asking it for a number in each two- and three-digit area code.
     */
    private static final class Cities {
        static final Map<String, String[]> BY_NAME = index();

        private static Map<String, String[]> index() {
            com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder geocoder =
                    com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder.getInstance();
            java.util.TreeMap<String, String[]> byName = new java.util.TreeMap<>(
                    java.util.Comparator.comparingInt(String::length).reversed().thenComparing(java.util.Comparator.naturalOrder()));
            com.google.i18n.phonenumbers.Phonenumber.PhoneNumber number = new com.google.i18n.phonenumbers.Phonenumber.PhoneNumber()
                    .setCountryCode(86);
            for (int code = 10; code < 1000; code++) {
                for (String local : new String[] {"87654321", "7654321", "67654321", "27654321"}) {
                    number.setNationalNumber(Long.parseLong(code + local));
                    String place = geocoder.getDescriptionForNumber(number, Locale.SIMPLIFIED_CHINESE);
                    for (String province : PROVINCES.keySet()) {
                        String shortName = shortName(province);
                        String prefix = place.startsWith(province) ? province : place.startsWith(shortName) ? shortName : null;
                        if (prefix == null || MUNICIPALITIES.contains(province)) {
                            continue;
                        }
                        for (String city : place.substring(prefix.length()).split("、")) {
                            if (city.length() >= 2) {
                                byName.putIfAbsent(city, new String[] {province, city});
                                if (city.endsWith("市") && city.length() >= 3) {
                                    byName.putIfAbsent(city.substring(0, city.length() - 1), new String[] {province, city});
                                }
                            }
                        }
                        break;
                    }
                }
            }
            return java.util.Collections.unmodifiableMap(byName);
        }
    }

    /** 江苏省 → 江苏, 内蒙古自治区 → 内蒙古, 广西壮族自治区 → 广西, 香港特别行政区 → 香港. */
    static String shortName(String official) {
        return official.replaceFirst("(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$", "");
    }

    /**
     * The prefecture-level city at the start of what follows the province ("深圳市南山区…" → 深圳市, "延边朝鲜族自治州…"),
     * or null when a district or street comes first. Only the first 12 characters are looked at.
     */
    private static String city(String rest) {
        Matcher m = CITY.matcher(rest.substring(0, Math.min(rest.length(), 12)));
        return m.lookingAt() ? m.group(1) : null;
    }

    private static final Pattern CITY = Pattern.compile("([^区县路街镇号\\d\\s,，]{1,8}?(?:市|自治州|地区|盟))");
}
