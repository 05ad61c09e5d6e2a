package io.contacthub.backoffice;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contacthub.backoffice.tracking.WaybillStatusLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The tracking and order systems' current answer about waybills and orders, for a page someone has open. An answer
 * younger than {@code hub.backoffice.status-lookups.cache-ttl} is reused; older ones are asked again, all of a page's
 * numbers at once within {@code deadline}. When a system cannot be asked (down, open circuit, too slow) the last
 * answer kept is returned marked not fresh, so the page shows it with its time instead of an error. The memory is
 * bounded by {@code cache-size} numbers per system, and by a small pool of lookup threads.
 */
@Component
public class CurrentStatus {

    /** What a system said about one number. {@code found} false: it does not know the number. */
    public record Answer(boolean found, String status, String description, String location, String eta) {
        static final Answer UNKNOWN = new Answer(false, null, null, null, null);
    }

    /**
     * @param obtainedAt when the system gave this answer
     * @param fresh      false: the system could not be asked now, this is the last answer it gave
     */
    public record Known(Answer answer, Instant obtainedAt, boolean fresh) {
    }

    /** Page lookups at most at once; more wait in a short queue, beyond that they are not asked (last known shown). */
    private static final int THREADS = 8;

    private final Function<String, Optional<Answer>> waybillLookup;
    private final Function<String, Optional<Answer>> orderLookup;
    private final Duration ttl;
    private final Duration deadline;
    private final Clock clock;
    private final Cache<String, Known> waybillAnswers;
    private final Cache<String, Known> orderAnswers;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(200), r -> {
                Thread t = new Thread(r, "status-lookup");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());

    @Autowired
    CurrentStatus(WaybillStatusLookup tracking, OrderStatusLookup orders, StatusLookupSettings settings,
                  ObjectProvider<Clock> clock) {
        this(n -> tracking.lookupNow(n, settings.deadline())
                        .map(s -> new Answer(s.found(), s.status(), s.description(), s.location(), s.eta())),
                orders::lookup, settings, clock.getIfAvailable(Clock::systemUTC));
    }

    CurrentStatus(Function<String, Optional<Answer>> waybillLookup, Function<String, Optional<Answer>> orderLookup,
                  StatusLookupSettings settings, Clock clock) {
        this.waybillLookup = waybillLookup;
        this.orderLookup = orderLookup;
        this.ttl = settings.cacheTtl();
        this.deadline = settings.deadline();
        this.clock = clock;
        this.waybillAnswers = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
        this.orderAnswers = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
        pool.allowCoreThreadTimeOut(true);
    }

    /** The tracking system's answer per waybill; a waybill never answered and not answering now is absent. */
    public Map<String, Known> waybills(Collection<String> numbers) {
        return current(numbers, waybillAnswers, waybillLookup);
    }

    /** The order system's answer per order number; an order never answered and not answering now is absent. */
    public Map<String, Known> orders(Collection<String> numbers) {
        return current(numbers, orderAnswers, orderLookup);
    }

    private Map<String, Known> current(Collection<String> numbers, Cache<String, Known> answers,
                                       Function<String, Optional<Answer>> lookup) {
        Instant now = clock.instant();
        Map<String, Known> result = new LinkedHashMap<>();
        Map<String, CompletableFuture<Void>> asked = new LinkedHashMap<>();
        for (String number : new LinkedHashSet<>(numbers)) {
            Known known = answers.getIfPresent(number);
            if (known != null && known.obtainedAt().plus(ttl).isAfter(now)) {
                result.put(number, new Known(known.answer(), known.obtainedAt(), true));
                continue;
            }
            try {
                // Kept when it comes, even after the page stopped waiting: the next page has it.
                asked.put(number, CompletableFuture.supplyAsync(() -> lookup.apply(number), pool)
                        .thenAccept(answer -> answer.ifPresent(a -> answers.put(number, new Known(a, clock.instant(), true)))));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                asked.put(number, CompletableFuture.completedFuture(null)); // too busy: last known below
            }
        }
        try {
            CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new))
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Those that answered in time are used; the rest fall back to what was known.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String number : asked.keySet()) {
            Known last = answers.getIfPresent(number);
            if (last != null) {
                // Obtained since this page asked: fresh; older: the system could not be asked now.
                result.put(number, new Known(last.answer(), last.obtainedAt(), !last.obtainedAt().isBefore(now)));
            }
        }
        return result;
    }
}
