package io.contacthub;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every file under routes/ loads, and every route or template it declares is running in the hub. */
class RoutesLoadTest extends HubIntegrationTest {

    private static final Pattern ID = Pattern.compile("^- (route|routeTemplate|routeConfiguration):\\s*\\n\\s+id:\\s*([\\w-]+)", Pattern.MULTILINE);

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteFileUnderRoutesIsLoaded() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("routes"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).isNotEmpty();
        ModelCamelContext model = (ModelCamelContext) camel;
        int declared = 0;
        for (Path file : files) {
            Matcher m = ID.matcher(Files.readString(file));
            while (m.find()) {
                declared++;
                String kind = m.group(1);
                String id = m.group(2);
                switch (kind) {
                    case "route" -> assertThat(camel.getRoute(id)).as("route %s from %s", id, file).isNotNull();
                    case "routeTemplate" -> assertThat(model.getRouteTemplateDefinition(id)).as("template %s from %s", id, file).isNotNull();
                    default -> assertThat(model.getRouteConfigurationDefinition(id)).as("configuration %s from %s", id, file).isNotNull();
                }
            }
        }
        assertThat(declared).as("ids declared in routes/").isGreaterThanOrEqualTo(6);
        assertThat(camel.getRoute("mailbox-support")).as("a mailbox route made from the template").isNotNull();
    }
}
