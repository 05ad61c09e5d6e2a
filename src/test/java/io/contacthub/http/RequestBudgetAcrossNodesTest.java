package io.contacthub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.limits.ClusterDatabase;
import io.contacthub.limits.SharedBuckets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The public doors' budgets with two nodes behind a load balancer, on one real PostgreSQL. */
class RequestBudgetAcrossNodesTest {

    private static ClusterDatabase database;
    private static DataSource poolA;
    private static SharedBuckets bucketsA;
    private static SharedBuckets bucketsB;
    private static RequestBudgets nodeA;
    private static RequestBudgets nodeB;

    @BeforeAll
    static void twoNodes() throws Exception {
        database = new ClusterDatabase();
        poolA = database.node("node-a");
        bucketsA = new SharedBuckets(poolA, true);
        bucketsB = new SharedBuckets(database.node("node-b"), true);
        nodeA = new RequestBudgets(bucketsA);
        nodeB = new RequestBudgets(bucketsB);
    }

    @AfterAll
    static void stop() throws Exception {
        bucketsA.close();
        bucketsB.close();
        database.close();
    }

    @Test
    void aClientAllowedFiveAMinuteGetsFiveInTotalAcrossBothNodesNotTen() {
        RequestBudget a = nodeA.perMinute("api-messages", 5, 1000);
        RequestBudget b = nodeB.perMinute("api-messages", 5, 1000);
        List<RequestBudget.Refusal> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add((i % 2 == 0 ? a : b).take("203.0.113.7"));
        }
        assertThat(answers.subList(0, 5)).containsOnlyNulls();
        assertThat(answers.subList(5, 10)).allSatisfy(refusal -> {
            assertThat(refusal).isNotNull();
            assertThat(refusal.everyone()).as("over its own budget").isFalse();
            assertThat(refusal.retryAfterSeconds()).as("one request back every 60 s / 5").isBetween(11L, 12L);
        });
        assertThat(a.take("203.0.113.8")).as("another client has its own budget").isNull();
    }

    @Test
    void allClientsTogetherAreBoundAcrossNodesAndARefusedClientKeepsItsOwnBudget() {
        RequestBudget a = nodeA.perMinute("portal-forms", 2, 6);
        RequestBudget b = nodeB.perMinute("portal-forms", 2, 6);
        for (int i = 0; i < 6; i++) {
            assertThat((i % 2 == 0 ? a : b).take("198.51.100." + i)).isNull();
        }
        RequestBudget.Refusal refused = b.take("198.51.100.99");
        assertThat(refused).isNotNull();
        assertThat(refused.everyone()).isTrue();
        // The refusal for everyone's sake gave the client's token back: its own budget is still 2, not 1.
        String ownKey = "portal-forms|client|198.51.100.99";
        assertThat(JdbcClient.create(poolA).sql("select full_at <= statement_timestamp() from shared_bucket where key = ?")
                .param(ownKey).query(Boolean.class).optional()).hasValue(true);
    }

    @Test
    void eachDoorIsCountedApart() {
        RequestBudget chat = nodeA.perMinute("chat-lines", 1, 1000);
        RequestBudget follow = nodeB.perMinute("follow-clients", 1, 1000);
        assertThat(chat.take("192.0.2.1")).isNull();
        assertThat(follow.take("192.0.2.1")).isNull();
        assertThat(nodeB.perMinute("chat-lines", 1, 1000).take("192.0.2.1")).isNotNull();
    }

    @Test
    void aSingleNodeKeepsItsBudgetsInMemoryAndWritesNothing() {
        RequestBudgets single = new RequestBudgets(new SharedBuckets(poolA, false));
        RequestBudget one = single.perMinute("single-door", 3, 1000);
        RequestBudget other = single.perMinute("single-door", 3, 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(one.take("203.0.113.50")).isNull();
            assertThat(other.take("203.0.113.50")).as("a budget of this node's own").isNull();
        }
        assertThat(one.take("203.0.113.50")).isNotNull();
        assertThat(JdbcClient.create(poolA).sql("select count(*) from shared_bucket where key like 'single-door%'")
                .query(Long.class).single()).isZero();
    }
}
