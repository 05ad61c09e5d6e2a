package io.contacthub.intake;

import io.contacthub.cluster.ClusterSettings;
import io.contacthub.cluster.Role;
import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.descriptor.ChannelDescriptor;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which Kafka topic carries a message to its processing in a cluster: faxes and letters to the OCR nodes,
 * voicemails to the speech nodes, everything else to the processing nodes (the channel's descriptor says
 * which, {@link ChannelDescriptor#work()}). Records are keyed by the sender, so that two contacts of one
 * sender (two mails of one thread) land on one partition and are processed in the order they came.
 */
@Component
class StageTopics {

    /** One kind of processing, the topic that carries it and the role of the nodes that consume it. */
    enum Stage {
        PROCESSING(Role.PROCESSING), OCR(Role.OCR), SPEECH(Role.SPEECH);

        final Role role;

        Stage(Role role) {
            this.role = role;
        }

        static Stage of(ChannelDescriptor.Work work) {
            return switch (work) {
                case OCR -> OCR;
                case SPEECH -> SPEECH;
                case TEXT -> PROCESSING;
            };
        }
    }

    /** Where one message goes: its topic and its record key. */
    record Address(Stage stage, String topic, String key) {
    }

    private final ClusterSettings settings;
    private final ChannelCatalog channels;
    private final JdbcClient jdbc;

    StageTopics(ClusterSettings settings, ChannelCatalog channels, JdbcClient jdbc) {
        this.settings = settings;
        this.channels = channels;
        this.jdbc = jdbc;
    }

    String topic(Stage stage) {
        return settings.topicPrefix() + "." + stage.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The consumer group of a stage: every node that does that work shares it, so each record goes to one. */
    String group(Stage stage) {
        return settings.topicPrefix() + "-" + stage.name().toLowerCase(java.util.Locale.ROOT);
    }

    Stage stageOf(String channel) {
        return Stage.of(channels.find(channel).map(ChannelDescriptor::work).orElse(ChannelDescriptor.Work.TEXT));
    }

    /** Empty when the message is not stored (nothing to hand on). */
    Optional<Address> addressOf(long messageId) {
        return jdbc.sql("select channel, sender from inbound_message where id = ?").param(messageId)
                .query((rs, n) -> {
                    String channel = rs.getString(1);
                    String sender = rs.getString(2);
                    Stage stage = stageOf(channel);
                    String key = sender == null || sender.isBlank() ? "message:" + messageId : channel + ":" + sender;
                    return new Address(stage, topic(stage), key);
                })
                .optional();
    }
}
