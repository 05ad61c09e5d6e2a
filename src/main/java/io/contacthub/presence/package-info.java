/**
 * Agent presence: whether each staff member takes calls now (available, busy, away), where they take them (a phone
 * number or a SIP address), and who has been free longest. Live calls and chat ask it who to offer a conversation to.
 */
@ApplicationModule(displayName = "Agent presence", allowedDependencies = {"customer", "config"})
package io.contacthub.presence;

import org.springframework.modulith.ApplicationModule;
