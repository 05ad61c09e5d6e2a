package io.contacthub.cluster;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers only the HTTP doors of this node's roles, so a load balancer that sends a request to the wrong node
 * gets a clear 421 (Misdirected Request) instead of a half-working page: a node without the intake role takes
 * no webhooks, web messages or portal forms; one without the console role serves no staff pages or staff API;
 * an OCR-, speech-, processing- or notify-only node serves nothing but {@code /actuator} (health, metrics).
 * The path is compared as the servlet container decoded and normalised it, however the request spelled it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NodeDoors extends OncePerRequestFilter {

    /** The public doors: where contacts come in. */
    static final List<String> INTAKE = List.of("/twilio/", "/webhooks/", "/portal", "/chat/");
    /** The message API's public door ({@code POST /api/messages}); below it, {@code /api/messages/<id>} is staff's. */
    static final String MESSAGE_API = "/api/messages";
    /** The staff doors. */
    static final List<String> CONSOLE = List.of("/console", "/api/", "/login", "/logout", "/swagger-ui", "/v3/api-docs");

    private final NodeRoles node;

    NodeDoors(NodeRoles node) {
        this.node = node;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String refused = refusedRole(path);
        if (refused == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(421);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":421,\"title\":\"Not served by this node\",\"detail\":\"node "
                + json(node.nodeId()) + " runs " + node.roles().toString().toLowerCase(java.util.Locale.ROOT)
                + ", not " + refused + "\"}");
    }

    /** The role a path needs that this node lacks, or null when the node serves it. */
    String refusedRole(String path) {
        if (path.equals("/actuator") || path.startsWith("/actuator/")) {
            return null;
        }
        boolean intake = node.runs(Role.INTAKE);
        boolean console = node.runs(Role.CONSOLE);
        if (intake && console) {
            return null;
        }
        if (matches(path, INTAKE) || path.equals(MESSAGE_API) || path.equals(MESSAGE_API + "/")) {
            return intake ? null : "intake";
        }
        if (matches(path, CONSOLE)) {
            return console ? null : "console";
        }
        // Static files and the start page: served by any node with a door of its own.
        return intake || console ? null : "intake or console";
    }

    private static boolean matches(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(path::startsWith);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
