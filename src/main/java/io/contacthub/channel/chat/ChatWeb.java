package io.contacthub.channel.chat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The chat's doors. Plain WebSocket (no STOMP: two small JSON protocols, no broker, no client library to ship):
 * {@code /chat/socket} for visitors, {@code /console/chat/socket} for agents (behind the console's sign-in). Both
 * check the handshake's {@code Origin}: the agents' only the hub's own, the visitors' also
 * {@code hub.chat.allowed-origins}. A frame over 64 KiB closes the socket (1009); lines are bounded far below.
 * <p>
 * {@code /chat/**} is its own security chain, like the webhooks': no session, no CSRF (the visitor's token, sent
 * as {@code Authorization: Bearer}, is the credential and no cookie stands in for it), CORS for the API from the
 * allowed origins only, and the widget page may be framed by those origins alone ({@code frame-ancestors}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatWeb implements WebSocketConfigurer {

    static final int MAX_FRAME_CHARS = 64 * 1024;

    private final CustomerChatSocket customers;
    private final AgentChatSocket agents;
    private final ChatSettings settings;

    ChatWeb(CustomerChatSocket customers, AgentChatSocket agents, ChatSettings settings) {
        this.customers = customers;
        this.agents = agents;
        this.settings = settings;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(customers, "/chat/socket")
                .addInterceptors(new ChatSocketFrames.ClientAddress())
                .setAllowedOrigins(settings.allowedOrigins().toArray(String[]::new)); // the hub's own origin always
        registry.addHandler(agents, "/console/chat/socket")
                .addInterceptors(new ChatSocketFrames.ClientAddress()); // same origin only
    }

    @Bean
    ServletServerContainerFactoryBean chatSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_CHARS);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(10 * 60 * 1000L); // browsers send a ping frame well within this
        return container;
    }

    @Bean
    @Order(0)
    SecurityFilterChain chatDoor(HttpSecurity http) throws Exception {
        http.securityMatcher("/chat/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(cors()))
                .headers(headers -> headers.frameOptions(frame -> frame.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(widgetPolicy(settings.allowedOrigins()))));
        return http.build();
    }

    private UrlBasedCorsConfigurationSource cors() {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.allowedOrigins().isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(settings.allowedOrigins());
            api.setAllowedMethods(List.of("GET", "POST"));
            api.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            api.setAllowCredentials(false);
            api.setMaxAge(600L);
            source.registerCorsConfiguration("/chat/api/**", api);
        }
        return source;
    }

    /** The pages' policy (no inline script, nothing from elsewhere), framed only by the hub and the allowed sites. */
    static String widgetPolicy(List<String> allowedOrigins) {
        List<String> ancestors = new ArrayList<>(List.of("'self'"));
        ancestors.addAll(allowedOrigins);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "object-src 'none'; frame-ancestors " + String.join(" ", ancestors) + "; base-uri 'self'; form-action 'self'";
    }
}
