/**
 * Customer satisfaction (客户满意度): when staff resolve a ticket the customer is asked once, on their channel, how
 * satisfied they are — by e-mail with a signed link to a rating page, by SMS with "reply 1 to 5" — and the answer
 * is kept with the ticket's channel, intent, agent and customer class for the reports.
 */
@ApplicationModule(displayName = "Satisfaction surveys")
package io.contacthub.satisfaction;

import org.springframework.modulith.ApplicationModule;
