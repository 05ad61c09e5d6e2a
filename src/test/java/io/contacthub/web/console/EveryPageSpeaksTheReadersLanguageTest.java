package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contacthub.customer.CustomerSurveys;
import io.contacthub.customer.VerificationCodes;
import io.contacthub.descriptor.ChannelCatalog;
import io.contacthub.testsupport.FaxFixtures;
import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.MailFixtures;
import io.contacthub.testsupport.TestBackOffice;
import io.contacthub.testsupport.TestMailServer;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every console and portal page, as staff and customers open it in Chinese and in English, with content on it: a
 * ticket with contacts from several channels, a reply and a note; a complaint case with its SLA clocks and steps; a
 * faxed order form the hub could not pass on (review reasons); a failed message; surveys; a member with a ticket and
 * a waybill. The list of pages comes from the hub's own GET handlers that render a view, so a new page is walked
 * without anyone adding it here (or the test says it does not know how to open it).
 *
 * <p>A page fails when it shows a message key without a translation (Thymeleaf's {@code ??key_zh_CN??}), a raw code
 * of the hub's (an enum constant, a status, intent, channel or identity code) as text, or, in Chinese, an English
 * word. What the page shows as data (what customers, staff and outside systems wrote; names, numbers, addresses) is
 * taken out first, by the selectors and patterns listed below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageSpeaksTheReadersLanguageTest extends HubIntegrationTest {

    private static final String MEMBER_PASSWORD = "member-password-1";

    /** GET pages this test does not open, and why. (None at present: every page is opened with content.) */
    private static final Map<String, String> SKIPPED = Map.of();

    /**
     * Elements whose text is data, not the hub's words: contact bodies and subjects, text read from files, names of
     * senders, staff and customers, numbers found, failure details of outside systems kept for the operator.
     */
    private static final List<String> DATA = List.of(
            ".timeline .body", ".timeline .subject", "#ticket-subject", "pre.extracted", ".timeline .who", ".topbar .who",
            "#failed td.wrap", "#failed td.reason", "#failed .small.muted", ".handoff-error", ".handoff-ref",
            "[data-survey] h2", "[data-survey] dd", "#claims a", "#participants .chip", "#identities li > span:nth-of-type(2)",
            ".file a", "#complaint-compensation span", "#complaint-resolution", "#step-currency",
            "#satisfaction-comment", "#rating-comment", ".waiting-chat .chat-name", ".chat-who",
            ".call-agent", "#live-agents td:first-child", "#live-calls td:first-child", "#live-calls td:last-child", "#live-chats td.data");

    /** Not words: references, numbers, e-mail and web addresses, zone ids and offsets, file types, settings' names. */
    private static final List<Pattern> NOT_WORDS = List.of(
            Pattern.compile("[\\w.+-]+@[\\w.-]+"), Pattern.compile("https?://\\S+"), Pattern.compile("\\[?#?CH-\\d+]?"),
            Pattern.compile("\\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/+-]+|\\bUTC\\b"),
            Pattern.compile("\\bGMT(?:[+-]\\d{1,2}(?::\\d{2})?)?"), Pattern.compile("\\b(?:application|image|text|audio|video)/[\\w.+-]+"),
            Pattern.compile("\\bhub\\.[\\w.-]+"), Pattern.compile("\\b(?:tesseract|tika|vosk|pp-ocrv4):\\S+"),
            Pattern.compile("[\\w+.-]+\\.(?:tif|tiff|pdf|png|jpe?g|wav|mp3|txt|bin)\\b"), Pattern.compile("\\b[A-Z]{2,4}\\d{6,}\\b"), Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z?"));

    /** Names that are no words to translate: the products the hub works with, and a language offered under its own name. */
    private static final Set<String> NAMES = Set.of("Twilio", "tika", "Tika", "tesseract", "Tesseract", "vosk", "Vosk", "English");

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z_]*[A-Za-z]|[A-Z]");
    private static final Pattern MISSING_KEY = Pattern.compile("\\?\\?[\\w.\\-]+_[A-Za-z]{2}(?:_[A-Za-z]{2})?\\?\\?");

    @Value("${local.server.port}")
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerSurveys surveys;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    io.contacthub.satisfaction.SurveyLinks surveyLinks;

    @Autowired
    ChannelCatalog channels;

    private final String marker = String.valueOf(10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    private final Map<String, List<String>> staffPages = new LinkedHashMap<>();
    private final Map<String, List<String>> memberPages = new LinkedHashMap<>();
    private final Map<String, List<String>> publicPages = new LinkedHashMap<>();
    /** Pages of a general customer who proved, with the code sent to them, that a ticket is theirs. */
    private final Map<String, List<String>> followerPages = new LinkedHashMap<>();
    private FormSession follower;
    private final Set<String> dataStrings = new HashSet<>();
    private String memberLogin;

    @BeforeAll
    void contentOnEveryPage() throws Exception {
        String email = "wang-" + marker + "@example.cn";
        String phone = "+86139" + marker;
        String waybill = "SF" + marker + "0123";
        // A web message, the same customer's e-mail on it, a staff reply and a note: contacts from several channels.
        String ref = readJson(postMessage("""
                {"name": "王芳", "email": "%s", "phone": "%s", "subject": "仓储入库预约%s",
                 "body": "你好，我想预约下周三的仓储入库，运单号 %s，订单号 SO%s。"}""".formatted(email, phone, marker, waybill, marker),
                null).getBody()).path("ticket").asText();
        assertThat(ref).startsWith("CH-");
        var mail = MailFixtures.mail().from(email).subject("回复：仓储入库 [#" + ref + "]").text("补充：一共十二托盘。");
        TestMailServer.deliver(TestMailServer.IMAP_USER, mail.build());
        awaitSettled("EMAIL", mail.messageId());
        FormSession admin = staff();
        admin.post("/console/tickets/" + ref + "/replies", Map.of("body", "您好，已为您预约周三上午入库。", "channel", ""), true);
        admin.post("/console/tickets/" + ref + "/notes", Map.of("body", "客户要求上午到仓。"), true);
        // A call an agent placed from the ticket, answered: its line on the timeline (the calls' own tests drive Twilio).
        jdbc.sql("""
                insert into voice_call (call_sid, direction, ticket_id, customer_number, agent, state, outcome, answered_at, ended_at,
                                        duration_seconds, created_by)
                select 'CA' || md5(random()::text), 'OUTBOUND', id, ?, 'admin', 'ENDED', 'ANSWERED', now(), now(), 65, 'admin'
                from ticket where ref = ?""").params(phone, ref).update();

        // A complaint case: opened by the hub, acknowledged by staff, its severity corrected.
        String complaintRef = readJson(postMessage("""
                {"name": "李先生", "email": "li-%s@example.cn", "subject": "投诉货物损坏%s",
                 "body": "你们送来的两箱货物外箱破损，里面的瓷器损坏了。我要投诉，请处理并赔偿。"}""".formatted(marker, marker),
                null).getBody()).path("ticket").asText();
        JsonNode complaint = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = http.withBasicAuth("admin", ADMIN_PASSWORD).getForEntity("/api/tickets/" + complaintRef + "/complaint", String.class);
            return r.getStatusCode().value() == 200 ? readJson(r.getBody()) : null;
        }, c -> c != null);
        long caseId = complaint.at("/complaint/id").asLong(complaint.path("id").asLong());
        admin.post("/console/tickets/" + complaintRef + "/complaint/" + caseId + "/steps",
                Map.of("action", "ACKNOWLEDGE", "text", "已收到您的投诉，我们正在核实。"), true);
        admin.post("/console/tickets/" + complaintRef + "/complaint/" + caseId + "/change", Map.of("severity", "HIGH"), true);

        // A faxed consignment note without the delivery address and goods: the hub keeps the order for staff.
        String faxNumber = "+8620" + marker;
        List<String> form = FaxFixtures.CONSIGNMENT_NOTE_ZH.stream().filter(l -> !l.startsWith("收货地址") && !l.startsWith("货物名称")).toList();
        byte[] tiff = FaxFixtures.g4Tiff(List.of(FaxFixtures.finePage(form, 13)), 204, 196);
        Files.createDirectories(FAX_SPOOL);
        Path temp = Files.createTempFile(FAX_SPOOL.getParent(), "fax", ".part");
        Files.write(temp, tiff);
        Files.move(temp, FAX_SPOOL.resolve(faxNumber + "_order.tif"), StandardCopyOption.ATOMIC_MOVE);
        JsonNode faxTicket = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (JsonNode hit : staffGet("/api/tickets?view=all&q=" + "20" + marker)) {
                        if (hit.path("channel").asText().equals("FAX") && !hit.path("reviewReason").isNull()
                                && hit.path("reviewReason").asText().contains("order request")) {
                            return hit;
                        }
                    }
                    return null;
                }, h -> h != null);

        // A message the hub could not take (too big): a failed message.
        byte[] big = new byte[MAX_MESSAGE_BYTES + 10_000];
        new java.util.Random(7).nextBytes(big);
        var oversize = MailFixtures.mail().from("big-" + marker + "@example.cn").subject("扫描件" + marker).text("见附件")
                .attach("scan.bin", "application/octet-stream", big);
        TestMailServer.deliver(TestMailServer.IMAP_USER, oversize.build());
        assertThat(awaitSettled("EMAIL", oversize.messageId()).path("status").asText()).isEqualTo("FAILED");

        // A survey waiting for staff, and a member (approved survey) with a tracking question about their waybill.
        surveys.submit(new CustomerSurveys.Answers("华东贸易有限公司", "赵敏", "zhao-" + marker + "@example.cn", "+8621" + marker,
                "上海", "电子产品批发", "200", "仓储、配送", "EMAIL", "希望每周对账", false, null, null));
        memberLogin = "member-" + marker;
        dataStrings.add(memberLogin); // a login name is data
        String memberEmail = memberLogin + "@example.cn";
        long memberSurvey = surveys.submit(new CustomerSurveys.Answers(null, "孙丽", memberEmail, null, "北京", null, null, null, "EMAIL",
                null, true, memberLogin, encoder.encode(MEMBER_PASSWORD)));
        surveys.markProven(memberSurvey, new VerificationCodes.Proved("EMAIL", memberEmail));
        surveys.approve(memberSurvey, "admin");
        String memberWaybill = "SF" + marker + "0456";
        TestBackOffice.shared().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(TestBackOffice.TRACKING + "/waybills/" + memberWaybill)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"status\": \"IN_TRANSIT\", \"location\": \"上海\"}")));
        var memberMail = MailFixtures.mail().from(memberEmail).subject("查询运单" + marker).text("请问我的包裹到哪里了？运单号 " + memberWaybill);
        TestMailServer.deliver(TestMailServer.IMAP_USER, memberMail.build());
        String memberRef = awaitSettled("EMAIL", memberMail.messageId()).path("ref").asText();
        var memberComplaint = MailFixtures.mail().from(memberEmail).subject("投诉包装破损" + marker)
                .text("收到的三箱货物包装破损，里面的玻璃杯碎了。我要投诉，请赔偿。");
        TestMailServer.deliver(TestMailServer.IMAP_USER, memberComplaint.build());
        String memberComplaintRef = awaitSettled("EMAIL", memberComplaint.messageId()).path("ref").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.withBasicAuth("admin", ADMIN_PASSWORD)
                .getForEntity("/api/tickets/" + memberComplaintRef + "/complaint", String.class).getStatusCode().value() == 200);
        long memberCustomer = jdbc.sql("select customer_id from ticket where ref = ?").param(memberRef).query(Long.class).single();
        long customer = jdbc.sql("select customer_id from ticket where ref = ?").param(ref).query(Long.class).single();

        // Customer master data, class and credit, follow-ups (issue 14): the customer page and the follow-up list with content.
        admin.post("/console/customers/" + customer + "/details", Map.of("company", "华东仓储有限公司", "industry", "电子产品",
                "province", "上海市", "city", "上海市"), true);
        admin.post("/console/customers/" + customer + "/contacts", Map.of("name", "王芳", "role", "物流主管"), true);
        admin.post("/console/customers/" + customer + "/addresses", Map.of("address", "上海市浦东新区张江路88号"), true);
        admin.post("/console/standing/recompute", Map.of("customer", String.valueOf(customer)), true);
        String soon = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                .format(java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).minusHours(1));
        admin.post("/console/tickets/" + ref + "/follow-ups", Map.of("dueAt", soon, "reason", "确认入库时间"), true);
        admin.post("/console/tickets/" + complaintRef + "/follow-ups", Map.of("dueAt", soon), true);
        long done = jdbc.sql("select id from follow_up where ticket_id = (select id from ticket where ref = ?)").param(complaintRef)
                .query(Long.class).single();
        admin.post("/console/follow-ups/" + done + "/attempts", Map.of("outcome", "REACHED", "satisfaction", "4", "note", "客户满意"), true);

        // Satisfaction (issue 14): a survey the member answered on the rating page, and one that could not be asked (a fax
        // customer has neither an e-mail address nor a number that takes texts).
        admin.post("/console/tickets/" + memberRef + "/status", Map.of("status", "RESOLVED", "note", ""), true);
        long rated = jdbc.sql("select s.id from satisfaction_survey s join ticket t on t.id = s.ticket_id where t.ref = ?")
                .param(memberRef).query(Long.class).single();
        String ratingPage = "/portal/rate/" + surveyLinks.token(rated);
        FormSession rater = new FormSession(port);
        rater.get(ratingPage);
        assertThat(rater.post(ratingPage, Map.of("score", "5", "comment", "送货很及时，谢谢"), true).statusCode()).isEqualTo(302);
        admin.post("/console/tickets/" + faxTicket.path("ref").asText() + "/status", Map.of("status", "RESOLVED", "note", ""), true);
        publicPages.put("/portal/rate/{token}", List.of(ratingPage, ratingPage + "?score=3"));

        // The pages, with what their path variables and parameters need.
        staffPages.put("/console", List.of("/console?q=" + marker, "/console?view=complaints&q=" + marker));
        staffPages.put("/console/queue/rows", List.of("/console/queue/rows?q=" + marker));
        staffPages.put("/console/tickets/{ref}", List.of("/console/tickets/" + ref, "/console/tickets/" + complaintRef,
                "/console/tickets/" + faxTicket.path("ref").asText(), "/console/tickets/" + memberRef));
        staffPages.put("/console/customers/{id}", List.of("/console/customers/" + customer, "/console/customers/" + memberCustomer));
        staffPages.put("/console/failed", List.of("/console/failed"));
        staffPages.put("/console/follow-ups", List.of("/console/follow-ups", "/console/follow-ups?view=all", "/console/follow-ups?view=done"));
        staffPages.put("/console/reports", List.of("/console/reports", "/console/reports?from=2026-11-01&to=2026-11-30"));
        staffPages.put("/console/surveys", List.of("/console/surveys", "/console/surveys?status=APPROVED", "/console/surveys?status=ALL"));
        staffPages.put("/console/staff", List.of("/console/staff"));
        staffPages.put("/console/staff/{username}", List.of("/console/staff/admin"));
        staffPages.put("/console/profile", List.of("/console/profile"));
        staffPages.put("/console/presence/bar", List.of("/console/presence/bar"));
        staffPages.put("/console/password", List.of("/console/password"));
        staffPages.put("/console/letters/new", List.of("/console/letters/new", "/console/letters/new?q=" + email));
        staffPages.put("/console/letters/lookup", List.of("/console/letters/lookup?q=" + email));
        publicPages.put("/", List.of("/"));
        publicPages.put("/login", List.of("/login"));
        publicPages.put("/portal", List.of("/portal"));
        publicPages.put("/portal/", List.of("/portal/"));
        publicPages.put("/portal/login", List.of("/portal/login"));
        publicPages.put("/portal/message", List.of("/portal/message"));
        publicPages.put("/portal/survey", List.of("/portal/survey"));
        publicPages.put("/portal/reset", List.of("/portal/reset"));
        memberPages.put("/portal/tickets", List.of("/portal/tickets"));
        memberPages.put("/portal/tickets/{ref}", List.of("/portal/tickets/" + memberRef));
        memberPages.put("/portal/waybills", List.of("/portal/waybills"));
        memberPages.put("/portal/complaints", List.of("/portal/complaints"));
        publicPages.put("/portal/follow", List.of("/portal/follow"));
        // Web chat (channel.chat): the portal's chat, the widget, the agents' chat page, and a chat ticket with its panel.
        publicPages.put("/portal/chat", List.of("/portal/chat"));
        publicPages.put("/chat/widget", List.of("/chat/widget"));
        memberPages.put("/portal/chat (member)", List.of("/portal/chat"));
        staffPages.put("/console/chats", List.of("/console/chats"));
        staffPages.put("/console/live", List.of("/console/live"));
        staffPages.put("/console/tickets/{ref} (chat)", List.of("/console/tickets/" + chatTicket()));
        followerPages.put("/portal/follow/ticket", List.of("/portal/follow/ticket"));
        follower = new FormSession(port);
        follower.get("/portal/follow");
        follower.post("/portal/follow", Map.of("reference", ref), true);
        assertThat(follower.post("/portal/follow/code", Map.of("code", io.contacthub.testsupport.VerificationMail.awaitCode(email, 0)), true)
                .headers().firstValue("Location").orElse("")).endsWith("/portal/follow/ticket");
    }

    /** A web chat line from a general customer: its ticket shows the agent's chat panel. */
    private String chatTicket() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        String token = readJson(http.postForEntity("/chat/api/conversations", new org.springframework.http.HttpEntity<>(
                "{\"name\": \"赵磊\", \"email\": \"zhao-" + marker + "@example.cn\", \"language\": \"zh\"}", headers),
                String.class).getBody()).path("token").asText();
        headers.setBearerAuth(token);
        return readJson(http.postForEntity("/chat/api/messages", new org.springframework.http.HttpEntity<>(
                "{\"clientId\": \"chat-" + marker + "\", \"text\": \"请问仓库周末开门吗？\"}", headers), String.class).getBody())
                .path("ticket").asText();
    }

    @Test
    void everyPageKnownToTheHubIsWalked() {
        Set<String> known = new TreeSet<>();
        known.addAll(staffPages.keySet());
        known.addAll(memberPages.keySet());
        known.addAll(publicPages.keySet());
        known.addAll(followerPages.keySet());
        known.addAll(SKIPPED.keySet());
        assertThat(known).as("a GET page this test does not open: add it to a page list (or to SKIPPED, with why)")
                .containsAll(viewPages());
    }

    @Test
    void theChinesePagesHaveNoUntranslatedKeyNoRawCodeAndNoEnglishWord() throws Exception {
        List<String> problems = walk("zh");
        assertThat(problems).as("on the Chinese pages").isEmpty();
    }

    @Test
    void theEnglishPagesHaveNoUntranslatedKeyAndNoRawCode() throws Exception {
        List<String> problems = walk("en");
        assertThat(problems).as("on the English pages").isEmpty();
    }

    private List<String> walk(String language) throws Exception {
        // Names are data wherever they show: staff accounts (assignee lists, the staff list, the top bar) and the
        // logins members asked for (other tests of the shared hub add theirs, so they are read now).
        jdbc.sql("select username, coalesce(display_name, ''), coalesce(team, '') from staff_user")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list()
                .forEach(dataStrings::addAll);
        dataStrings.addAll(jdbc.sql("select login from customer_survey where login is not null union select login from member_account")
                .query(String.class).list());
        Set<String> codes = rawCodes(language);
        Set<String> allowed = bundleAcronyms("/messages_zh.properties");
        List<String> problems = new ArrayList<>();
        FormSession staff = staff();
        FormSession member = new FormSession(port);
        assertThat(member.signIn("/portal/login", memberLogin, MEMBER_PASSWORD)).contains("/portal");
        FormSession visitor = new FormSession(port);
        int pages = 0;
        for (var group : List.of(Map.entry(staff, staffPages), Map.entry(member, memberPages), Map.entry(visitor, publicPages),
                Map.entry(follower, followerPages))) {
            for (List<String> urls : group.getValue().values()) {
                for (String url : urls) {
                    String withLanguage = url + (url.contains("?") ? "&" : "?") + "lang=" + language;
                    HttpResponse<String> page = group.getKey().get(withLanguage, "text/html");
                    pages++;
                    if (page.statusCode() != 200) {
                        problems.add(url + ": status " + page.statusCode());
                        continue;
                    }
                    check(url, page.body(), language, codes, allowed, problems);
                }
            }
        }
        assertThat(pages).isGreaterThan(25);
        return problems;
    }

    private void check(String url, String html, String language, Set<String> codes, Set<String> allowed, List<String> problems) {
        Matcher missing = MISSING_KEY.matcher(html);
        while (missing.find()) {
            problems.add(url + ": no translation for " + missing.group());
        }
        Document doc = Jsoup.parse(html);
        for (String selector : DATA) {
            doc.select(selector).forEach(Element::remove);
        }
        StringBuilder shown = new StringBuilder(doc.title()).append('\n').append(doc.body().text());
        for (Element e : doc.select("[title], [placeholder], [aria-label], [alt], [data-confirm], input[type=submit][value]")) {
            for (String attribute : List.of("title", "placeholder", "aria-label", "alt", "data-confirm", "value")) {
                if (e.hasAttr(attribute) && !(attribute.equals("value") && !e.attr("type").equals("submit"))) {
                    shown.append('\n').append(e.attr(attribute));
                }
            }
        }
        String text = shown.toString();
        for (Pattern notWord : NOT_WORDS) {
            text = notWord.matcher(text).replaceAll(" ");
        }
        for (String data : dataStrings) {
            if (data.length() > 1) {
                text = text.replace(data, " ");
            }
        }
        Set<String> raw = new LinkedHashSet<>();
        Set<String> english = new LinkedHashSet<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            String t = token.group();
            if (codes.contains(t)) {
                raw.add(t);
            } else if (language.equals("zh") && t.length() > 1 && !allowed.contains(t) && !NAMES.contains(t)) {
                english.add(t);
            }
        }
        if (!raw.isEmpty()) {
            problems.add(url + ": raw codes shown " + raw + context(text, raw));
        }
        if (!english.isEmpty()) {
            problems.add(url + ": English words on the Chinese page " + english + context(text, english));
        }
    }

    /** Where the first offending word stands, for the failure message. */
    private static String context(String text, Set<String> words) {
        String w = words.iterator().next();
        int at = text.indexOf(w);
        return " … «" + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60)).replaceAll("\\s+", " ") + "»";
    }

    /**
     * What must never show as text: every constant of the hub's enums, and the codes the hub stores as text (ticket,
     * case, hand-off and notification statuses, intents, priorities, channel and identity codes, customer and mention
     * kinds, staff roles, survey states), less the ones that are also words of the page's own language (e.g. "SMS",
     * which the English bundle itself writes).
     */
    private Set<String> rawCodes(String language) throws Exception {
        Set<String> codes = new TreeSet<>();
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter((reader, factory) -> "java.lang.Enum".equals(reader.getClassMetadata().getSuperClassName()));
        for (var candidate : scanner.findCandidateComponents("io.contacthub")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            for (Object constant : type.getEnumConstants()) {
                codes.add(((Enum<?>) constant).name());
            }
        }
        codes.addAll(List.of("OPEN", "PENDING", "RESOLVED", "CLOSED", "URGENT", "NORMAL", "QUEUED", "SENDING", "SENT", "UNCERTAIN",
                "DELIVERED", "REJECTED", "FAILED", "SUPPRESSED", "CANCELLED", "MEMBER", "GENERAL", "ORDER", "WAYBILL", "AGENT",
                "SUPERVISOR", "ADMIN", "NEW", "APPROVED", "ALL", "IN_TRANSIT", "PICKED_UP"));
        codes.addAll(channels.all().stream().map(c -> c.name()).toList());
        channels.kinds().forEach(k -> codes.add(k.name()));
        codes.removeIf(c -> c.length() < 2);
        Set<String> words = bundleAcronyms(language.equals("zh") ? "/messages_zh.properties" : "/messages.properties");
        channels.all().forEach(c -> words.add(c.label(language.equals("zh"))));
        channels.kinds().forEach(k -> words.add(k.label(language.equals("zh"))));
        codes.removeAll(words);
        return codes;
    }

    /** The upper-case words a bundle itself writes (SLA, OCR, SMS, PDF ...): part of the language, not raw codes. */
    private static Set<String> bundleAcronyms(String resource) throws Exception {
        Properties bundle = new Properties();
        try (InputStream in = EveryPageSpeaksTheReadersLanguageTest.class.getResourceAsStream(resource)) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<String> acronyms = new HashSet<>();
        Pattern upper = Pattern.compile("\\b[A-Z][A-Z0-9_]+\\b");
        for (String value : bundle.stringPropertyNames().stream().map(bundle::getProperty).toList()) {
            Matcher m = upper.matcher(value);
            while (m.find()) {
                acronyms.add(m.group());
            }
        }
        return acronyms;
    }

    /** The paths of the hub's GET handlers that render a page (a view name, not a body or a file). */
    private Set<String> viewPages() {
        Set<String> paths = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            HandlerMethod handler = e.getValue();
            Method method = handler.getMethod();
            Set<RequestMethod> verbs = info.getMethodsCondition().getMethods();
            boolean get = verbs.isEmpty() || verbs.contains(RequestMethod.GET);
            boolean view = method.getReturnType() == String.class
                    && AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Controller.class)
                    && !AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
                    && !AnnotatedElementUtils.hasAnnotation(method, ResponseBody.class);
            if (get && view) {
                paths.addAll(info.getPatternValues());
            }
        }
        paths.removeIf(p -> p.startsWith("/api/") || p.startsWith("/webhooks/") || p.equals("/error"));
        assertThat(paths).contains("/console", "/console/tickets/{ref}", "/portal/tickets");
        return paths;
    }

    private FormSession staff() throws Exception {
        FormSession admin = new FormSession(port);
        assertThat(admin.signIn("/login", "admin", ADMIN_PASSWORD)).endsWith("/console");
        return admin;
    }
}
