package io.contacthub.web.console;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The queue's SLA column in words: "in 2h 15m", "overdue 3d 4h" / "剩余 2小时15分钟", "超时 3天4小时". */
@Component("queueTime")
public class QueueTime {

    private final MessageSource messages;
    private final Clock clock;

    QueueTime(MessageSource messages, ObjectProvider<Clock> clock) {
        this.messages = messages;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public boolean overdue(OffsetDateTime due) {
        return due != null && due.toInstant().isBefore(clock.instant());
    }

    /** @return the time left or how late, in the page's language; empty without a due time */
    public String left(OffsetDateTime due, Locale locale) {
        if (due == null) {
            return "";
        }
        Duration d = Duration.between(clock.instant(), due.toInstant());
        boolean late = d.isNegative();
        String span = span(d.abs(), locale);
        return messages.getMessage(late ? "queue.sla.overdue" : "queue.sla.left", new Object[] {span}, locale);
    }

    /** The two largest units (days and hours, hours and minutes, or minutes). */
    String span(Duration d, Locale locale) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(unit("d", days, locale));
            if (hours > 0) {
                out.append(separator(locale)).append(unit("h", hours, locale));
            }
        } else if (hours > 0) {
            out.append(unit("h", hours, locale));
            if (minutes > 0) {
                out.append(separator(locale)).append(unit("m", minutes, locale));
            }
        } else {
            out.append(unit("m", Math.max(minutes, d.isZero() ? 0 : 1), locale));
        }
        return out.toString();
    }

    private String unit(String unit, long n, Locale locale) {
        return messages.getMessage("queue.unit." + unit, new Object[] {n}, locale);
    }

    private static String separator(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? "" : " ";
    }
}
