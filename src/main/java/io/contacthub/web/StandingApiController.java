package io.contacthub.web;

import io.contacthub.customer.CustomerMasterData;
import io.contacthub.standing.CustomerDealings;
import io.contacthub.standing.CustomerStandings;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A customer's master data, standing and dealings for BI tools and other systems; recomputing the classes. */
@RestController
class StandingApiController {

    private final CustomerMasterData masterData;
    private final CustomerStandings standings;
    private final CustomerDealings dealings;

    StandingApiController(CustomerMasterData masterData, CustomerStandings standings, CustomerDealings dealings) {
        this.masterData = masterData;
        this.standings = standings;
        this.dealings = dealings;
    }

    /** @param from start of the period (ISO 8601, default 90 days ago); @param to its end (default now) */
    @GetMapping("/api/customers/{id}/standing")
    Map<String, Object> standing(@PathVariable long id, @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to) {
        var details = masterData.profile(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id));
        OffsetDateTime end = to == null ? OffsetDateTime.now(ZoneOffset.UTC) : time("to", to);
        OffsetDateTime start = from == null ? end.minusDays(90) : time("from", from);
        if (!start.isBefore(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must be before to");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer", details);
        out.put("standing", standings.of(id).orElse(null));
        out.put("dealings", dealings.of(id, start, end));
        return out;
    }

    @PostMapping("/api/admin/standing/recompute")
    ResponseEntity<?> recompute(Authentication staff) {
        return standings.recompute(staff.getName()).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "a run is already under way")));
    }

    private static OffsetDateTime time(String name, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " must be an ISO 8601 time with offset, e.g. 2026-11-01T00:00:00+08:00");
        }
    }
}
