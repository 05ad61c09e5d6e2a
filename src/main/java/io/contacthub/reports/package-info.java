/**
 * Reports for supervisors and managers: contact volume by channel and day, complaint SLA compliance, satisfaction,
 * complaint causes and their trend, the A/B/C mix and where customers are — each a table the console charts and
 * exports as CSV or XLSX, and {@code /api/reports/...} serves as JSON for BI tools.
 */
@ApplicationModule(displayName = "Reports")
package io.contacthub.reports;

import org.springframework.modulith.ApplicationModule;
