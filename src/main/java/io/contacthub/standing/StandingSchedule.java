package io.contacthub.standing;

import io.contacthub.cluster.Leadership;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Recomputes the classes on {@code hub.standing.schedule}, and once at start when they were never computed. */
@Component
class StandingSchedule {

    private final CustomerStandings standings;
    private final Leadership leadership;

    StandingSchedule(CustomerStandings standings, Leadership leadership) {
        this.standings = standings;
        this.leadership = leadership;
    }

    @Scheduled(cron = "${hub.standing.schedule}")
    void onSchedule() {
        // The advisory lock keeps runs apart, not nodes whose crons fire a little apart from each other repeating it.
        if (leadership.isLeader()) {
            standings.recompute("schedule");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void firstStart() {
        if (standings.lastRun().isEmpty()) {
            Thread first = new Thread(() -> standings.recompute("schedule"), "customer-standing-first-run");
            first.setDaemon(true);
            first.start();
        }
    }
}
