package io.contacthub.notify;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders notification bodies from Thymeleaf TEXT templates under
 * {@code classpath:templates/notify/<template>_<language>.txt} (zh | en; anything else: en); SMS and
 * calls use the short variant {@code <template>_short_<language>.txt} where one exists.
 */
@Component
public class NotificationTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine(); // SpEL expressions
    private final java.util.Map<String, Boolean> shortExists = new java.util.concurrent.ConcurrentHashMap<>();

    public NotificationTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/notify/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    public static String language(String language) {
        return "zh".equalsIgnoreCase(language) ? "zh" : "en";
    }

    /**
     * The text for an SMS or a call: {@code <template>_short_<language>.txt} when there is one (a
     * text message should fit one or two segments), else the full e-mail text.
     */
    public String renderShort(String template, String language, Map<String, Object> variables) {
        String shortName = template + "_short";
        // Looked up once per template and language: every SMS and call renders through here.
        boolean exists = shortExists.computeIfAbsent(shortName + "_" + language(language), name ->
                NotificationTemplates.class.getClassLoader().getResource("templates/notify/" + name + ".txt") != null);
        return render(exists ? shortName : template, language, variables).strip();
    }

    public String render(String template, String language, Map<String, Object> variables) {
        String lang = language(language);
        Context context = new Context(Locale.forLanguageTag(lang));
        context.setVariables(variables);
        return engine.process(template + "_" + lang, context);
    }
}
