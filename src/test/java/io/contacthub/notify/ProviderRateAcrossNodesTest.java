package io.contacthub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.limits.ClusterDatabase;
import io.contacthub.limits.SharedBuckets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider's send rate is the whole hub's: two nodes' dispatchers share it. */
class ProviderRateAcrossNodesTest {

    @Test
    void twoNodesTogetherSendNoFasterThanTheProvidersRate() throws Exception {
        ProviderRateLimits.Settings settings = new ProviderRateLimits.Settings(Map.of("twilio", 2.0));
        try (ClusterDatabase database = new ClusterDatabase();
             SharedBuckets bucketsA = new SharedBuckets(database.node("node-a"), true);
             SharedBuckets bucketsB = new SharedBuckets(database.node("node-b"), true)) {
            ProviderRateLimits nodeA = new ProviderRateLimits(settings, bucketsA);
            ProviderRateLimits nodeB = new ProviderRateLimits(settings, bucketsB);
            int sent = 0;
            for (int i = 0; i < 10; i++) {
                sent += (i % 2 == 0 ? nodeA : nodeB).tryAcquire("twilio") ? 1 : 0;
            }
            assertThat(sent).as("2 a second for both nodes, in well under a second").isEqualTo(2);
            assertThat(nodeA.tryAcquire("smtp")).as("an unlisted provider has no limit").isTrue();

            ProviderRateLimits alone = new ProviderRateLimits(settings, new SharedBuckets(database.node("single"), false));
            assertThat(alone.tryAcquire("twilio") && alone.tryAcquire("twilio")).as("a single node counts in memory").isTrue();
        }
    }
}
