package io.contacthub.complaint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The editable list of cause categories (table complaint_category, seeded with product quality,
 * service failure, expectation mismatch, customer-side, external/environment and UNCLASSIFIED).
 * Categories are never deleted, only made inactive, because old cases keep pointing at them.
 */
@Component
public class ComplaintCategories {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
    private static final int MAX_LABEL = 100;
    private static final int MAX_HINTS = 100;
    private static final int MAX_HINT = 50;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ComplaintCategories(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Category(String code, String labelZh, String labelEn, List<String> hints, boolean active, int sortOrder) {
    }

    /** What an admin sends; null fields keep their value on update. */
    record Change(String code, String labelZh, String labelEn, List<String> hints, Boolean active, Integer sortOrder) {
    }

    public List<Category> list(boolean includeInactive) {
        return jdbc.sql("select * from complaint_category where active or :all order by sort_order, code")
                .param("all", includeInactive).query((rs, n) -> category(rs)).list();
    }

    Optional<Category> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from complaint_category where code = ?").param(code.trim().toUpperCase(Locale.ROOT))
                .query((rs, n) -> category(rs)).optional();
    }

    CategoryHints.Match classify(String text) {
        return CategoryHints.classify(list(false), text);
    }

    @Transactional
    Category create(Change change) {
        String code = change.code() == null ? "" : change.code().trim().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw ComplaintRejected.invalid("code must be 2-32 letters, digits or _ starting with a letter, e.g. PACKAGING");
        }
        String zh = label(change.labelZh(), "labelZh");
        String en = label(change.labelEn(), "labelEn");
        if (zh == null || en == null) {
            throw ComplaintRejected.invalid("labelZh and labelEn are required");
        }
        List<String> hints = hints(change.hints());
        int inserted = jdbc.sql("""
                        insert into complaint_category (code, label_zh, label_en, hints, active, sort_order)
                        values (?, ?, ?, cast(? as jsonb), ?, ?) on conflict (code) do nothing""")
                .params(code, zh, en, toJson(hints == null ? List.of() : hints), change.active() == null || change.active(),
                        change.sortOrder() == null ? 100 : change.sortOrder())
                .update();
        if (inserted == 0) {
            throw ComplaintRejected.conflict("category " + code + " exists already; change it with PUT /api/complaint-categories/" + code);
        }
        return find(code).orElseThrow();
    }

    @Transactional
    Category update(String code, Change change) {
        Category current = find(code).orElseThrow(() -> ComplaintRejected.notFound("no complaint category " + code));
        if (CategoryHints.UNCLASSIFIED.equals(current.code()) && Boolean.FALSE.equals(change.active())) {
            throw ComplaintRejected.conflict("UNCLASSIFIED is the fallback for cases no hint matches and cannot be switched off");
        }
        String zh = label(change.labelZh(), "labelZh");
        String en = label(change.labelEn(), "labelEn");
        List<String> hints = hints(change.hints());
        jdbc.sql("""
                        update complaint_category set label_zh = ?, label_en = ?, hints = cast(? as jsonb), active = ?,
                               sort_order = ?, updated_at = now()
                        where code = ?""")
                .params(zh == null ? current.labelZh() : zh, en == null ? current.labelEn() : en,
                        toJson(hints == null ? current.hints() : hints),
                        change.active() == null ? current.active() : change.active(),
                        change.sortOrder() == null ? current.sortOrder() : change.sortOrder(), current.code())
                .update();
        return find(current.code()).orElseThrow();
    }

    private static String label(String label, String field) {
        if (label == null) {
            return null;
        }
        String l = label.strip();
        if (l.isEmpty() || l.length() > MAX_LABEL) {
            throw ComplaintRejected.invalid(field + " must be 1-" + MAX_LABEL + " characters");
        }
        return l;
    }

    private static List<String> hints(List<String> hints) {
        if (hints == null) {
            return null;
        }
        if (hints.size() > MAX_HINTS) {
            throw ComplaintRejected.invalid("at most " + MAX_HINTS + " hints");
        }
        List<String> clean = new ArrayList<>();
        for (String hint : hints) {
            String h = hint == null ? "" : hint.strip();
            if (h.isEmpty() || h.length() > MAX_HINT) {
                throw ComplaintRejected.invalid("each hint must be 1-" + MAX_HINT + " characters");
            }
            clean.add(h);
        }
        return clean;
    }

    private Category category(ResultSet rs) throws SQLException {
        try {
            List<String> hints = json.readValue(rs.getString("hints"), new TypeReference<>() {
            });
            return new Category(rs.getString("code"), rs.getString("label_zh"), rs.getString("label_en"), hints,
                    rs.getBoolean("active"), rs.getInt("sort_order"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("complaint_category.hints of " + rs.getString("code") + " is not a JSON list", e);
        }
    }

    private String toJson(List<String> hints) {
        try {
            return json.writeValueAsString(hints);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
