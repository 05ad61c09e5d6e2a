/**
 * Follow-up visits (回访): the due list of customers to call back after a resolved complaint or when staff mark a
 * ticket, with reminders, overdue flags and each attempt's outcome (reached or not, satisfaction, notes).
 */
@ApplicationModule(displayName = "Follow-ups")
package io.contacthub.followup;

import org.springframework.modulith.ApplicationModule;
