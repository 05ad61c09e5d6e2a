/**
 * The tracking system: answers to tracking questions from the recorded contacts, and
 * {@link io.contacthub.backoffice.tracking.WaybillStatusLookup} for one waybill while a caller waits. Offered as the named
 * interface {@code backoffice::tracking}; its one user outside the back office is the voice channel's IVR, which
 * declares it.
 */
@NamedInterface("tracking")
package io.contacthub.backoffice.tracking;

import org.springframework.modulith.NamedInterface;
