package io.contacthub.intake;

import io.contacthub.cluster.ClusterSettings;
import io.contacthub.cluster.Role;
import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.descriptor.ChannelDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return Optional.ofNullable(addressesOf(List.of(messageId)).get(messageId));
    }

    /** The addresses of the stored ones among these messages, in one query. */
    Map<Long, Address> addressesOf(List<Long> messageIds) {
        Map<Long, Address> addresses = new HashMap<>();
        jdbc.sql("select id, channel, sender from inbound_message where id = any(?)")
                .param(messageIds.toArray(new Long[0]))
                .query(rs -> {
                    long id = rs.getLong(1);
                    String channel = rs.getString(2);
                    String sender = rs.getString(3);
                    Stage stage = stageOf(channel);
                    String key = sender == null || sender.isBlank() ? "message:" + id : channel + ":" + sender;
                    addresses.put(id, new Address(stage, topic(stage), key));
                });
        return addresses;
    }
}
