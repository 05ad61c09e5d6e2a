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
 * @param hubNotification the X-Contact-Hub-Notification header: the message is (a copy of) one the hub sent
 */
public record AutomationSignals(String autoSubmitted, String precedence, String autoReplyHeader,
                                String returnPath, String listId, String reportType, String hubNotification) {

    public static final AutomationSignals NONE = new AutomationSignals(null, null, null, null, null, null, null);

    public AutomationSignals(String autoSubmitted, String precedence, String autoReplyHeader,
                             String returnPath, String listId, String reportType) {
        this(autoSubmitted, precedence, autoReplyHeader, returnPath, listId, reportType, null);
    }
}
