/**
 * Where a letter, a walk-in visit, a phone call outside Twilio or a staff note becomes a message: the console's
 * letter form (staff only), the customer lookup staff vouch from, the mapper, the parser that OCRs the scan like a
 * fax, the {@code letter-details} after-record step, and the scans that waited for Tesseract. A channel module: it
 * uses the core and no other channel.
 */
@ApplicationModule(displayName = "Letter channel")
package io.contacthub.channel.letter;

import org.springframework.modulith.ApplicationModule;
