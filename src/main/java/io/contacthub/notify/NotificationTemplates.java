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
 * {@code classpath:templates/notify/<template>_<language>.txt} (zh | en; anything else: en).
 */
@Component
public class NotificationTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine(); // SpEL expressions

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

    public String render(String template, String language, Map<String, Object> variables) {
        String lang = language(language);
        Context context = new Context(Locale.forLanguageTag(lang));
        context.setVariables(variables);
        return engine.process(template + "_" + lang, context);
    }
}
