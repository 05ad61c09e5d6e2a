package io.contacthub.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;

/**
 * Which node runs the work that must run once in the cluster: the mailbox pollers, the fax spool, the heavy
 * scheduled recomputations. In cluster mode the intake nodes compete for one lock row in PostgreSQL
 * ({@code INT_LOCK}, Spring Integration's JDBC lock registry with its leader initiator): the holder renews it every
 * third of {@code hub.cluster.leader-lease}, so a node that dies without releasing it is replaced about a lease
 * later, and one that stops cleanly releases it at once. Nodes without the intake role never lead. One node alone
 * (no Kafka configured) always leads and touches no lock.
 */
@Component
public class Leadership implements SmartLifecycle {

    static final String ROLE = "single-pollers";
    static final String REGION = "contact-hub";
    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final String nodeId;
    private final boolean elected;
    private final boolean competes;
    private final Duration lease;
    private final DataSource dataSource;
    private final List<Follower> followers = new ArrayList<>();
    private boolean leader; // guarded by followers
    private volatile boolean leading;
    private Election election;
    private boolean running;

    @org.springframework.beans.factory.annotation.Autowired
    Leadership(NodeRoles roles, DataSource dataSource) {
        this(roles.nodeId(), roles.clustered(), roles.runs(Role.INTAKE), roles.settings().leaderLease(), dataSource);
    }

    /** For tests: several candidates in one JVM. */
    Leadership(String nodeId, boolean elected, boolean competes, Duration lease, DataSource dataSource) {
        this.nodeId = nodeId;
        this.elected = elected;
        this.competes = elected && competes;
        this.lease = lease;
        this.dataSource = dataSource;
        if (!elected) {
            leader = true;
            leading = true;
        }
    }

    /** Whether this node runs the single work now; always true on a node that is not in a cluster. */
    public boolean isLeader() {
        return leading;
    }

    /** Whether the single work is elected (cluster mode) rather than simply run here. */
    public boolean elected() {
        return elected;
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Runs {@code start} whenever this node becomes leader, at once if it leads already, and {@code stop} whenever
     * it stops leading. Both run on the election's thread (or the caller's), one transition at a time; a failure is
     * logged, the election goes on.
     */
    public void whileLeading(String what, Runnable start, Runnable stop) {
        Follower follower = new Follower(what, start, stop);
        synchronized (followers) {
            followers.add(follower);
            if (leader) {
                follower.started();
            }
        }
    }

    private void granted() {
        synchronized (followers) {
            leader = true;
            leading = true;
            log.info("node {} leads the single pollers (mailboxes, fax spool) and singleton jobs", nodeId);
            followers.forEach(Follower::started);
        }
    }

    private void revoked() {
        synchronized (followers) {
            leading = false;
            leader = false;
            log.warn("node {} no longer leads the single pollers: stopping {}", nodeId,
                    followers.stream().map(Follower::what).toList());
            followers.forEach(Follower::stopped);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (competes) {
            election = new Election();
            election.start();
        } else if (elected) {
            log.info("node {} does not take part in the election of the mailbox and spool pollers (no intake role)",
                    nodeId);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (election != null) {
            election.stop();
            election = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** Stops early, so the pollers end before Camel and the lock is released while the database is still there. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** The lock and its initiator; the lock row is this node's only while it renews it. */
    private final class Election implements Candidate {

        private final DefaultLockRepository repository;
        private final LockRegistryLeaderInitiator initiator;
        private final ExecutorService thread;
        private final String id;

        Election() {
            // A fresh id per start: two nodes given the same name by mistake must not share the lock.
            id = java.util.UUID.randomUUID().toString();
            repository = new DefaultLockRepository(dataSource, id);
            repository.setRegion(REGION);
            // A standby tries to insert the row every retry: without this PostgreSQL would log each try as an error.
            repository.setInsertQuery(repository.getInsertQuery().strip() + " ON CONFLICT DO NOTHING");
            // Its own transactions (REQUIRES_NEW), whatever transaction managers the hub has.
            repository.setTransactionManager(new JdbcTransactionManager(dataSource));
            repository.afterPropertiesSet();
            repository.afterSingletonsInstantiated();
            JdbcLockRegistry registry = new JdbcLockRegistry(repository, lease);
            Duration retry = retryEvery(lease);
            // A standby asks once per retry; the leader renews every third of the lease, so two missed renewals
            // still leave it the lock.
            registry.setIdleBetweenTries(retry);
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "cluster-leadership");
                t.setDaemon(true);
                return t;
            });
            initiator = new LockRegistryLeaderInitiator(registry, this);
            initiator.setTaskExecutor(new TaskExecutorAdapter(thread));
            initiator.setHeartBeatMillis(lease.toMillis() / 3);
            initiator.setBusyWaitMillis(retry.toMillis());
            initiator.setApplicationEventPublisher(event -> { }); // callbacks, not events
        }

        void start() {
            log.info("node {} competes for the single pollers (lock '{}' in {}LOCK, lease {}, client {})", nodeId, ROLE,
                    DefaultLockRepository.DEFAULT_TABLE_PREFIX, lease, id);
            initiator.start();
        }

        void stop() {
            initiator.stop();
            thread.shutdown();
            try {
                if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("node {}: the leadership thread did not end within {}", nodeId, STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                // The initiator's own release runs on an interrupted thread and may fail: release here too, so
                // another node takes over now rather than after the lease.
                repository.close();
            } catch (RuntimeException e) {
                log.warn("node {}: could not release the leadership lock ({}); another node takes over when it "
                        + "expires", nodeId, e.toString());
            }
        }

        @Override
        public String getRole() {
            return ROLE;
        }

        @Override
        public String getId() {
            return nodeId;
        }

        @Override
        public void onGranted(Context ctx) {
            granted();
        }

        @Override
        public void onRevoked(Context ctx) {
            revoked();
        }
    }

    static Duration retryEvery(Duration lease) {
        return Duration.ofMillis(Math.min(1000, lease.toMillis() / 5));
    }

    private record Follower(String what, Runnable start, Runnable stop) {

        void started() {
            run(start, "start");
        }

        void stopped() {
            run(stop, "stop");
        }

        private void run(Runnable action, String verb) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.error("could not {} {} on a leadership change: {}", verb, what, e.toString(), e);
            }
        }
    }
}
