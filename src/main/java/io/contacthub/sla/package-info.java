/**
 * Service commitments (服务承诺): the business-hours calendar with holidays and make-up working days, and the SLA
 * policies that give a ticket its first-response and resolution targets by channel, intent and customer class.
 */
@ApplicationModule(displayName = "Service levels")
package io.contacthub.sla;

import org.springframework.modulith.ApplicationModule;
