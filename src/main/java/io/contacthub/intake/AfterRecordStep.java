package io.contacthub.intake;

/**
 * One step of the chain that runs after a contact is recorded, inside the transaction that records
 * it (so an outbox row or a hand-off commits or rolls back with the contact). The chain's order is
 * declared in one place, {@code hub.pipeline.after-record} ({@link AfterRecordChain}); a step bean
 * that is not listed there, or a listed name no bean has, stops the start.
 *
 * <p>A step reads what earlier steps found from their typed results ({@link EarlierResults}), never
 * from what they wrote to the database, and returns its own result (a record) for the steps after
 * it, or null. A step that told the customer something returns a result that is {@link TellsCustomer}.
 * Steps also run again when late work changes a contact ({@link RecordedContact#rerun()}); each must
 * then add only what is new.
 */
public interface AfterRecordStep {

    /** Its name in {@code hub.pipeline.after-record}, lower-case words joined by '-', e.g. {@code order-request}. */
    String name();

    /** @return this step's result for later steps, or null when it has nothing to pass on */
    Object apply(RecordedContact contact, EarlierResults earlier);
}
