package io.contacthub.channel.fax;

import io.contacthub.http.ApiProblem;
import com.twilio.twiml.FaxResponse;
import com.twilio.twiml.fax.Receive;
import io.contacthub.intake.InboundMessage;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioWebhookFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import io.contacthub.intake.WebhookIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /twilio/fax}, the fax provider's webhook in Twilio's shape (signature already checked by
 * {@link TwilioWebhookFilter}):
 * <ul>
 *   <li>the offer of an incoming fax (no MediaUrl yet, FaxStatus absent or receiving): answered with
 *       {@code <Receive action="/twilio/fax" mediaType="image/tiff"/>}, so the provider calls back here once the fax is in;</li>
 *   <li>the received fax (FaxStatus=received, FaxSid, From, To, NumPages, MediaUrl): committed keyed by
 *       FaxSid and answered 204; the download and OCR run on the processing queue;</li>
 *   <li>a failed reception (FaxStatus=failed, no-answer...): answered 200 and stored nowhere: there is
 *       no document to keep.</li>
 * </ul>
 */
@RestController
class FaxWebhookController {

    static final String PATH = "/twilio/fax";
    private static final Logger log = LoggerFactory.getLogger(FaxWebhookController.class);

    private final FaxMapper mapper;
    private final WebhookIntake intake;

    FaxWebhookController(FaxMapper mapper, WebhookIntake intake) {
        this.mapper = mapper;
        this.intake = intake;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> fax(HttpServletRequest request) {
        Map<String, List<String>> params = TwilioWebhookFilter.verifiedParams(request);
        String status = FormBody.first(params, "FaxStatus");
        String mediaUrl = FormBody.first(params, "MediaUrl");
        String faxSid = FormBody.first(params, "FaxSid");
        if ((status == null || status.trim().equalsIgnoreCase("receiving")) && (mediaUrl == null || mediaUrl.isBlank())) {
            // TIFF keeps the fax as transmitted (G4), instead of a PDF wrapped around it.
            String twiml = new FaxResponse.Builder()
                    .receive(new Receive.Builder().action(PATH).mediaType(Receive.MediaType.IMAGE_TIFF).build())
                    .build().toXml();
            return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(twiml);
        }
        if (status != null && !status.trim().equalsIgnoreCase("received")) {
            log.info("fax {} from {}: status {} (error {}), nothing to keep", faxSid, FormBody.first(params, "From"), status,
                    FormBody.first(params, "ErrorCode"));
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("ignored: fax status " + status.trim());
        }
        InboundMessage fax;
        try {
            fax = mapper.webhook(TwilioWebhookFilter.verifiedBody(request), params);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "not a fax callback: " + e.getMessage());
        }
        intake.commit("direct:fax-in", fax); // committed before the answer, also while the node starts or stops
        return ResponseEntity.noContent().build();
    }
}
