/**
 * The core of the hub: {@code InboundMessage}, the receive / process stages every channel ends in,
 * stored messages, replay and recovery. The inbound filters' contract ({@code intake.filter.InboundFilter}) is offered as
 * the named interface {@code filter}, for features that filter their own kind of mail (notify's own-notification loop).
 */
@ApplicationModule(displayName = "Intake")
package io.contacthub.intake;

import org.springframework.modulith.ApplicationModule;
