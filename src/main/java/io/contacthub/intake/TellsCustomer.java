package io.contacthub.intake;

/**
 * A step's result saying whether the step queued something for the customer (a complaint notice
 * carries the ticket reference too, so the acknowledgement after it stays silent).
 */
public interface TellsCustomer {

    boolean customerTold();
}
