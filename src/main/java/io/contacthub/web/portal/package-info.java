/**
 * The customer portal's pages ({@code /portal}): leave a message, the survey, the member area. Its message form is
 * the web channel's second door: it builds the web channel's payload ({@code WebMessageRequest}), maps it with the
 * channel's own mapper and hands it to the channel's route ({@code direct:web-in}), so a portal message is stored
 * and read exactly like one from {@code POST /api/messages}. That is the one use of a channel by a module outside
 * the channels, and it is declared here. It also shows a ticket's messages as the console does ({@code web.console}'s
 * {@code Timeline}). Members also see their waybills and orders with the back-office systems' current status and
 * their complaint cases; a general customer can follow one ticket by its reference and a one-time code.
 */
@ApplicationModule(displayName = "Customer portal", allowedDependencies = {
        "web", "customer", "ticket", "intake", "notify", "http", "config",
        "backoffice", // waybills' and orders' current status (CurrentStatus), the orders placed for a member
        "complaint", // a customer's complaint cases as the customer sees them (CustomerCases)
        "channel.web", // its message form is the web channel's second door
        "web.console", // Timeline: a ticket's messages, shown as in the console
        "satisfaction" // the rating page a survey mail links to
})
package io.contacthub.web.portal;

import org.springframework.modulith.ApplicationModule;
