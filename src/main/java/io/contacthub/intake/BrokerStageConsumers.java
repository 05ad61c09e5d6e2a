package io.contacthub.intake;

import io.contacthub.cluster.NodeRoles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * In cluster mode, makes sure the stage topics exist and starts one consumer route (template
 * {@code stage-consumer}, routes/core/stages-over-kafka.camel.yaml) per kind of processing this node's roles
 * include, in one consumer group per kind across the cluster. Offsets are committed after processing (the
 * template says how).
 */
@Component("brokerStageConsumers")
class BrokerStageConsumers implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BrokerStageConsumers.class);

    private final NodeRoles node;
    private final StageTopics topics;
    private final IntakeProperties intake;

    BrokerStageConsumers(NodeRoles node, StageTopics topics, IntakeProperties intake) {
        this.node = node;
        this.topics = topics;
        this.intake = intake;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (!node.clustered()) {
            return;
        }
        createTopics();
        for (StageTopics.Stage stage : StageTopics.Stage.values()) {
            if (!node.runs(stage.role)) {
                continue;
            }
            try {
                camelContext.addRouteFromTemplate("stage-" + stage.name().toLowerCase(java.util.Locale.ROOT),
                        "stage-consumer", Map.of("topic", topics.topic(stage), "group", topics.group(stage),
                                "consumers", String.valueOf(intake.workers()),
                                "brokers", node.settings().kafkaBootstrapServers()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the consumer of " + topics.topic(stage) + ": " + e.getMessage(), e);
            }
            log.info("node {} processes {} work from Kafka topic {} (group {}, {} consumers)", node.nodeId(), stage,
                    topics.topic(stage), topics.group(stage), intake.workers());
        }
    }

    /**
     * With the partitions the settings ask for; a broker that auto-creates topics would give them its default
     * (often 1: one consumer per kind of work in the whole cluster). A broker away at start-up is not fatal:
     * intake goes on into the database, and the topics are created by the first send if the broker allows.
     */
    private void createTopics() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node.settings().kafkaBootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        List<NewTopic> wanted = new ArrayList<>();
        for (StageTopics.Stage stage : StageTopics.Stage.values()) {
            wanted.add(new NewTopic(topics.topic(stage), node.settings().partitions(), (short) -1));
        }
        try (Admin admin = Admin.create(config)) {
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
                    log.info("Kafka topic {} created with {} partitions", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn("could not create the stage topics on {} ({}); going on", node.settings().kafkaBootstrapServers(),
                    e.getCause() == null ? e.toString() : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
