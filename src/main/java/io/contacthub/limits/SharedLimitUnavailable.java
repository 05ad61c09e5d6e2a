package io.contacthub.limits;

/** The shared limit could not be asked in time (database down, slow or overloaded): the caller must decide without it. */
public class SharedLimitUnavailable extends RuntimeException {

    SharedLimitUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
