package io.contacthub.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import io.contacthub.customer.MemberAccounts;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Two doors. The JSON API and actuator are stateless: every call carries HTTP Basic credentials
 * (scripts, integrations), no session is read or created, so no cookie can stand in for them.
 * Everything else is for people in a browser: form sign-in with a session and CSRF protection.
 * Public: the customer's message endpoint and health (its status only: details and components for
 * signed-in staff, {@code management.endpoint.health.show-*}). {@code /api/admin/**} and the actuator
 * endpoints beyond health and info are for supervisors and admins only. Twilio's webhooks ({@code /twilio/**}) are
 * a third door: no sign-in, no session, no CSRF, because each request is authenticated by its
 * Twilio signature (TwilioWebhookFilter, which runs before this chain). The API's description
 * ({@code /v3/api-docs}, {@code /swagger-ui.html}) is public: it is the README's tables in OpenAPI form.
 * <p>
 * Every password check (console form, API Basic, portal form) goes through {@link LoginThrottle}.
 * Spring Security's default StrictHttpFirewall stays in force: it answers 400 to odd spellings of a
 * path ({@code //}, {@code %2F}, {@code ;jsessionid=}, dot segments) before any chain or limit sees
 * them, so matchers and limits only ever meet paths in the form Spring MVC routes.
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

    /**
     * The API's description (springdoc: {@code /v3/api-docs}, per group {@code /v3/api-docs/{group}}) and
     * the Swagger UI that shows it are open to anyone: they say which calls exist and what they take,
     * which is what the README says too, and hold no data. Calls made from the Swagger UI still go
     * through the chains below ({@code /api/**} asks for HTTP Basic). No session, no CSRF (nothing here
     * accepts a write); its page may load only its own scripts and styles. Swagger UI sets some styles
     * as attributes, hence {@code 'unsafe-inline'} for styles on these pages alone.
     */
    @Bean
    @Order(0)
    SecurityFilterChain apiDescription(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET).permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(DOCS_POLICY)));
        return http.build();
    }

    static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * Staff passwords are checked in two places (console form, API Basic); both go through the
     * same throttle realm, so guessing over one door counts for the other.
     */
    @Bean
    AuthenticationManager staffSignIn(StaffAccounts accounts, PasswordEncoder encoder, LoginThrottle throttle) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
        provider.setPasswordEncoder(encoder);
        // A deactivated account is refused after its password was checked: it cannot be told from a wrong password.
        provider.setPreAuthenticationChecks(user -> { });
        provider.setPostAuthenticationChecks(StaffAccounts.AFTER_PASSWORD);
        return throttle.guard("staff", new ProviderManager(provider));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager staffSignIn, LoginThrottle throttle, StaffSessions staff)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .authenticationManager(staffSignIn)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/messages").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers("/api/admin/staff", "/api/admin/staff/**").hasRole("ADMIN")
                        .requestMatchers("/api/admin/**", "/api/reports", "/api/reports/**").hasAnyRole("SUPERVISOR", "ADMIN")
                        .anyRequest().hasAnyRole("AGENT", "SUPERVISOR", "ADMIN"))
                // Guessing over Basic is slowed like the console form: 429 + Retry-After while delayed.
                .httpBasic(basic -> basic.authenticationEntryPoint(throttle.basicEntryPoint("Contact Hub")))
                .addFilterAfter(staff.apiCheck(), BasicAuthenticationFilter.class) // a one-time password: 403
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // No session means no cookie to ride on, so there is nothing for CSRF to protect.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * The customer portal: anyone may leave a message or fill in the survey; the rest is for signed-in
     * members, checked against member accounts only (staff credentials do not sign in here). The
     * member's sign-in is kept under its own session key, so it never counts for the staff console.
     */
    @Bean
    @Order(1)
    SecurityFilterChain portal(HttpSecurity http, MemberAccounts members, PasswordEncoder encoder,
                               LoginThrottle throttle) throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new MemberSignIn(members));
        provider.setPasswordEncoder(encoder);
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey("CONTACT_HUB_PORTAL_MEMBER");
        http.securityMatcher("/portal", "/portal/**")
                .authenticationManager(throttle.guard("portal", new ProviderManager(provider)))
                .securityContext(context -> context.securityContextRepository(contexts))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/portal", "/portal/", "/portal/login", "/portal/message", "/portal/survey",
                                "/portal/survey/verify", "/portal/survey/verify/resend", "/portal/reset", "/portal/reset/confirm").permitAll()
                        // Following one ticket by reference and one-time code (web.portal.FollowController): no account.
                        .requestMatchers("/portal/follow", "/portal/follow/code", "/portal/follow/ticket").permitAll()
                        // The satisfaction rating page a survey mail links to (web.portal.RatingController): the signed link is the proof.
                        .requestMatchers("/portal/rate/*").permitAll()
                        .requestMatchers("/portal/chat", "/portal/chat/conversations").permitAll() // web chat (channel.chat)
                        .anyRequest().hasRole("MEMBER"))
                .formLogin(form -> form.loginPage("/portal/login")
                        .successHandler(throttle.onSuccess("/portal/tickets"))
                        .failureHandler(throttle.onFailure("/portal/login")))
                .logout(logout -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)));
        return http.build();
    }

    /** No inline script, nothing from elsewhere: a script a customer slips into a message cannot run. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /** The staff console (and the start page): staff sign-in from staff_user, session, CSRF. */
    @Bean
    @Order(2)
    SecurityFilterChain browser(HttpSecurity http, AuthenticationManager staffSignIn, LoginThrottle throttle, StaffSessions staff)
            throws Exception {
        http.authenticationManager(staffSignIn)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error", "/login", "/", "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/console/surveys/**", "/console/reports", "/console/reports/**", "/console/live").hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers("/console/staff", "/console/staff/**").hasRole("ADMIN")
                        .anyRequest().hasAnyRole("AGENT", "SUPERVISOR", "ADMIN"))
                // Deactivated, reset or changed since this session signed in: signed out; a one-time password: /console/password.
                .addFilterBefore(staff.consoleCheck(), AuthorizationFilter.class)
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(staff.onSignIn(throttle.onSuccess("/console")))
                        .failureHandler(throttle.onFailure("/login")))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
