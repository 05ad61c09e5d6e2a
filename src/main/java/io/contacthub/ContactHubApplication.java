package io.contacthub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ContactHubApplication {

    public static void main(String[] args) {
        // Headers of real mail carry raw UTF-8 (RFC 6532) and encoded words split mid-character;
        // these must be set before Jakarta Mail reads its configuration.
        System.setProperty("mail.mime.allowutf8", "true");
        System.setProperty("mail.mime.decodetext.strict", "false");
        System.setProperty("mail.mime.address.strict", "false");
        System.setProperty("mail.mime.parameters.strict", "false");
        System.setProperty("mail.mime.base64.ignoreerrors", "true");
        SpringApplication.run(ContactHubApplication.class, args);
    }
}
