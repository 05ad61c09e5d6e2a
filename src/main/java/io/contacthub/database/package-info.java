/**
 * PostgreSQL always: the configured server or an embedded one, and its settings.
 */
@ApplicationModule(displayName = "Database")
package io.contacthub.database;

import org.springframework.modulith.ApplicationModule;
