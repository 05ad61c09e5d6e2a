package io.contacthub.web.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The hub's front door in a browser: staff sign in to the console, customers go to the portal. */
@Controller
class StartPageController {

    @GetMapping("/")
    String start() {
        return "start";
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }
}
