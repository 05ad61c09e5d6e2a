/**
 * Entity extraction, language, intent and urgency classification. Form fields read
 * from scanned forms ({@code understand.forms}) are offered as the named interface {@code forms}.
 */
@ApplicationModule(displayName = "Understanding")
package io.contacthub.understand;

import org.springframework.modulith.ApplicationModule;
