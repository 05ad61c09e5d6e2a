package io.contacthub.reports;

import java.util.List;

/**
 * A report as figures: named columns and rows of values (strings, numbers, dates), in the reader's language. The
 * console draws its chart from it, the exports write it out as it is.
 *
 * @param name    the report's name in URLs ({@code contacts}, {@code complaint-causes} ...)
 * @param title   its title in the reader's language
 * @param columns each column's key (stable, for programs) and label (for people)
 */
public record ReportTable(String name, String title, String from, String to, List<Column> columns, List<List<Object>> rows) {

    public record Column(String key, String label) {
    }
}
