package io.contacthub.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Creates Messages and Calls through Twilio's REST API ({@code hub.twilio.api-url}, so tests and
 * proxies can stand in). Hand-written over java.net.http rather than the SDK's REST client because
 * that client retries 5xx answers by itself: a retried create could text or call a customer twice,
 * and the hub's outbox already decides when to retry. TwiML is still built with the SDK.
 */
@Component
public class TwilioRestApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String accountSid;
    private final String authorization;
    private final String apiUrl;
    private final Duration timeout;

    @Autowired
    public TwilioRestApi(TwilioSettings settings) {
        this(settings.accountSid(), settings.authToken(), settings.apiUrl(), settings.apiTimeout());
    }

    public TwilioRestApi(String accountSid, String authToken, String apiUrl, Duration timeout) {
        this.accountSid = accountSid == null ? "" : accountSid.trim();
        this.authorization = this.accountSid.isEmpty() || authToken == null || authToken.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString((this.accountSid + ":" + authToken.trim())
                        .getBytes(StandardCharsets.UTF_8));
        this.apiUrl = apiUrl.replaceAll("/+$", "");
        this.timeout = timeout;
    }

    /** Null when the API can be called, else what is missing. */
    public String notConfiguredReason() {
        return authorization == null ? "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not both set" : null;
    }

    public String describe() {
        return apiUrl + " as " + accountSid;
    }

    /** Twilio refused or could not be reached. Retryable: 429, 5xx, network errors, timeouts. */
    public static class TwilioApiException extends IOException {
        private final boolean retryable;

        TwilioApiException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /**
     * Sends a text. {@code from} is a Twilio number or a Messaging Service SID ({@code MG…}).
     *
     * @return the new Message's SID
     */
    public String createMessage(String from, String to, String body, String statusCallback) throws TwilioApiException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put(from.startsWith("MG") ? "MessagingServiceSid" : "From", from);
        form.put("Body", body);
        if (statusCallback != null) {
            form.put("StatusCallback", statusCallback);
        }
        return create("Messages.json", form);
    }

    /** Places a call that plays {@code twiml}. @return the new Call's SID */
    public String createCall(String from, String to, String twiml, String statusCallback) throws TwilioApiException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", from);
        form.put("Twiml", twiml);
        if (statusCallback != null) {
            form.put("StatusCallback", statusCallback);
            form.put("StatusCallbackEvent", "completed");
        }
        return create("Calls.json", form);
    }

    /**
     * Places a call that plays {@code twiml}, ringing at most {@code timeoutSeconds}, with a status callback for each
     * of {@code events} (initiated, ringing, answered, completed). Used for the calls that connect agents (live calls).
     *
     * @return the new Call's SID
     */
    public String createCall(String from, String to, String twiml, String statusCallback, java.util.List<String> events,
                             int timeoutSeconds) throws TwilioApiException {
        java.util.List<Map.Entry<String, String>> form = new java.util.ArrayList<>();
        form.add(Map.entry("To", to));
        form.add(Map.entry("From", from));
        form.add(Map.entry("Twiml", twiml));
        form.add(Map.entry("Timeout", Integer.toString(timeoutSeconds)));
        if (statusCallback != null) {
            form.add(Map.entry("StatusCallback", statusCallback));
            for (String event : events) {
                form.add(Map.entry("StatusCallbackEvent", event)); // repeated: Twilio's form for a list
            }
        }
        return create("Calls.json", form);
    }

    private String create(String resource, Map<String, String> form) throws TwilioApiException {
        return create(resource, java.util.List.copyOf(form.entrySet()));
    }

    private String create(String resource, java.util.List<Map.Entry<String, String>> form) throws TwilioApiException {
        if (authorization == null) {
            throw new TwilioApiException(notConfiguredReason(), true, null);
        }
        String body = form.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/2010-04-01/Accounts/" + accountSid + "/" + resource))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TwilioApiException("Twilio API not reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwilioApiException("interrupted", true, e);
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        if (status == 200 || status == 201) {
            String sid = answer == null ? "" : answer.path("sid").asText("");
            if (sid.isEmpty()) {
                // Accepted, but we cannot tell which message it is: never resend blindly.
                throw new TwilioApiException("Twilio answered " + status + " without a sid", false, null);
            }
            return sid;
        }
        String detail = answer == null ? abbreviate(response.body())
                : answer.path("code").asText("") + " " + answer.path("message").asText("");
        boolean retryable = status == 429 || status >= 500;
        throw new TwilioApiException("Twilio answered HTTP " + status + ": " + detail.strip(), retryable, null);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
