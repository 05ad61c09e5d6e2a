/**
 * Customer standing (客户分析): each customer's business dealings over a period, their credit standing and their
 * A/B/C class by business volume, recomputed on a schedule and on demand.
 */
@ApplicationModule(displayName = "Customer standing")
package io.contacthub.standing;

import org.springframework.modulith.ApplicationModule;
