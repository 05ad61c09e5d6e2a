/**
 * Work the hub does later, and again until it works: notifications (notify), back-office hand-offs
 * (backoffice) and the catch-up of faxes and voicemails that waited for Tesseract or a speech
 * model. One back-off rule ({@link io.contacthub.deferred.RetryPolicy}) with a horizon per kind,
 * one claim protocol for rows kept in the features' own tables ({@link io.contacthub.deferred.WorkQueue}),
 * and item locks that hold across hub instances for the catch-up jobs
 * ({@link io.contacthub.deferred.ItemLocks}). Each feature keeps its table and its end states;
 * nothing here knows what a notification or a hand-off is.
 */
@ApplicationModule(displayName = "Deferred work")
package io.contacthub.deferred;

import org.springframework.modulith.ApplicationModule;
