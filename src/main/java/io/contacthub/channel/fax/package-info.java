/**
 * Where a fax becomes a message: Twilio fax webhooks, a local spool folder and mail from
 * fax-to-email gateways; pages read by OCR and form fields read. A channel module: it uses the core and no other channel.
 */
@ApplicationModule(displayName = "Fax channel")
package io.contacthub.channel.fax;

import org.springframework.modulith.ApplicationModule;
