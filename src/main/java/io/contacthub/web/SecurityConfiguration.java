package io.contacthub.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors. The JSON API and actuator are stateless: every call carries HTTP Basic credentials
 * (scripts, integrations), no session is read or created, so no cookie can stand in for them.
 * Everything else is for people in a browser: form sign-in with a session and CSRF protection.
 * Public: the customer's message endpoint and health. {@code /api/admin/**} and the actuator
 * endpoints beyond health and info are for supervisors and admins only. Twilio's webhooks ({@code /twilio/**}) are
 * a third door: no sign-in, no session, no CSRF, because each request is authenticated by its
 * Twilio signature (TwilioWebhookFilter, which runs before this chain).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain twilioWebhooks(HttpSecurity http) throws Exception {
        http.securityMatcher("/twilio/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/messages").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers("/api/admin/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        .anyRequest().hasAnyRole("AGENT", "SUPERVISOR", "ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // No session means no cookie to ride on, so there is nothing for CSRF to protect.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain browser(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/login").permitAll()
                        .anyRequest().hasAnyRole("AGENT", "SUPERVISOR", "ADMIN"))
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
