/**
 * Complaint cases, their categories, handling steps and SLA clocks.
 */
@ApplicationModule(displayName = "Complaint cases")
package io.contacthub.complaint;

import org.springframework.modulith.ApplicationModule;
