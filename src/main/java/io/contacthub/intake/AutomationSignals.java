package io.contacthub.intake;

/**
 * What a message says about having been sent by a machine rather than a person. Channels fill in
 * what their transport carries; the inbound filters decide.
 *
 * @param autoSubmitted  the Auto-Submitted header (RFC 3834), e.g. {@code auto-replied}
 * @param precedence     the Precedence header, e.g. {@code bulk}, {@code list}, {@code junk}
 * @param autoReplyHeader an X-Autoreply / X-Autorespond / X-Auto-Response-Suppress style marker
 * @param returnPath     the Return-Path; {@code <>} is the null sender of bounces
 * @param listId         the List-Id header of a mailing list
 * @param reportType     the report-type of a multipart/report (delivery-status = bounce)
 */
public record AutomationSignals(String autoSubmitted, String precedence, String autoReplyHeader,
                                String returnPath, String listId, String reportType) {

    public static final AutomationSignals NONE = new AutomationSignals(null, null, null, null, null, null);
}
