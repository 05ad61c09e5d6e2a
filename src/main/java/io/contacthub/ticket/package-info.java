/**
 * Tickets, threading, SLA clocks and staff actions: part of the core model.
 */
@ApplicationModule(displayName = "Tickets")
package io.contacthub.ticket;

import org.springframework.modulith.ApplicationModule;
