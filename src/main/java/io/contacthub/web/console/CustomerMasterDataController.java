package io.contacthub.web.console;

import io.contacthub.customer.CustomerMasterData;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff correct a customer's business details, contact persons and addresses; each change is kept with their name. */
@Controller
class CustomerMasterDataController {

    private final CustomerMasterData masterData;

    CustomerMasterDataController(CustomerMasterData masterData) {
        this.masterData = masterData;
    }

    @PostMapping("/console/customers/{id}/details")
    String details(@PathVariable long id, @RequestParam(required = false) String company,
                   @RequestParam(required = false) String industry, @RequestParam(required = false) String province,
                   @RequestParam(required = false) String city, Principal staff, RedirectAttributes flash) {
        return done(id, flash, () -> masterData.edit(id, new CustomerMasterData.Edit(company, industry, province, city), staff.getName()));
    }

    @PostMapping("/console/customers/{id}/contacts")
    String addContact(@PathVariable long id, @RequestParam(required = false) String name, @RequestParam(required = false) String role,
                      @RequestParam(required = false) String phone, @RequestParam(required = false) String email,
                      Principal staff, RedirectAttributes flash) {
        return done(id, flash, () -> masterData.addContactPerson(id, name, role, phone, email, staff.getName()));
    }

    @PostMapping("/console/customers/{id}/contacts/{person}/remove")
    String removeContact(@PathVariable long id, @PathVariable long person, Principal staff, RedirectAttributes flash) {
        return done(id, flash, () -> masterData.removeContactPerson(id, person, staff.getName()));
    }

    @PostMapping("/console/customers/{id}/addresses")
    String addAddress(@PathVariable long id, @RequestParam(required = false) String address, Principal staff,
                      RedirectAttributes flash) {
        return done(id, flash, () -> masterData.addAddress(id, address, staff.getName()));
    }

    @PostMapping("/console/customers/{id}/addresses/{address}/remove")
    String removeAddress(@PathVariable long id, @PathVariable long address, Principal staff, RedirectAttributes flash) {
        return done(id, flash, () -> masterData.removeAddress(id, address, staff.getName()));
    }

    private static String done(long id, RedirectAttributes flash, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("notice", "saved");
        } catch (CustomerMasterData.Refused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/customers/" + id;
    }
}
