package io.contacthub.complaint;

import io.contacthub.http.ApiProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The cause categories: every staff member reads them, only an ADMIN changes them. */
@RestController
class ComplaintCategoriesController {

    private final ComplaintCategories categories;

    ComplaintCategoriesController(ComplaintCategories categories) {
        this.categories = categories;
    }

    @GetMapping("/api/complaint-categories")
    List<ComplaintCategories.Category> list(@RequestParam(defaultValue = "false") boolean all) {
        return categories.list(all);
    }

    @PostMapping("/api/complaint-categories")
    ResponseEntity<ComplaintCategories.Category> create(@RequestBody(required = false) ComplaintCategories.Change change,
                                                        Authentication staff) {
        requireAdmin(staff);
        if (change == null) {
            throw ComplaintRejected.invalid("a JSON body with code, labelZh, labelEn (and hints) is required");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(categories.create(change));
    }

    @PutMapping("/api/complaint-categories/{code}")
    ComplaintCategories.Category update(@PathVariable String code, @RequestBody(required = false) ComplaintCategories.Change change,
                                        Authentication staff) {
        requireAdmin(staff);
        if (change == null) {
            throw ComplaintRejected.invalid("a JSON body with the fields to change is required");
        }
        return categories.update(code, change);
    }

    private static void requireAdmin(Authentication staff) {
        boolean admin = staff != null && staff.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        if (!admin) {
            throw new ComplaintRejected(ComplaintRejected.Kind.FORBIDDEN, "only an ADMIN may change the complaint categories");
        }
    }

    @ExceptionHandler(ComplaintRejected.class)
    ResponseEntity<ProblemDetail> rejected(ComplaintRejected e) {
        return ApiProblem.of(e.kind().status, e.getMessage()).toResponse();
    }
}
