/**
 * What the typed settings records ({@code @ConfigurationProperties}, {@code @Validated}) share: constraints
 * for values jakarta.validation has none for.
 */
@ApplicationModule(displayName = "Settings constraints")
package io.contacthub.config;

import org.springframework.modulith.ApplicationModule;
