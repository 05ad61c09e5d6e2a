package io.contacthub.understand.forms;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a name or an address can be checked against when nothing else (a pattern, a check digit) says whether it was
 * read right. OCR's confident mistakes in these fields are of a few kinds that a clerk spots at a glance: a seal's
 * character read into an English name ("Ltd 用"), a stroke of a Chinese character read as a Latin letter
 * ("苏州市 I 业园区" for 工业园区), a company name cut short where a seal or a smudge covers its end ("天津恒通实" for
 * 天津恒通实业股份有限公司). Such a value is kept and shown to staff, at a plausibility below the review threshold.
 */
final class NameChecks {

    /**
     * How a Chinese organisation's registered name ends: 企业名称登记管理规定 makes the organisational form
     * (有限公司, 股份有限公司, 厂, 店, 中心 …) the last part of every registered enterprise name.
     */
    static final List<String> ORGANISATION_FORMS = List.of("公司", "集团", "厂", "店", "行", "中心", "社", "所", "部", "院",
            "馆", "局", "站", "处", "会", "园", "场", "室", "铺", "坊", "合伙", "商号", "中学", "小学", "大学", "医院");

    /**
     * A Latin letter standing alone between Chinese characters: the remains of a character, not a word — unless it
     * names a building, a unit or a door (A 座, B 栋, 3 号楼 C 单元).
     */
    private static final Pattern LONE_LATIN = Pattern.compile("\\p{IsHan}\\s+[A-Za-z]\\s+(?![座栋幢楼号单门室层区库仓])\\p{IsHan}");
    /** A blank, full stop or comma OCR adds after an address's last character (speckle read as punctuation). */
    private static final Pattern TRAILING_DOTS = Pattern.compile("[\\s.。,，]+$");
    private static final double DOUBTFUL = 0.5;

    private NameChecks() {
    }

    /** @param kind person, party (a customer: a company or a person) or address */
    static FormFieldExtractor.Value read(String kind, String raw) {
        String value = kind.equals("address") ? TRAILING_DOTS.matcher(raw).replaceAll("") : raw;
        int han = 0;
        int latin = 0;
        int letters = 0;
        int length = value.codePointCount(0, value.length());
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                letters++;
            }
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han++;
            } else if (c < 128 && Character.isLetter(c)) {
                latin++;
            }
        }
        if (length < 2 || letters < 0.5 * length) {
            return new FormFieldExtractor.Value(value, 0.4);
        }
        if (latin > 0 && han > 0 && latin >= 2 * han && !kind.equals("address")) {
            return new FormFieldExtractor.Value(value, DOUBTFUL, "Chinese characters in a Latin name");
        }
        if (han > latin && LONE_LATIN.matcher(value).find()) {
            return new FormFieldExtractor.Value(value, DOUBTFUL, "a lone Latin letter between Chinese characters");
        }
        if (kind.equals("party") && han >= 5 && latin == 0 && ORGANISATION_FORMS.stream().noneMatch(value::endsWith)) {
            // five or more characters is a company's name, not a person's, and it lacks the ending every registered one has
            return new FormFieldExtractor.Value(value, DOUBTFUL, "a company name without its organisational form (有限公司 …)");
        }
        if (kind.equals("person") && han > 5 && latin == 0 && !value.contains("·")) {
            return new FormFieldExtractor.Value(value, DOUBTFUL, "longer than a Chinese person's name");
        }
        return new FormFieldExtractor.Value(value, 1.0);
    }
}
