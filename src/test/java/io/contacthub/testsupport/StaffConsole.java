package io.contacthub.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staff member's browser without a browser, for the letter form: signed in, cookies kept, redirects not
 * followed, the page's CSRF token (and the letter form's one-time token) remembered, multipart posts.
 */
public final class StaffConsole {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    /** A file to upload. */
    public record Upload(String fileName, String contentType, byte[] content) {
    }

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private String csrf;

    private StaffConsole(int port) {
        this.port = port;
    }

    public static StaffConsole signedIn(int port, String user, String password) throws Exception {
        StaffConsole console = new StaffConsole(port);
        console.get("/login");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + console.csrf;
        HttpResponse<String> answer = console.client.send(HttpRequest.newBuilder(console.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (!answer.headers().firstValue("Location").orElse("").endsWith("/console")) {
            throw new AssertionError("sign-in as " + user + " answered " + answer.statusCode() + " " + answer.headers().map());
        }
        console.csrf = null; // signing in issues a new token
        return console;
    }

    public HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    /** Opens the letter form (English) and returns its one-time token. */
    public String openLetterForm() throws Exception {
        HttpResponse<String> page = get("/console/letters/new?lang=en");
        if (page.statusCode() != 200) {
            throw new AssertionError("the letter form answered " + page.statusCode());
        }
        return formToken(page.body());
    }

    public static String formToken(String page) {
        Matcher m = TOKEN.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no form token in the page");
        }
        return m.group(1);
    }

    /** Posts the letter form as a browser does (multipart), with the page's CSRF token unless {@code withCsrf} is false. */
    public HttpResponse<String> postLetter(Map<String, String> fields, Upload scan, boolean withCsrf) throws Exception {
        if (csrf == null) {
            get("/console/letters/new");
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (withCsrf) {
            all.put("_csrf", csrf);
        }
        String boundary = "----letter" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : all.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        Upload file = scan == null ? new Upload("", "application/octet-stream", new byte[0]) : scan; // no file chosen
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"" + file.fileName()
                + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file.content());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(uri("/console/letters?lang=en"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
