package io.contacthub.testsupport;

import io.contacthub.ContactHubApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole hub in a JVM of its own, started as an operator starts one ({@code java ... --key=value}) on the
 * test's class path, for tests that must kill a node the way a machine dies ({@link #kill()}: SIGKILL, no
 * shutdown hook, no lock released, nothing flushed). Its log goes to {@code target/hub-jvm/<name>.log}.
 */
public final class HubJvm implements AutoCloseable {

    private final String name;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final int port;
    private final Path log;
    private Process process;
    private List<String> jvmOptions = List.of("-Xmx640m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public HubJvm(String name) {
        this.name = name;
        this.port = freePort();
        this.log = Path.of("target", "hub-jvm", name + "-" + System.currentTimeMillis() + ".log");
        set("server.port", String.valueOf(port));
        set("hub.admin-password", HubProcess.ADMIN_PASSWORD);
        set("hub.mail.url", "");
        set("hub.data-dir", Path.of("target", "test-data", "jvm-" + name + "-" + System.nanoTime()).toString());
    }

    public HubJvm set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /**
     * The JVM's own options. The default suits a test (small heap, quick start with the C1 compiler only);
     * a benchmark wants the full compiler, as production runs.
     */
    public HubJvm jvmOptions(String... options) {
        jvmOptions = List.of(options);
        return this;
    }

    /** The operating system's process id, for reading its CPU time. */
    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Starts the JVM; {@link #awaitReady} waits for it. */
    public HubJvm start() {
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classPath(), ContactHubApplication.class.getName()));
            settings.forEach((k, v) -> command.add("--" + k + "=" + v));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start hub JVM " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The test's class path without empty entries: an empty one means the working directory, where the project's
     * own routes/ folder would then be found a second time beside target/classes/routes.
     */
    public static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).toAbsolutePath().normalize()
                        .equals(Path.of("").toAbsolutePath().normalize()))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Until the node says it is ready to take traffic, or fails with the log's tail. */
    public HubJvm awaitReady(Duration within) {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub JVM " + name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            HubProcess.Response ready = HubProcess.get(port, "/actuator/health/readiness", false);
            if (ready.status() == 200) {
                return this;
            }
            sleep(500);
        }
        throw new IllegalStateException("hub JVM " + name + " not ready within " + within + ":\n" + tail());
    }

    public HubProcess.Response get(String path) {
        return HubProcess.get(port, path, false);
    }

    public HubProcess.Response staffGet(String path) {
        return HubProcess.get(port, path, true);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** As a machine dies: SIGKILL. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** As an operator stops it: SIGTERM, a graceful shutdown. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(40))) {
                kill();
            }
        }
    }

    /** The last lines of the node's log, for a failure message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Whether the node's log has this text so far. */
    public boolean logged(String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean waitFor(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (port " + port + ", log " + log + ")";
    }

}
