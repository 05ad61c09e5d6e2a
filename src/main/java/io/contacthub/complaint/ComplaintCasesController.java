package io.contacthub.complaint;

import io.contacthub.http.ApiProblem;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff API for complaint cases (any staff role): the list, one case with its log and SLA clocks,
 * a ticket's case, handling steps and corrections of category and severity.
 */
@RestController
class ComplaintCasesController {

    private final ComplaintQueries queries;
    private final ComplaintCases cases;

    ComplaintCasesController(ComplaintQueries queries, ComplaintCases cases) {
        this.queries = queries;
        this.cases = cases;
    }

    @GetMapping("/api/complaints")
    List<ComplaintQueries.CaseSummary> list(@RequestParam(required = false) String status,
                                            @RequestParam(required = false) Boolean breached,
                                            @RequestParam(required = false) String category,
                                            @RequestParam(required = false) String severity,
                                            @RequestParam(defaultValue = "50") int limit,
                                            @RequestParam(defaultValue = "0") int offset) {
        return queries.list(status, breached, category, severity, Math.max(1, Math.min(limit, 500)), Math.max(0, offset));
    }

    @GetMapping("/api/complaints/{id}")
    ComplaintQueries.CaseDetail get(@PathVariable long id) {
        return queries.find(id).orElseThrow(() -> ComplaintRejected.notFound("no complaint case " + id));
    }

    @GetMapping("/api/tickets/{ref}/complaint")
    ComplaintQueries.CaseDetail forTicket(@PathVariable String ref) {
        return queries.forTicket(ref).orElseThrow(() -> ComplaintRejected.notFound(queries.ticketExists(ref)
                ? "ticket " + ref + " has no complaint case" : "no ticket " + ref));
    }

    /** One handling step by the signed-in staff member; answers 201 with the case as it is now. */
    @PostMapping("/api/complaints/{id}/steps")
    ResponseEntity<ComplaintQueries.CaseDetail> step(@PathVariable long id,
                                                     @RequestBody(required = false) ComplaintCases.StepRequest request,
                                                     Principal staff) {
        cases.step(id, request, staff.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(queries.find(id).orElseThrow());
    }

    @PatchMapping("/api/complaints/{id}")
    ComplaintQueries.CaseDetail change(@PathVariable long id, @RequestBody(required = false) ComplaintCases.Change change,
                                       Principal staff) {
        cases.change(id, change, staff.getName());
        return queries.find(id).orElseThrow();
    }

    @ExceptionHandler(ComplaintRejected.class)
    ResponseEntity<ProblemDetail> rejected(ComplaintRejected e) {
        return ApiProblem.of(e.kind().status, e.getMessage()).toResponse();
    }
}
