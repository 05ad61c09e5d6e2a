package io.contacthub.channel.fax;

import io.contacthub.cluster.LeaderRoutes;
import io.contacthub.cluster.Leadership;
import io.contacthub.intake.MessageStatus;
import io.contacthub.intake.Outcome;
import io.contacthub.intake.Receipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The spool folder route (routes/channels/fax-spool-in.camel.yaml, template {@code fax-spool}), started
 * only when {@code hub.fax.spool-dir} is set. Each file is committed and processed in the route's thread;
 * only then does Camel move it to {@code done/} (became a ticket) or {@code failed/} (FAILED: corrupt,
 * encrypted, too many pages...; the reason is on the message). A file whose commit fails stays in the
 * spool and is tried again at the next poll. In cluster mode only the elected node reads the folder (a shared
 * one, e.g. on NFS): the route is created stopped on every node and runs while it leads.
 */
@Configuration(proxyBeanMethods = false)
class FaxSpool {

    static final String TEMPLATE = "fax-spool";
    static final String FOLDER_HEADER = "hubSpoolFolder";
    private static final Logger log = LoggerFactory.getLogger(FaxSpool.class);

    @Bean
    CamelContextConfiguration faxSpoolRouteCreator(FaxSettings settings, Leadership leadership) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                if (settings.spoolDir() == null) {
                    log.info("fax spool off: HUB_FAX_SPOOL_DIR (hub.fax.spool-dir) not set");
                    return;
                }
                try {
                    Path dir = Path.of(settings.spoolDir()).toAbsolutePath();
                    Files.createDirectories(dir);
                    LeaderRoutes.createStoppedWhenElected(leadership, camelContext, TEMPLATE);
                    String routeId = camelContext.addRouteFromTemplate("fax-spool-in", TEMPLATE, Map.of(
                            "spoolDir", dir.toString(), "delay", String.valueOf(settings.spoolPollDelay().toMillis()),
                            "maxBytes", String.valueOf(settings.maxFileBytes())));
                    LeaderRoutes.runWhileLeading(leadership, camelContext, "the fax spool", List.of(routeId));
                    log.info("fax spool: reading TIFF/PDF files dropped into {} (then moved to done/ or failed/)", dir);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the fax spool route on " + settings.spoolDir() + ": "
                            + e.getMessage(), e);
                }
            }
        };
    }

    /** Where the processed file goes: {@code failed} when its message is FAILED, else {@code done}. */
    @Bean("faxSpoolFolder")
    SpoolFolder spoolFolder() {
        return new SpoolFolder();
    }

    static class SpoolFolder {
        public String folderFor(Object result) {
            MessageStatus status = null;
            if (result instanceof Optional<?> o && o.isPresent() && o.get() instanceof Outcome outcome) {
                status = outcome.status();
            } else if (result instanceof Receipt receipt) {
                status = receipt.status();
            }
            return status == MessageStatus.FAILED ? "failed" : "done";
        }
    }
}
