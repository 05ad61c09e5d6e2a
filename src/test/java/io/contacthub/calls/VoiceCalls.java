package io.contacthub.calls;

import static io.contacthub.testsupport.HubIntegrationTest.TWILIO_ACCOUNT_SID;
import static io.contacthub.testsupport.HubIntegrationTest.TWILIO_AUTH_TOKEN;

import io.contacthub.testsupport.TwilioRequests;
import io.contacthub.twilio.FormBody;
import io.contacthub.twilio.TwilioSignature;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Twilio's side of live calls for tests: webhooks signed as Twilio signs them, and TwiML read as XML. */
final class VoiceCalls {

    private final TestRestTemplate http;

    VoiceCalls(TestRestTemplate http) {
        this.http = http;
    }

    /** Standard call parameters Twilio sends with each request about a call. */
    static Map<String, String> call(String callSid, String from, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", callSid);
        params.put("AccountSid", TWILIO_ACCOUNT_SID);
        params.put("From", from);
        params.put("To", to);
        params.put("CallStatus", "in-progress");
        params.put("ApiVersion", "2010-04-01");
        params.put("Direction", "inbound");
        return params;
    }

    static Map<String, String> with(Map<String, String> params, String... pairs) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put(pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    ResponseEntity<String> post(String pathAndQuery, Map<String, String> params) {
        String form = TwilioRequests.form(params);
        String signature = TwilioSignature.compute(TWILIO_AUTH_TOKEN, http.getRootUri() + pathAndQuery,
                FormBody.parse(form.getBytes(StandardCharsets.UTF_8)));
        return post(pathAndQuery, form, signature);
    }

    ResponseEntity<String> post(String pathAndQuery, String form, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (signature != null) {
            headers.set(TwilioSignature.HEADER, signature);
        }
        return http.exchange(pathAndQuery, HttpMethod.POST, new HttpEntity<>(form.getBytes(StandardCharsets.UTF_8), headers),
                String.class);
    }

    static Element xml(String twiml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    /** The path and query of a URL the hub gave Twilio, relative ones as they are. */
    static String pathOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
