package io.contacthub.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.testsupport.HubIntegrationTest;
import io.contacthub.testsupport.TwilioRequests;
import io.contacthub.web.console.FormSession;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer's business details as staff see them on the customer page: the region of the number they text from,
 * what their approved survey said, the address in their order, staff corrections with who made them, and merges.
 */
class CustomerMasterDataTest extends HubIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerSurveys surveys;

    @Test
    void aTextFromAJiangsuMobileGivesTheCustomerItsProvinceAndCity() throws Exception {
        String from = "+861391234" + String.format("%04d", (int) (Math.random() * 10_000)); // the block 139 1234 is 常州's
        String sid = TwilioRequests.newSid("SM");
        assertThat(postTwilioSigned("/twilio/sms", sms(sid, from, "我的快递到哪了？")).getStatusCode().value()).isEqualTo(200);
        String ref = awaitSettled("SMS", sid).path("ref").asText();
        long customer = customerOf(ref);

        assertThat(region(staff(), customer, "zh")).isEqualTo("江苏省 常州市 (根据电话号码)");
        assertThat(region(staff(), customer, "en")).isEqualTo("Jiangsu 常州市 (from their phone number)");
        assertThat(history(customer)).extracting(c -> c.get("field") + "=" + c.get("new_value")).contains("region=江苏省 常州市");
    }

    @Test
    void aNumberTypedIntoAWebFormGivesNoRegion() {
        // Anyone can type anyone's number: a claimed number says nothing about where the customer is.
        String email = unique();
        String phone = io.contacthub.testsupport.TwilioRequests.newMobile(); // other tests' claimed numbers are not this one
        String ref = message("""
                {"name": "Ms Zhao", "email": "%s", "phone": "%s", "subject": "hi", "body": "hello"}""".formatted(email, phone));
        assertThat(jdbc.sql("select province from customer where id = ?").param(customerOf(ref)).query(String.class).optional()
                .orElse(null)).isNull();
    }

    @Test
    void anApprovedSurveyFillsCompanyIndustryRegionAndContactPersonAndOutranksThePhone() throws Exception {
        String email = unique();
        long survey = surveys.submit(new CustomerSurveys.Answers("深圳速达电子有限公司", "陈经理", email, null, "广东省深圳市",
                "电子产品", "500-1000", "快递", "EMAIL", null, false, null, null));
        long customer = surveys.approve(survey, "admin").customerId();

        Map<String, Object> row = jdbc.sql("select company, industry, province, city, region_source from customer where id = ?")
                .param(customer).query().singleRow();
        assertThat(row).containsEntry("company", "深圳速达电子有限公司").containsEntry("industry", "电子产品")
                .containsEntry("province", "广东省").containsEntry("city", "深圳市").containsEntry("region_source", "SURVEY");
        FormSession staff = staff();
        assertThat(region(staff, customer, "zh")).isEqualTo("广东省 深圳市 (根据信息调查表)");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(staff.get("/console/customers/" + customer + "?lang=zh").body());
        assertThat(page.select("#details-company").text()).isEqualTo("深圳速达电子有限公司");
        assertThat(page.select("#contact-persons li").text()).contains("陈经理");

        // A proven number from elsewhere later does not override what the customer said.
        jdbc.sql("insert into customer_identity (customer_id, kind, value, provenance) values (?, 'PHONE', ?, 'OBSERVED')")
                .params(customer, "+86139123" + String.format("%05d", (int) (Math.random() * 100_000))).update();
        inTransaction(() -> masterData.regionFromNumber(customer, "PHONE", "+8613912345678"));
        assertThat(jdbc.sql("select province from customer where id = ?").param(customer).query(String.class).single()).isEqualTo("广东省");
    }

    @Autowired
    CustomerMasterData masterData;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    private void inTransaction(Runnable work) {
        transactions.executeWithoutResult(status -> work.run());
    }

    @Test
    void thePickupAddressOfAnOrderBecomesTheCustomersAddressAndRegion() {
        String email = unique();
        String ref = message("""
                {"name": "王先生", "email": "%s", "subject": "下单：取件", "body": "请安排取件，谢谢。",
                 "fields": {"intent": "ORDER", "pickupAddress": "深圳市南山区科技园 1 号", "deliveryAddress": "上海市浦东新区世纪大道 100 号",
                  "goods": "电子元件 2 箱", "pieces": "2", "weight": "35 kg"}}""".formatted(email));
        long customer = customerOf(ref);
        List<Map<String, Object>> addresses = jdbc.sql("select address, province, city, source, source_ref from customer_address where customer_id = ?")
                .param(customer).query().listOfRows();
        assertThat(addresses).hasSize(1);
        assertThat(addresses.get(0)).containsEntry("address", "深圳市南山区科技园 1 号").containsEntry("province", "广东省")
                .containsEntry("city", "深圳市").containsEntry("source", "ORDER").containsEntry("source_ref", ref);
        // The delivery address is the consignee's, not the customer's.
        assertThat(addresses).noneMatch(a -> a.get("address").toString().contains("世纪大道"));
        assertThat(jdbc.sql("select region_source from customer where id = ?").param(customer).query(String.class).single())
                .isEqualTo("ADDRESS");
    }

    @Test
    void staffCorrectionsAreKeptWithWhoMadeThemAndBadInputIsRefusedSayingWhy() throws Exception {
        long customer = customerOf(message("""
                {"name": "Mr Sun", "email": "%s", "subject": "hi", "body": "hello"}""".formatted(unique())));
        FormSession staff = staff();
        String details = "/console/customers/" + customer + "/details";
        assertThat(staff.post(details, Map.of("company", "Sun Trading"), false).statusCode()).as("no CSRF token").isEqualTo(403);

        staff.post(details, Map.of("company", "Sun Trading", "industry", "Textiles", "province", "浙江省", "city", "宁波市"), true);
        staff.post(details, Map.of("company", "Sun Trading Co., Ltd.", "industry", "Textiles", "province", "浙江省", "city", "宁波市"), true);
        String page = staff.get("/console/customers/" + customer + "?lang=en").body();
        assertThat(org.jsoup.Jsoup.parse(page).select("#details-company").text()).isEqualTo("Sun Trading Co., Ltd.");
        assertThat(region(staff, customer, "en")).isEqualTo("Zhejiang 宁波市 (set by staff)");
        assertThat(history(customer)).extracting(c -> c.get("field") + ":" + c.get("old_value") + "→" + c.get("new_value") + " by " + c.get("changed_by"))
                .contains("company:null→Sun Trading by admin", "company:Sun Trading→Sun Trading Co., Ltd. by admin",
                        "region:null→浙江省 宁波市 by admin");
        assertThat(page).contains("<s>Sun Trading</s>");

        staff.post(details, Map.of("province", "Atlantis"), true);
        assertThat(staff.get("/console/customers/" + customer).body()).contains("unknown province: Atlantis");
        staff.post(details, Map.of("company", "x".repeat(201)), true);
        assertThat(staff.get("/console/customers/" + customer).body()).contains("company is longer than 200 characters");
        assertThat(jdbc.sql("select company from customer where id = ?").param(customer).query(String.class).single())
                .isEqualTo("Sun Trading Co., Ltd.");

        // Markup typed into a field is shown as text.
        staff.post("/console/customers/" + customer + "/contacts", Map.of("name", "<script>alert(1)</script>", "role", "buyer"), true);
        assertThat(staff.get("/console/customers/" + customer).body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void mergingMovesContactPersonsAndAddressesAndBothRecordsSaySo() throws Exception {
        long kept = customerOf(message("""
                {"name": "Ms Wu", "email": "%s", "subject": "hi", "body": "hello"}""".formatted(unique())));
        long merged = customerOf(message("""
                {"name": "Wu Li", "email": "%s", "subject": "hi again", "body": "hello"}""".formatted(unique())));
        FormSession staff = staff();
        staff.post("/console/customers/" + merged + "/contacts", Map.of("name", "吴丽", "role", "采购"), true);
        staff.post("/console/customers/" + merged + "/addresses", Map.of("address", "江苏省苏州市工业园区星湖街328号"), true);
        staff.post("/console/customers/" + merged + "/details", Map.of("company", "苏州吴氏贸易"), true);

        staff.post("/console/customers/" + merged + "/merge", Map.of("into", String.valueOf(kept)), true);

        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(staff.get("/console/customers/" + kept + "?lang=zh").body());
        assertThat(page.select("#contact-persons li").text()).contains("吴丽");
        assertThat(page.select("#addresses li").text()).contains("江苏省苏州市工业园区星湖街328号");
        assertThat(page.select("#details-company").text()).isEqualTo("苏州吴氏贸易");
        assertThat(history(kept)).extracting(c -> c.get("field") + " " + c.get("new_value")).contains("merged #" + merged);
        assertThat(history(merged)).extracting(c -> c.get("field") + " " + c.get("new_value")).contains("merged → #" + kept);
    }

    /** The region as the customer page shows it. */
    private static String region(FormSession staff, long customer, String lang) throws Exception {
        return org.jsoup.Jsoup.parse(staff.get("/console/customers/" + customer + "?lang=" + lang).body()).select("#details-region").text();
    }

    private List<Map<String, Object>> history(long customer) {
        return jdbc.sql("select field, old_value, new_value, changed_by, source from customer_change where customer_id = ? order by id")
                .param(customer).query().listOfRows();
    }

    private long customerOf(String ref) {
        return jdbc.sql("select customer_id from ticket where ref = ?").param(ref).query(Long.class).single();
    }

    private String message(String body) {
        var answer = postMessage(body, null);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(202);
        return readJson(answer.getBody()).path("ticket").asText();
    }

    private FormSession staff() throws Exception {
        FormSession session = new FormSession(port);
        assertThat(session.signIn("/login", "admin", ADMIN_PASSWORD)).endsWith("/console");
        return session;
    }

    private static String unique() {
        return "masterdata." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static Map<String, String> sms(String sid, String from, String body) {
        return TwilioRequests.incomingSms(sid, from, "+8610950000", body);
    }
}
