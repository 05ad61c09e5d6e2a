/**
 * Customers, their identities and verified addresses, A/B/C classification, member accounts,
 * surveys and regions: part of the core model.
 */
@ApplicationModule(displayName = "Customers")
package io.contacthub.customer;

import org.springframework.modulith.ApplicationModule;
