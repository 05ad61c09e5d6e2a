package io.contacthub.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog of channels and identity kinds, as the channels declare them. */
class ChannelCatalogTest {

    private static final IdentityKind EMAIL = IdentityKind.of("EMAIL", "电子邮件", "E-mail", v -> Optional.of(v.toLowerCase(Locale.ROOT)));
    private static final IdentityKind PHONE = IdentityKind.of("PHONE", "电话", "Phone", Optional::of);
    private static final IdentityKind BUYER = IdentityKind.opaque("SHOP_BUYER", "买家", "Buyer", 64);

    private static ChannelDescriptor mail() {
        return ChannelDescriptor.builder("EMAIL").labels("电子邮件", "E-mail").identityKinds("EMAIL").answeredOn("EMAIL", "EMAIL")
                .acknowledged(true).build();
    }

    private static ChannelDescriptor shop() {
        return ChannelDescriptor.builder("SHOP").labels("商城", "Shop").colour("#000000", "#ffffff").identityKinds("SHOP_BUYER")
                .answeredOn("SHOP", "SHOP_BUYER").build();
    }

    private static ChannelDescriptor web() {
        return ChannelDescriptor.builder("WEB").labels("网站留言", "Web").identityKinds("EMAIL", "PHONE").answeredElsewhere().build();
    }

    @Test
    void outboundChannelsAndWhoTheyReachComeFromTheDescriptors() {
        ChannelCatalog catalog = new ChannelCatalog(List.of(mail(), web(), shop()), List.of(EMAIL, PHONE, BUYER));

        assertThat(catalog.names()).containsExactly("EMAIL", "WEB", "SHOP");
        assertThat(catalog.outbound()).extracting(ChannelCatalog.Outbound::name).containsExactly("EMAIL", "SHOP");
        assertThat(catalog.reachableOn(List.of("SHOP_BUYER"))).containsExactly("SHOP");
        assertThat(catalog.reachableOn(List.of("PHONE"))).isEmpty();
        assertThat(catalog.answerOn("WEB")).as("a browser cannot be written back to").isEmpty();
        assertThat(catalog.answerOn("shop")).map(ChannelDescriptor.Answer::outbound).contains("SHOP");
        assertThat(catalog.label("SHOP", Locale.CHINESE)).isEqualTo("商城");
        assertThat(catalog.label("SHOP", Locale.ENGLISH)).isEqualTo("Shop");
        assertThat(catalog.label("GONE", Locale.ENGLISH)).as("a channel since removed shows as stored").isEqualTo("GONE");
        assertThat(catalog.badgeStylesheet()).contains(".badge.SHOP { color: #000000; background: #ffffff; }");
    }

    @Test
    void aChannelNamingAnUnregisteredIdentityKindStopsTheStart() {
        assertThatThrownBy(() -> new ChannelCatalog(List.of(shop()), List.of(EMAIL)))
                .hasMessageContaining("SHOP_BUYER").hasMessageContaining("no part of the hub registers");
    }

    @Test
    void aChannelDeclaredTwiceStopsTheStart() {
        assertThatThrownBy(() -> new ChannelCatalog(List.of(mail(), mail()), List.of(EMAIL)))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> new ChannelCatalog(List.of(), List.of(EMAIL, EMAIL))).hasMessageContaining("registered twice");
    }

    @Test
    void namesAndColoursThatWouldBreakTheDatabaseOrTheStylesheetAreRefused() {
        assertThatThrownBy(() -> ChannelDescriptor.builder("web").build()).hasMessageContaining("upper-case");
        assertThatThrownBy(() -> ChannelDescriptor.builder("A_NAME_LONGER_THAN_16").build()).hasMessageContaining("1-16");
        assertThatThrownBy(() -> ChannelDescriptor.builder("X").colour("red;}body{", "#ffffff").build())
                .hasMessageContaining("#rrggbb");
        assertThatThrownBy(() -> ChannelDescriptor.builder("X").answeredOn("X").build()).hasMessageContaining("identity kinds");
    }

    @Test
    void opaqueIdentitiesAreTrimmedBoundedAndFreeOfControlCharacters() {
        assertThat(BUYER.normalize("  b-42 ")).contains("b-42");
        assertThat(BUYER.normalize("x".repeat(65))).isEmpty();
        assertThat(BUYER.normalize("a\u0000b")).isEmpty();
        assertThat(BUYER.normalize("   ")).isEmpty();
    }
}
