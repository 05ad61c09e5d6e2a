package io.contacthub.descriptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the hub needs to know about one channel, declared by the channel (a {@code @Bean} in its
 * package, or built from its configuration). The core, the console and the notifications read this
 * instead of naming channels.
 *
 * @param name          the channel's name in {@code inbound_message.channel}, upper case ({@code EMAIL})
 * @param labelZh       what staff and customers read in Chinese
 * @param labelEn       ... and in English
 * @param colour        the console badge's text colour and background, CSS hex ({@code #1f4fbf}, {@code #e6efff})
 * @param identityKinds the identity kinds its senders have ({@link IdentityKind#name()}), most telling first
 * @param answer        how a customer who wrote on this channel is answered
 * @param sameSenderWindow threading hint: a contact joins the same customer's open ticket on this channel
 *                      whose last contact lies within this window (texts carry no reply headers); null = off
 * @param acknowledged  a contact on this channel that opens a ticket is acknowledged with its reference
 * @param filters       names of this channel's own inbound filters (beans whose {@code InboundFilter.general()} is
 *                      false), run after the hub's general ones, in this order
 * @param work          the heavy work processing a contact of this channel takes, so that a cluster hands it to
 *                      the nodes that do that work (faxes to the OCR nodes, voicemails to the speech nodes)
 */
public record ChannelDescriptor(String name, String labelZh, String labelEn, Colour colour, List<String> identityKinds,
                                Answer answer, Duration sameSenderWindow, boolean acknowledged,
                                List<String> filters, Work work) {

    /** What processing a contact of the channel mostly costs. */
    public enum Work {
        /** Parsing and understanding text (mail attachments may still be OCR'd on the way). */
        TEXT,
        /** Reading scanned pages with Tesseract. */
        OCR,
        /** Transcribing recordings. */
        SPEECH
    }

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,15}");
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    public ChannelDescriptor {
        checkName(name, "channel");
        Objects.requireNonNull(labelZh, "labelZh");
        Objects.requireNonNull(labelEn, "labelEn");
        colour = colour == null ? Colour.NEUTRAL : colour;
        identityKinds = identityKinds == null ? List.of() : List.copyOf(identityKinds);
        answer = answer == null ? Answer.elsewhere() : answer;
        if (sameSenderWindow != null && (sameSenderWindow.isZero() || sameSenderWindow.isNegative())) {
            sameSenderWindow = null;
        }
        filters = filters == null ? List.of() : List.copyOf(filters);
        work = work == null ? Work.TEXT : work;
    }

    static void checkName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name must be 1-16 upper-case letters, digits or _ starting with a letter: "
                    + name);
        }
    }

    public String label(boolean chinese) {
        return chinese ? labelZh : labelEn;
    }

    /** Badge colours: text and background. */
    public record Colour(String text, String background) {
        public static final Colour NEUTRAL = new Colour("#3a4a6b", "#eef2fb");

        public Colour {
            if (!HEX.matcher(text).matches() || !HEX.matcher(background).matches()) {
                throw new IllegalArgumentException("colours are #rrggbb: " + text + ", " + background);
            }
        }
    }

    /**
     * How the hub writes back to a customer who contacted it on this channel.
     *
     * @param outbound  the outbox channel that carries the answer ({@code EMAIL}, {@code SMS}, {@code VOICE}, or one a
     *                  channel adds with its own sender); null = this channel cannot carry answers and the customer is
     *                  answered on another channel they can be reached on (e-mail first, then text)
     * @param addressed the identity kinds an answer on {@code outbound} is addressed to (e-mail → EMAIL, SMS → PHONE)
     */
    public record Answer(String outbound, List<String> addressed) {

        public Answer {
            if (outbound != null) {
                checkName(outbound, "outbound channel");
                if (addressed == null || addressed.isEmpty()) {
                    throw new IllegalArgumentException("answers on " + outbound + " need the identity kinds they are addressed to");
                }
            }
            addressed = addressed == null ? List.of() : List.copyOf(addressed);
        }

        public static Answer on(String outbound, String... addressedKinds) {
            return new Answer(outbound, List.of(addressedKinds));
        }

        /** The channel cannot write back (a browser, a fax machine): answer on another channel. */
        public static Answer elsewhere() {
            return new Answer(null, List.of());
        }

        public boolean byItself() {
            return outbound != null;
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private String labelZh;
        private String labelEn;
        private Colour colour;
        private final List<String> kinds = new ArrayList<>();
        private Answer answer;
        private Duration window;
        private boolean acknowledged;
        private final List<String> filters = new ArrayList<>();
        private Work work;

        private Builder(String name) {
            this.name = name;
        }

        public Builder labels(String zh, String en) {
            this.labelZh = zh;
            this.labelEn = en;
            return this;
        }

        public Builder colour(String text, String background) {
            this.colour = new Colour(text, background);
            return this;
        }

        public Builder identityKinds(String... kinds) {
            this.kinds.addAll(List.of(kinds));
            return this;
        }

        public Builder answeredOn(String outbound, String... addressedKinds) {
            this.answer = Answer.on(outbound, addressedKinds);
            return this;
        }

        public Builder answeredElsewhere() {
            this.answer = Answer.elsewhere();
            return this;
        }

        public Builder sameSenderWindow(Duration window) {
            this.window = window;
            return this;
        }

        public Builder acknowledged(boolean acknowledged) {
            this.acknowledged = acknowledged;
            return this;
        }

        public Builder filters(String... names) {
            this.filters.addAll(List.of(names));
            return this;
        }

        public Builder work(Work work) {
            this.work = work;
            return this;
        }

        public ChannelDescriptor build() {
            return new ChannelDescriptor(name, labelZh == null ? name : labelZh, labelEn == null ? name : labelEn, colour, kinds,
                    answer, window, acknowledged, filters, work);
        }
    }
}
