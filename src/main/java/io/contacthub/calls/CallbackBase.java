package io.contacthub.calls;

import io.contacthub.config.HubSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Where Twilio reaches the hub for a call's callbacks: {@code hub.public-url} when set (a hub behind a proxy, and the
 * URL Twilio's signatures are checked against), else the origin of the request that started the call (the URL Twilio
 * called and signed, or the console the agent used).
 */
@Component
public class CallbackBase {

    private final String publicUrl;

    CallbackBase(HubSettings hub) {
        this.publicUrl = hub.publicUrl();
    }

    public String of(HttpServletRequest request) {
        if (publicUrl != null && !publicUrl.isEmpty()) {
            return publicUrl;
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
