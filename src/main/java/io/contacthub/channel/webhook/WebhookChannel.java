package io.contacthub.channel.webhook;

import io.contacthub.descriptor.ChannelDescriptor;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The generic inbound webhook channel: an integrator's system (a marketplace, a chat app, a carrier's exception feed)
 * posts signed JSON to {@code /webhooks/in/<source>}. Its senders are identities of each source's kind (declared by
 * the source, {@link WebhookIdentityKinds}, or one the hub has), proven by the source's signature; answers to them
 * are POSTed to the source's reply-url ({@link WebhookReplySender}). With no source configured the channel still
 * exists (the console lists it, earlier messages keep their label) and every post answers 404.
 */
@Configuration(proxyBeanMethods = false)
@Import(WebhookIdentityKinds.class)
class WebhookChannel {

    @Bean
    ChannelDescriptor webhookChannelDescriptor(WebhookSettings settings) {
        List<String> kinds = settings.sources().values().stream().map(WebhookSettings.Source::identityKind).distinct().toList();
        // Only kinds the webhook sources declare are answered by a post: an e-mail address or phone number a
        // source vouches for is answered by mail or text, never handed to that source's system.
        List<String> answered = settings.sources().values().stream().filter(WebhookSettings.Source::answersByPost)
                .map(WebhookSettings.Source::identityKind).distinct().toList();
        ChannelDescriptor.Builder channel = ChannelDescriptor.builder(WebhookMapper.CHANNEL)
                .labels("第三方接入", "Webhook")
                .colour("#5b2a86", "#f3ebfa")
                .identityKinds(kinds.toArray(String[]::new))
                .sameSenderWindow(settings.threadWindow().isZero() ? null : settings.threadWindow())
                .acknowledged(settings.acknowledge());
        if (answered.isEmpty()) {
            channel.answeredElsewhere();
        } else {
            channel.answeredOn(WebhookMapper.CHANNEL, answered.toArray(String[]::new));
        }
        return channel.build();
    }

    /**
     * The channel's own door, like Twilio's: no sign-in, no session, no CSRF, because every post is authenticated by
     * its source's signature in {@link WebhookController}. Any other spelling of the path falls to the console's
     * chain and needs a staff sign-in.
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhookPosts(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/in/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
