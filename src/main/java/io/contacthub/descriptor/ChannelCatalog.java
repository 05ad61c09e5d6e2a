package io.contacthub.descriptor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Every channel and identity kind the hub runs with, as their owners declared them. A channel named
 * twice, an identity kind named twice, or a channel whose senders or answers use an identity kind
 * nobody registered stops the start: a typo must not silently leave customers unidentified.
 */
@Component("channels")
public class ChannelCatalog {

    private final Map<String, ChannelDescriptor> channels = new LinkedHashMap<>();
    private final Map<String, IdentityKind> kinds = new LinkedHashMap<>();

    public ChannelCatalog(List<ChannelDescriptor> descriptors, List<IdentityKind> identityKinds) {
        for (IdentityKind kind : identityKinds) {
            if (kinds.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalStateException("identity kind " + kind.name() + " is registered twice");
            }
        }
        for (ChannelDescriptor d : descriptors) {
            if (channels.putIfAbsent(d.name(), d) != null) {
                throw new IllegalStateException("channel " + d.name() + " is declared twice");
            }
            for (String k : d.identityKinds()) {
                requireKind(d, k);
            }
            for (String k : d.answer().addressed()) {
                requireKind(d, k);
            }
        }
    }

    private void requireKind(ChannelDescriptor d, String kind) {
        if (!kinds.containsKey(kind)) {
            throw new IllegalStateException("channel " + d.name() + " names identity kind " + kind
                    + ", which no part of the hub registers (registered: " + String.join(", ", kinds.keySet()) + ")");
        }
    }

    /** In the order they were declared (the console lists them so). */
    public Collection<ChannelDescriptor> all() {
        return channels.values();
    }

    public List<String> names() {
        return List.copyOf(channels.keySet());
    }

    public Optional<ChannelDescriptor> find(String name) {
        return Optional.ofNullable(name == null ? null : channels.get(name.trim().toUpperCase(Locale.ROOT)));
    }

    public Optional<IdentityKind> kind(String name) {
        return Optional.ofNullable(name == null ? null : kinds.get(name.trim().toUpperCase(Locale.ROOT)));
    }

    public Collection<IdentityKind> kinds() {
        return kinds.values();
    }

    /** A channel's label in the reader's language; an unknown name (a channel since removed) as it is. */
    public String label(String channel, Locale locale) {
        boolean chinese = locale != null && "zh".equals(locale.getLanguage());
        return find(channel).map(d -> d.label(chinese)).orElse(channel == null ? "" : channel);
    }

    public String kindLabel(String kind, Locale locale) {
        boolean chinese = locale != null && "zh".equals(locale.getLanguage());
        return kind(kind).map(k -> k.label(chinese)).orElse(kind == null ? "" : kind);
    }

    /** How the hub answers on the channel's own outbound channel, or empty when it answers elsewhere. */
    public Optional<ChannelDescriptor.Answer> answerOn(String channel) {
        return find(channel).map(ChannelDescriptor::answer).filter(ChannelDescriptor.Answer::byItself);
    }

    /** One outbound channel the hub can write on and the identity kinds it addresses. */
    public record Outbound(String name, List<String> addressed) {
    }

    /** Every outbound channel some channel answers on, in declaration order. */
    public List<Outbound> outbound() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (ChannelDescriptor d : channels.values()) {
            if (d.answer().byItself()) {
                out.computeIfAbsent(d.answer().outbound(), k -> new LinkedHashSet<>()).addAll(d.answer().addressed());
            }
        }
        List<Outbound> list = new ArrayList<>();
        out.forEach((name, addressed) -> list.add(new Outbound(name, List.copyOf(addressed))));
        return list;
    }

    public Optional<Outbound> outbound(String name) {
        String wanted = name == null ? null : name.trim().toUpperCase(Locale.ROOT);
        return outbound().stream().filter(o -> o.name().equals(wanted)).findFirst();
    }

    /** The outbound channels a customer with identities of these kinds can be written to on. */
    public List<String> reachableOn(Collection<String> identityKinds) {
        return outbound().stream().filter(o -> o.addressed().stream().anyMatch(identityKinds::contains))
                .map(Outbound::name).toList();
    }

    /** Console badge colours, one rule per channel (served as a stylesheet: pages allow no inline style). */
    public String badgeStylesheet() {
        StringBuilder css = new StringBuilder();
        for (ChannelDescriptor d : channels.values()) {
            css.append(".badge.").append(d.name()).append(" { color: ").append(d.colour().text()).append("; background: ")
                    .append(d.colour().background()).append("; }\n");
        }
        return css.toString();
    }
}
