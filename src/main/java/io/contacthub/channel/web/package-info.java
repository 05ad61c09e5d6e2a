/**
 * Where a web message becomes a message: {@code POST /api/messages}, its payload
 * ({@link io.contacthub.channel.web.WebMessageRequest}) and mapper, and the parser of what was stored. A channel
 * module: it uses the core and no other channel. The customer portal is its second door and uses the payload and
 * the mapper (declared in {@code web.portal}'s module).
 */
@ApplicationModule(displayName = "Web channel")
package io.contacthub.channel.web;

import org.springframework.modulith.ApplicationModule;
