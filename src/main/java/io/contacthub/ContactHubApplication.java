package io.contacthub;

import io.contacthub.channel.email.MailLeniency;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ContactHubApplication {

    public static void main(String[] args) {
        // Before anything loads Jakarta Mail: it reads these once.
        MailLeniency.apply();
        SpringApplication.run(ContactHubApplication.class, args);
    }
}
