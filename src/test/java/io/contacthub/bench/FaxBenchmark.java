package io.contacthub.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.contacthub.ContactHubApplication;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.TwilioRequests;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fax OCR throughput (see docs/BENCHMARKS.md). N one-page G4 faxes (204×196 dpi, half Chinese
 * consignment notes, half English order forms, generated like the tests' fixtures) go:
 * <ol>
 * <li>through the {@code tesseract} command alone, W at a time, one thread each (the floor);</li>
 * <li>through the whole webhook path: signed POST /twilio/fax, commit, download from a local
 *     WireMock "provider", Tika detection, G4 decoding, scaling to 300 dpi, Tesseract on the OCR pool
 *     (W workers), form fields, ticket;</li>
 * <li>through the spool folder (files dropped, processed one at a time in the spool route, moved to done/).</li>
 * </ol>
 * Run: {@code ./mvnw -Pbench test-compile exec:exec@fax-benchmark -Dbench.faxPages=20 -Dbench.ocrWorkers=2}.
 */
public final class FaxBenchmark {

    private static final String TOKEN = "bench-token";
    private static final String ACCOUNT = "ACbench";

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.faxPages", 20);
        int workers = Integer.getInteger("bench.ocrWorkers", 2);
        Path work = Files.createTempDirectory("fax-bench");
        List<byte[]> faxes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> text = i % 2 == 0 ? FaxFixtures.CONSIGNMENT_NOTE_ZH : FaxFixtures.ORDER_FORM_EN;
            byte[] tiff = FaxFixtures.g4Tiff(List.of(FaxFixtures.finePage(text, 1000 + i)), 204, 196);
            faxes.add(tiff);
            Path file = work.resolve("page-" + i + ".tif");
            Files.write(file, tiff);
            files.add(file);
        }
        System.out.printf("%d one-page G4 faxes (204×196 dpi, 1728×1078 px, half zh / half en), OCR workers: %d%n", n, workers);

        double direct = tesseractAlone(files, workers, work);
        System.out.printf("tesseract alone: %.1f s%n", direct);

        WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
        provider.start();
        Path spool = work.resolve("spool");
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(ContactHubApplication.class)
                .run("--hub.data-dir=" + Path.of("target", "bench-data", UUID.randomUUID().toString()),
                        "--server.port=0", "--hub.admin-password=bench", "--logging.level.io.contacthub=WARN",
                        "--hub.twilio.auth-token=" + TOKEN, "--hub.twilio.account-sid=" + ACCOUNT,
                        "--hub.twilio.api-url=" + provider.baseUrl(), "--hub.mail.url=",
                        "--hub.ocr.workers=" + workers, "--hub.ocr.queue-size=" + (n + 8),
                        "--hub.fax.spool-dir=" + spool, "--hub.fax.spool-poll-delay=200ms")) {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            int port = ((WebServerApplicationContext) hub).getWebServer().getPort();

            // Webhook path
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String sid = TwilioRequests.newSid("FX");
                String path = "/2010-04-01/Accounts/" + ACCOUNT + "/Faxes/" + sid + "/Media/ME1";
                provider.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "image/tiff")
                        .withBody(faxes.get(i))));
                Map<String, String> params = new LinkedHashMap<>();
                params.put("FaxSid", sid);
                params.put("From", "+86215000" + String.format("%04d", i));
                params.put("To", "+862150009999");
                params.put("FaxStatus", "received");
                params.put("NumPages", "1");
                params.put("MediaUrl", "https://api.twilio.com" + path);
                String form = TwilioRequests.form(params);
                String url = "http://localhost:" + port + "/twilio/fax";
                String signature = TwilioSignature.compute(TOKEN, url, FormBody.parse(form.getBytes(StandardCharsets.UTF_8)));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded").header(TwilioSignature.HEADER, signature)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 204) {
                    throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
                }
            }
            awaitSettled(jdbc, "source like 'twilio:%'", n);
            double webhook = (System.nanoTime() - start) / 1e9;
            String webhookFailed = failed(jdbc, "source like 'twilio:%'");

            // Spool path
            Files.createDirectories(spool);
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Path temp = work.resolve("drop-" + i + ".part");
                // A byte differs per file so the spool keys (SHA-256) do not collide with the webhook's faxes.
                byte[] copy = java.util.Arrays.copyOf(faxes.get(i), faxes.get(i).length + 1);
                Files.write(temp, copy);
                Files.move(temp, spool.resolve("+86215100" + String.format("%04d", i) + "_fax.tif"));
            }
            awaitSettled(jdbc, "source like 'spool:%'", n);
            double spooled = (System.nanoTime() - start) / 1e9;
            String spoolFailed = failed(jdbc, "source like 'spool:%'");

            System.out.println();
            System.out.println("| path | pages | seconds | pages/min | vs tesseract alone |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf("| `tesseract` command alone, %d at a time | %d | %.1f | %.0f | 1.00× |%n", workers, n, direct, n * 60 / direct);
            System.out.printf("| webhook → ticket (%d OCR workers) | %d | %.1f | %.0f | %.2f× |%n", workers, n, webhook, n * 60 / webhook,
                    webhook / direct);
            System.out.printf("| spool folder → ticket (one file at a time) | %d | %.1f | %.0f | %.2f× (vs alone, %d at a time) |%n",
                    n, spooled, n * 60 / spooled, spooled / direct, workers);
            System.out.println();
            System.out.println("FAILED (webhook / spool): " + webhookFailed + " / " + spoolFailed);
            System.out.printf("mean OCR confidence: %s%n", jdbc.sql("select round(avg(mean_confidence)::numeric, 1) from fax_document")
                    .query(String.class).single());
        } finally {
            provider.stop();
        }
        System.exit(0);
    }

    /** The same page files through `tesseract FILE stdout -l chi_sim+eng`, W processes at a time, one thread each. */
    private static double tesseractAlone(List<Path> files, int workers, Path work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (Path file : files) {
            jobs.add(pool.submit(() -> {
                ProcessBuilder pb = new ProcessBuilder("tesseract", file.toString(), "stdout", "-l", "chi_sim+eng")
                        .redirectErrorStream(true).redirectOutput(work.resolve(file.getFileName() + ".txt").toFile());
                pb.environment().put("OMP_THREAD_LIMIT", "1");
                Process p = pb.start();
                if (p.waitFor() != 0) {
                    throw new IOException("tesseract failed on " + file);
                }
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return (System.nanoTime() - start) / 1e9;
    }

    private static void awaitSettled(JdbcClient jdbc, String where, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            int settled = jdbc.sql("select count(*) from inbound_message where channel = 'FAX' and status <> 'RECEIVED' and " + where)
                    .query(Integer.class).single();
            if (settled >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not settled in time: " + where);
    }

    private static String failed(JdbcClient jdbc, String where) {
        return String.valueOf(jdbc.sql("select count(*) from inbound_message where channel = 'FAX' and status = 'FAILED' and " + where)
                .query(Integer.class).single());
    }
}
