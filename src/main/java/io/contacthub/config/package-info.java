/**
 * What the typed settings records ({@code @ConfigurationProperties}, {@code @Validated}) share: constraints
 * for values jakarta.validation has none for.
 */
package io.contacthub.config;
