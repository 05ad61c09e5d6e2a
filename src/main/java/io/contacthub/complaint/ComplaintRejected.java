package io.contacthub.complaint;

/** Why a staff request on complaints was refused; the controllers answer with the matching HTTP status. */
public class ComplaintRejected extends RuntimeException {

    enum Kind {
        INVALID(400), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    ComplaintRejected(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    static ComplaintRejected invalid(String message) {
        return new ComplaintRejected(Kind.INVALID, message);
    }

    static ComplaintRejected notFound(String message) {
        return new ComplaintRejected(Kind.NOT_FOUND, message);
    }

    static ComplaintRejected conflict(String message) {
        return new ComplaintRejected(Kind.CONFLICT, message);
    }
}
