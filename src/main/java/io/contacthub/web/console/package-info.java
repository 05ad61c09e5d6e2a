/**
 * The staff console's pages ({@code /console}).
 */
@ApplicationModule(displayName = "Staff console")
package io.contacthub.web.console;

import org.springframework.modulith.ApplicationModule;
