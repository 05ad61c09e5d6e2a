package io.contacthub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.testsupport.PerimeterFaults;
import io.contacthub.testsupport.PerimeterHub;
import io.contacthub.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

/** What anonymous callers and failures give away: health status without details, errors without internals. */
class LeaksPerimeterTest extends PerimeterHub {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anonymousHealthIsTheStatusAloneWhileStaffSeeTheDetails() throws Exception {
        RawHttp.Response anonymous = http().get("/actuator/health");
        RawHttp.Response staff = http().basic("admin", ADMIN_PASSWORD).get("/actuator/health");

        assertThat(anonymous.status()).as("the same status code for both").isEqualTo(staff.status());
        JsonNode open = json.readTree(anonymous.body());
        assertThat(open.path("status").asText()).isEqualTo(json.readTree(staff.body()).path("status").asText()).isNotBlank();
        assertThat(open.has("components")).isFalse();
        assertThat(open.has("details")).isFalse();
        assertThat(anonymous.body()).doesNotContain("db").doesNotContain("PostgreSQL").doesNotContain("diskSpace");

        JsonNode detailed = json.readTree(staff.body());
        assertThat(detailed.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(detailed.at("/components/diskSpace/details").isObject()).isTrue();
    }

    @Test
    void componentsAreNotOpenToAnonymousCallersOneByOneEither() {
        RawHttp.Response db = http().get("/actuator/health/db");
        assertThat(db.body()).doesNotContain("PostgreSQL").doesNotContain("validationQuery");
        assertThat(http().basic("admin", ADMIN_PASSWORD).get("/actuator/health/db").body()).contains("PostgreSQL");
    }

    @Test
    void unexpectedExceptionAnswers500WithoutItsTextOrStack() {
        RawHttp.Response answer = http().basic("admin", ADMIN_PASSWORD).header("Accept", "application/json").get("/api/test-faults/crash");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("secret internals").doesNotContain("password_hash")
                .doesNotContain("IllegalStateException").doesNotContain("trace").doesNotContain("at io.contacthub")
                .contains(ErrorBodies.INTERNAL);
        assertThat(PerimeterFaults.SECRET).contains("password_hash"); // what would have leaked
    }

    @Test
    void databaseErrorAnswersWithoutSqlOrTheServersMessage() {
        RawHttp.Response answer = http().basic("admin", ADMIN_PASSWORD).header("Accept", "application/json").get("/api/test-faults/database");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).doesNotContainIgnoringCase("select").doesNotContain("no_such_table")
                .doesNotContainIgnoringCase("sql").doesNotContain("relation").doesNotContain("ERROR:")
                .contains(ErrorBodies.INTERNAL);
    }

    @Test
    void databaseErrorOnARealEndpointAnswersWithoutSql() {
        // PostgreSQL refuses a NUL character in text; its message and the statement must stay in the log
        RawHttp.Response answer = http().basic("admin", ADMIN_PASSWORD).header("Accept", "application/json")
                .get("/api/messages?status=FAILED%00X");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).doesNotContainIgnoringCase("select").doesNotContainIgnoringCase("sql")
                .doesNotContain("0x00").doesNotContain("Exception").contains(ErrorBodies.INTERNAL);
    }

    @Test
    void errorPageOfTheConsoleShowsNoExceptionText() {
        RawHttp.Response answer = http().basic("admin", ADMIN_PASSWORD).header("Accept", "text/html").get("/api/test-faults/crash");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
    }

    @Test
    void requestTomcatRefusesItselfNamesNoServerAndNoException() {
        RawHttp.Response answer = http().get("/api/%zz");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).doesNotContainIgnoringCase("tomcat").doesNotContain("Exception");
    }
}
