package io.contacthub.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff accounts for scripts, {@code /api/admin/staff} (ADMIN only; SecurityConfiguration). The same rules as the
 * console's staff pages ({@link StaffDirectory}); refusals answer 400, 404 or 409 with the reason. A one-time
 * password is in the answer that made it and nowhere else ({@code Cache-Control: no-store}).
 */
@RestController
class StaffAdminApiController {

    /** A new account; role AGENT unless given. There is no password field: the hub makes a one-time one. */
    record NewStaff(String username, String displayName, String role, String team, String language, String timeZone,
                    String phone) {
    }

    record CreatedAnswer(StaffDirectory.Account account, String oneTimePassword) {
    }

    record ResetAnswer(String username, String oneTimePassword) {
    }

    private final StaffDirectory staff;

    StaffAdminApiController(StaffDirectory staff) {
        this.staff = staff;
    }

    @GetMapping("/api/admin/staff")
    List<StaffDirectory.Account> list() {
        return staff.list();
    }

    @GetMapping("/api/admin/staff/{username}")
    StaffDirectory.Account one(@PathVariable String username) {
        return staff.get(username);
    }

    @GetMapping("/api/admin/staff/{username}/events")
    List<StaffDirectory.Event> events(@PathVariable String username) {
        staff.get(username);
        return staff.events(username, 200);
    }

    @PostMapping("/api/admin/staff")
    ResponseEntity<CreatedAnswer> create(@RequestBody NewStaff body, Principal admin) {
        StaffDirectory.Created created = staff.create(body.username(), new StaffDirectory.Details(body.displayName(), body.role(),
                body.team(), body.language(), body.timeZone(), body.phone()), admin.getName());
        return ResponseEntity.created(URI.create("/api/admin/staff/" + created.account().username()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedAnswer(created.account(), created.oneTimePassword()));
    }

    /** Changes the fields given; a field left out (or null) stays as it is, an empty string clears it. */
    @PatchMapping("/api/admin/staff/{username}")
    StaffDirectory.Account update(@PathVariable String username, @RequestBody StaffDirectory.Details body, Principal admin) {
        return staff.update(username, body, admin.getName());
    }

    @PostMapping("/api/admin/staff/{username}/deactivate")
    StaffDirectory.Account deactivate(@PathVariable String username, Principal admin) {
        return staff.deactivate(username, admin.getName());
    }

    @PostMapping("/api/admin/staff/{username}/reactivate")
    StaffDirectory.Account reactivate(@PathVariable String username, Principal admin) {
        return staff.reactivate(username, admin.getName());
    }

    @PostMapping("/api/admin/staff/{username}/password-reset")
    ResponseEntity<ResetAnswer> reset(@PathVariable String username, Principal admin) {
        String password = staff.resetPassword(username, admin.getName());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ResetAnswer(staff.get(username).username(), password));
    }
}
