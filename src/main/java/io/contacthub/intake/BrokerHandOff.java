package io.contacthub.intake;

import io.contacthub.cluster.ClusterSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes committed message ids to their Kafka topic, after the commit and off the caller's thread: a
 * source is acknowledged once its message is in PostgreSQL, whether or not the broker is there. The id waits
 * in a bounded queue for the publisher thread; when the broker is away (a send fails after
 * {@value #DELIVERY_TIMEOUT_MS} ms) or the queue is full, the message simply stays RECEIVED in the database,
 * and the stuck-message sweeper queues it again after {@code hub.intake.stuck-after}. Kafka carries work,
 * never the only copy of it; a record delivered twice is processed once (an attempt is claimed in the database).
 *
 * <p>The ids waiting when the publisher wakes go out together, up to {@value #BATCH}: their topics and keys in one
 * query, their records sent without waiting for each other, so the Kafka producer packs them into one request
 * per partition leader. One record per request and one query per id cost the broker and the database more than
 * the message's processing did (issue 18's benchmark).
 */
@Component
class BrokerHandOff {

    private static final Logger log = LoggerFactory.getLogger(BrokerHandOff.class);
    static final int DELIVERY_TIMEOUT_MS = 10_000;
    private static final int WAITING = 20_000;
    static final int BATCH = 200;

    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final ClusterSettings settings;
    private final StageTopics topics;
    private final BlockingQueue<Long> waiting = new ArrayBlockingQueue<>(WAITING);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Thread publisher;
    private volatile Endpoint endpoint;
    private volatile boolean brokerAway;

    BrokerHandOff(ProducerTemplate producer, CamelContext camel, ClusterSettings settings, StageTopics topics) {
        this.producer = producer;
        this.camel = camel;
        this.settings = settings;
        this.topics = topics;
    }

    /** Hands the message on; never waits for the broker. */
    void publish(long messageId) {
        startIfNeeded();
        if (!waiting.offer(messageId)) {
            log.debug("message {} stays RECEIVED for the sweeper: {} ids already wait for the broker", messageId, WAITING);
        }
    }

    long published() {
        return published.get();
    }

    long failed() {
        return failed.get();
    }

    private synchronized void startIfNeeded() {
        if (publisher == null) {
            publisher = new Thread(this::run, "broker-hand-off");
            publisher.setDaemon(true);
            publisher.start();
        }
    }

    private void run() {
        List<Long> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, BATCH - 1);
            try {
                send(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Long> ids) throws InterruptedException {
        Map<Long, StageTopics.Address> addresses;
        Endpoint target;
        try {
            addresses = topics.addressesOf(ids);
            target = endpoint();
        } catch (RuntimeException e) {
            away(ids.get(0), ids.size(), e);
            return;
        }
        List<CompletableFuture<Exchange>> sent = new ArrayList<>(ids.size());
        List<Long> sentIds = new ArrayList<>(ids.size());
        for (long id : ids) {
            StageTopics.Address address = addresses.get(id);
            if (address == null) {
                continue;
            }
            Exchange exchange = target.createExchange();
            exchange.getMessage().setBody(Long.toString(id));
            exchange.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, address.topic());
            exchange.getMessage().setHeader(KafkaConstants.KEY, address.key());
            sent.add(producer.asyncSend(target, exchange));
            sentIds.add(id);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DELIVERY_TIMEOUT_MS + 5_000L);
        for (int i = 0; i < sent.size(); i++) {
            Throwable error;
            try {
                Exchange done = sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                error = done.getException();
            } catch (ExecutionException e) {
                error = e.getCause();
            } catch (TimeoutException e) {
                error = e;
            }
            if (error == null) {
                published.incrementAndGet();
                if (brokerAway) {
                    brokerAway = false;
                    log.info("Kafka takes hand-offs again; messages left RECEIVED meanwhile are queued by the sweeper");
                }
            } else {
                away(sentIds.get(i), 1, error);
            }
        }
    }

    private void away(long messageId, int count, Throwable e) {
        failed.addAndGet(count);
        if (!brokerAway) {
            brokerAway = true;
            log.warn("handing message {} to Kafka failed ({}); it and the ones after stay RECEIVED in the database "
                    + "and are queued again by the sweeper", messageId, rootMessage(e));
        } else {
            log.debug("message {} not handed to Kafka: {}", messageId, rootMessage(e));
        }
    }

    private Endpoint endpoint() {
        Endpoint resolved = endpoint;
        if (resolved == null) {
            // The topic in the URI is only a default: each record names its own (OVERRIDE_TOPIC).
            resolved = camel.getEndpoint("kafka:" + topics.topic(StageTopics.Stage.PROCESSING)
                    + "?brokers=" + settings.kafkaBootstrapServers()
                    + "&maxBlockMs=5000&requestTimeoutMs=5000&deliveryTimeoutMs=" + DELIVERY_TIMEOUT_MS
                    + "&lingerMs=2&requestRequiredAcks=all");
            endpoint = resolved;
        }
        return resolved;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @EventListener(ContextClosedEvent.class)
    void stop() throws InterruptedException {
        Thread thread = publisher;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(2));
        }
    }
}
