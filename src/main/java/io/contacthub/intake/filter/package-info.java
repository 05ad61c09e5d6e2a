/**
 * The inbound filters that run before threading, in a fixed, visible order. Their contract,
 * {@link io.contacthub.intake.filter.InboundFilter}, is the only public type here and is offered as the named interface
 * {@code intake::filter}: a feature with a loop of its own to stop (notify: the hub's own notifications coming back)
 * implements it.
 */
@NamedInterface("filter")
package io.contacthub.intake.filter;

import org.springframework.modulith.NamedInterface;
