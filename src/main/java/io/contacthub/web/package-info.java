/**
 * The staff REST API, security and sign-in, shared by the staff console ({@code web.console}) and the
 * customer portal ({@code web.portal}), which are modules nested in this one.
 */
@ApplicationModule(displayName = "Web")
package io.contacthub.web;

import org.springframework.modulith.ApplicationModule;
