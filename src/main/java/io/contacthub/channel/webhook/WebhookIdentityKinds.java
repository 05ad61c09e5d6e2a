package io.contacthub.channel.webhook;

import io.contacthub.descriptor.IdentityKind;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the identity kind each webhook source declares ({@code hub.webhook-in.sources.<source>.identity-kind}
 * with {@code identity-labels}) as an {@link IdentityKind} bean, so the channel catalog, the customer directory and the
 * console know it like the built-in ones: opaque ids, trimmed, at most {@value WebhookMapper#MAX_ID_CHARS} characters,
 * compared exactly. How many there are is configuration, hence a registrar rather than {@code @Bean} methods; the
 * settings themselves are checked by {@link WebhookSettings} (an entry this cannot use is left to it to refuse).
 */
class WebhookIdentityKinds implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,15}");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** The part of a source this needs. */
    record Declared(String identityKind, WebhookSettings.Labels identityLabels) {
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Declared> sources = Binder.get(environment)
                .bind(WebhookSettings.PREFIX + ".sources", Bindable.mapOf(String.class, Declared.class))
                .orElse(Map.of());
        sources.values().forEach(source -> {
            WebhookSettings.Labels labels = source.identityLabels();
            String kind = source.identityKind() == null ? "" : source.identityKind().trim().toUpperCase(Locale.ROOT);
            if (labels == null || labels.zh() == null || labels.en() == null || !KIND.matcher(kind).matches()
                    || WebhookSettings.BUILT_IN_KINDS.contains(kind)) {
                return;
            }
            String bean = "webhookIdentityKind" + kind;
            if (!registry.containsBeanDefinition(bean)) { // named by two sources: WebhookSettings refuses that
                String zh = labels.zh().strip();
                String en = labels.en().strip();
                registry.registerBeanDefinition(bean, new RootBeanDefinition(IdentityKind.class,
                        () -> IdentityKind.opaque(kind, zh, en, WebhookMapper.MAX_ID_CHARS)));
            }
        });
    }
}
