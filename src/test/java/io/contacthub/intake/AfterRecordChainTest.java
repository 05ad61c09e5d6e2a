package io.contacthub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The after-record chain runs the steps hub.pipeline.after-record lists, in that order, passing typed results. */
class AfterRecordChainTest {

    private final List<String> ran = new ArrayList<>();

    record Found(String what) {
    }

    record Told(boolean customerTold) implements TellsCustomer {
    }

    private AfterRecordStep step(String name, Object result) {
        return new AfterRecordStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object apply(RecordedContact contact, EarlierResults earlier) {
                ran.add(name + (earlier.get(Found.class).map(f -> "<" + f.what()).orElse("")) + (earlier.customerTold() ? "!" : ""));
                return result;
            }
        };
    }

    private static RecordedContact contact() {
        return new RecordedContact(1, "WEB", 2L, "CH-000002", true, 3L, null, "en",
                new ParsedContent("s", "b", null, null, null, null, null, null, null, null), "GENERAL", false, null);
    }

    @Test
    void stepsRunInTheDeclaredOrderNotTheBeanOrder() {
        AfterRecordChain chain = new AfterRecordChain(List.of(step("b", null), step("a", null), step("c", null)),
                new PipelineSettings(List.of("c", "a", "b"), List.of()));

        chain.run(contact());

        assertThat(ran).containsExactly("c", "a", "b");
        assertThat(chain.names()).containsExactly("c", "a", "b");
    }

    @Test
    void laterStepsReadEarlierResultsByTypeAndKnowWhenTheCustomerWasTold() {
        AfterRecordChain chain = new AfterRecordChain(List.of(step("reader", new Found("form")), step("notice", new Told(true)),
                step("ack", null)), new PipelineSettings(List.of("reader", "notice", "ack"), List.of()));

        EarlierResults results = chain.run(contact());

        assertThat(ran).containsExactly("reader", "notice<form", "ack<form!");
        assertThat(results.get(Found.class)).contains(new Found("form"));
        assertThat(results.customerTold()).isTrue();
    }

    @Test
    void aListedStepNoBeanProvidesStopsTheStart() {
        assertThatThrownBy(() -> new AfterRecordChain(List.of(step("a", null)),
                new PipelineSettings(List.of("a", "order-requets"), List.of())))
                .hasMessageContaining("order-requets").hasMessageContaining("no bean provides");
    }

    @Test
    void aStepBeanListedNowhereStopsTheStartSoItIsNeverSkippedUnnoticed() {
        assertThatThrownBy(() -> new AfterRecordChain(List.of(step("a", null), step("new-step", null)),
                new PipelineSettings(List.of("a"), List.of())))
                .hasMessageContaining("new-step").hasMessageContaining("hub.pipeline.off");
    }

    @Test
    void aStepSwitchedOffByNameDoesNotRun() {
        AfterRecordChain chain = new AfterRecordChain(List.of(step("a", null), step("b", null)),
                new PipelineSettings(List.of("a"), List.of("b")));

        chain.run(contact());

        assertThat(ran).containsExactly("a");
    }

    @Test
    void aStepNamedTwiceInTheListIsRefused() {
        assertThatThrownBy(() -> new PipelineSettings(List.of("a", "a"), List.of())).hasMessageContaining("twice");
        assertThatThrownBy(() -> new PipelineSettings(List.of("a"), List.of("a"))).hasMessageContaining("both");
    }
}
