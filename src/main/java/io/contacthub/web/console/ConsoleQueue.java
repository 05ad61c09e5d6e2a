package io.contacthub.web.console;

import io.contacthub.ticket.TicketSearch;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's ticket queue: a built-in view (open tickets unless asked otherwise), the filters an agent
 * works with (status, channel, intent, assignee, review, SLA breached), the search box, an order and a
 * page, read from {@link TicketSearch}. Channel matches the opening channel or any contact on the ticket,
 * like the API.
 */
@Component
class ConsoleQueue {

    static final String UNASSIGNED = "-";
    static final List<Integer> PAGE_SIZES = List.of(25, 50, 100);
    static final int DEFAULT_PAGE_SIZE = 50;
    /** The console's tabs, in order. */
    static final List<TicketSearch.View> VIEWS = List.of(TicketSearch.View.OPEN, TicketSearch.View.MINE,
            TicketSearch.View.UNASSIGNED, TicketSearch.View.BREACHING, TicketSearch.View.ESCALATED, TicketSearch.View.COMPLAINTS,
            TicketSearch.View.RESOLVED, TicketSearch.View.ALL);

    private final TicketSearch search;

    ConsoleQueue(TicketSearch search) {
        this.search = search;
    }

    /**
     * The queue's address: what the filter form, the tabs, the pager, the live refresh and the bulk form's
     * way back all carry. Unknown or blank values are left out ({@code view} and {@code sort} are checked by
     * {@link #list}).
     *
     * @param view   a {@link TicketSearch.View} id; without one: {@code open}, or {@code all} when searching
     * @param review "yes": only tickets the hub flagged for staff (review_reason set)
     * @param sla    "breached": only tickets whose complaint case missed an SLA clock
     */
    record Filter(String view, String q, String sort, int page, int size, String status, String channel, String intent,
                  String assignee, String review, String sla, String customerClass) {
        Filter {
            customerClass = customerClass == null || !customerClass.trim().matches("[AaBbCc]") ? null
                    : customerClass.trim().toUpperCase(java.util.Locale.ROOT);
            view = lowerOrNull(view);
            q = q == null || q.isBlank() ? null : q.strip();
            sort = lowerOrNull(sort);
            page = Math.max(1, page);
            size = PAGE_SIZES.contains(size) ? size : DEFAULT_PAGE_SIZE;
            sla = "breached".equalsIgnoreCase(sla) ? "breached" : null;
            review = "yes".equalsIgnoreCase(review) ? "yes" : null;
            status = upperOrNull(status);
            channel = upperOrNull(channel);
            intent = upperOrNull(intent);
            assignee = assignee == null || assignee.isBlank() ? null : assignee.trim();
        }

        /** The view shown: the one asked for, else all tickets when searching (an agent looks for any ticket), else open. */
        public TicketSearch.View effectiveView() {
            return TicketSearch.View.parse(view, q != null ? TicketSearch.View.ALL : TicketSearch.View.OPEN);
        }

        public TicketSearch.Sort effectiveSort() {
            return TicketSearch.Sort.parse(sort, TicketSearch.Sort.PRIORITY);
        }

        public String currentView() {
            try {
                return effectiveView().id();
            } catch (TicketSearch.InvalidSearch e) {
                return view;
            }
        }

        public String currentSort() {
            try {
                return effectiveSort().id();
            } catch (TicketSearch.InvalidSearch e) {
                return sort;
            }
        }

        /** This queue at another page. */
        public String page(int n) {
            return href("/console", view, n);
        }

        /** Another view, with the same search and filters, from its first page. */
        public String inView(String otherView) {
            return href("/console", otherView, 1);
        }

        /** The rows fragment the table refreshes itself from. */
        public String rowsHref() {
            return href("/console/queue/rows", view, page);
        }

        /** This queue, for the redirect after a bulk change. */
        public String self() {
            return href("/console", view, page);
        }

        private String href(String path, String aView, int aPage) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
            add(b, "view", aView);
            add(b, "q", q);
            add(b, "sort", sort);
            add(b, "status", status);
            add(b, "channel", channel);
            add(b, "intent", intent);
            add(b, "assignee", assignee);
            add(b, "review", review);
            add(b, "sla", sla);
            add(b, "customerClass", customerClass);
            if (size != DEFAULT_PAGE_SIZE) {
                b.queryParam("size", size);
            }
            if (aPage > 1) {
                b.queryParam("page", aPage);
            }
            return b.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder b, String name, String value) {
            if (value != null) {
                b.queryParam(name, value);
            }
        }
    }

    /** @throws TicketSearch.InvalidSearch for a search or a view/sort name that cannot be run */
    TicketSearch.Result list(Filter f, String me) {
        return search.search(new TicketSearch.Criteria(f.q(), f.effectiveView(), me, f.status(), f.channel(), f.intent(),
                f.assignee(), f.review() != null, f.sla() != null, null, f.effectiveSort(), f.size(),
                (long) (f.page() - 1) * f.size(), f.customerClass()));
    }

    java.util.Map<TicketSearch.View, Long> counts(String me) {
        return search.counts(me);
    }

    private static String lowerOrNull(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String upperOrNull(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
    }
}
