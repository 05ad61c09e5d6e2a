package io.contacthub.web.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like client for the console's forms without a browser: cookies kept, redirects not
 * followed, the page's CSRF token remembered and sent with each form post.
 */
public final class FormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private String csrf;

    public FormSession(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return get(path, "*/*");
    }

    /** A GET saying what it accepts, e.g. {@code text/html} as a browser does. */
    public HttpResponse<String> get(String path, String accept) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** A GET with extra headers (name, value, ...), as htmx sends its requests with {@code HX-Request: true}. */
    public HttpResponse<String> get(String path, String... headers) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).headers(headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @param withToken false to post as a forged cross-site form would (no CSRF token) */
    public HttpResponse<String> post(String path, Map<String, String> form, boolean withToken) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (withToken) {
            if (csrf == null) {
                get("/console");
            }
            fields.put("_csrf", csrf);
        }
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON post as the pages' scripts send it: the session's cookie and the CSRF token (read from {@code tokenPage}) in its header. */
    public HttpResponse<String> postJson(String path, String json, String tokenPage) throws Exception {
        String page = get(tokenPage, "text/html").body();
        Matcher token = Pattern.compile("data-token=\"([^\"]+)\"").matcher(page);
        String value = token.find() ? token.group(1) : csrf;
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", value == null ? "" : value)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form post whose fields may repeat (several checked boxes of one name), in the order given. */
    public HttpResponse<String> postFields(String path, java.util.List<Map.Entry<String, String>> form, boolean withToken)
            throws Exception {
        java.util.List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(form);
        if (withToken) {
            if (csrf == null) {
                get("/console");
            }
            fields.add(Map.entry("_csrf", csrf));
        }
        String body = fields.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return where the sign-in form sent the browser */
    public String signIn(String loginPath, String user, String password) throws Exception {
        get(loginPath);
        HttpResponse<String> answer = post(loginPath, Map.of("username", user, "password", password), true);
        csrf = null; // signing in issues a new token
        return answer.headers().firstValue("Location").orElse("(status " + answer.statusCode() + ")");
    }

    /** A form post (with the CSRF token) from the page {@code referer}, as a browser sends it. */
    public HttpResponse<String> postWithReferer(String path, Map<String, String> form, String referer) throws Exception {
        if (csrf == null) {
            get("/console");
        }
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("_csrf", csrf);
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Referer", referer).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
