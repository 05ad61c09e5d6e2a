/**
 * Outbox, templates and outbound dispatch per channel (mail, SMS, calls), delivery reports.
 */
@ApplicationModule(displayName = "Notifications")
package io.contacthub.notify;

import org.springframework.modulith.ApplicationModule;
