package io.contacthub.standing;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Recomputes the classes on {@code hub.standing.schedule}, and once at start when they were never computed. */
@Component
class StandingSchedule {

    private final CustomerStandings standings;

    StandingSchedule(CustomerStandings standings) {
        this.standings = standings;
    }

    @Scheduled(cron = "${hub.standing.schedule}")
    void onSchedule() {
        standings.recompute("schedule");
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
