package io.contacthub.testsupport;

import io.contacthub.ContactHubApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole hub started the way an operator starts one (command-line settings over application.yml),
 * in this JVM, for tests that must start, stop, restart or break it: the shared
 * {@link HubIntegrationTest} hub cannot be stopped under the other tests.
 */
public final class HubProcess implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "ops-hub-sign-in-2026";

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<ApplicationListener<?>> listeners = new ArrayList<>();
    private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers = new ArrayList<>();
    private final AtomicInteger port = new AtomicInteger();
    private volatile ConfigurableApplicationContext context;
    private CompletableFuture<ConfigurableApplicationContext> starting;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A hub with its own embedded PostgreSQL data directory, no mailbox, HTTP on a free port. */
    public HubProcess() {
        this(Path.of("target", "test-data", "hub-" + UUID.randomUUID()));
    }

    /** A hub on this data directory: a second HubProcess on the same one is a restart. */
    public HubProcess(Path dataDir) {
        set("hub.data-dir", dataDir.toString());
        set("server.port", "0");
        set("hub.admin-password", ADMIN_PASSWORD);
        set("hub.mail.url", "");
    }

    public HubProcess set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public HubProcess listener(ApplicationListener<?> listener) {
        listeners.add(listener);
        return this;
    }

    /** A singleton bean in the hub's context, registered before anything starts. */
    public HubProcess bean(String name, Object bean) {
        initializers.add(ctx -> ctx.getBeanFactory().registerSingleton(name, bean));
        return this;
    }

    /** Starts and waits until the hub is ready. */
    public HubProcess start() {
        startInBackground().join();
        return this;
    }

    /** Starts in another thread; the port is known as soon as the web server listens. */
    public CompletableFuture<ConfigurableApplicationContext> startInBackground() {
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ContactHubApplication.class)
                .listeners((ApplicationListener<WebServerInitializedEvent>) e -> port.set(e.getWebServer().getPort()));
        listeners.forEach(builder::listeners);
        initializers.forEach(i -> builder.initializers(i));
        starting = CompletableFuture.supplyAsync(() -> {
            ConfigurableApplicationContext started = builder.run(args);
            context = started;
            return started;
        });
        return starting;
    }

    public int port() {
        return port.get();
    }

    public ConfigurableApplicationContext context() {
        return context != null ? context : starting.join();
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    public Response get(String path) {
        return get(path, false);
    }

    public Response staffGet(String path) {
        return get(path, true);
    }

    private Response get(String path, boolean staff) {
        return get(port.get(), path, staff);
    }

    /** A GET to a hub on this port, answered or not; with staff credentials when asked. */
    public static Response get(int port, String path, boolean staff) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(90));
        if (staff) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, e.toString());
        }
    }

    @Override
    public void close() {
        ConfigurableApplicationContext running = context;
        if (running == null && starting != null) {
            running = starting.join();
        }
        if (running != null) {
            running.close();
        }
    }

    /** An HTTP answer; status -1 when nothing answered (connection refused, timeout). */
    public record Response(int status, String body) {
    }
}
