package io.contacthub.bench;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node KRaft Kafka broker in a JVM of its own, so a benchmark can read the broker's CPU apart from
 * everything else. Prints {@code BOOTSTRAP host:port} when it listens and stops when its standard input closes.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperty("num.partitions", String.valueOf(partitions));
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.afterPropertiesSet();
        System.out.println("BOOTSTRAP " + broker.getCluster().bootstrapServers());
        System.out.flush();
        while (System.in.read() >= 0) {
            // parent still there
        }
        broker.destroy();
        System.exit(0);
    }
}
