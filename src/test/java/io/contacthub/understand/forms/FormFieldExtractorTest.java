package io.contacthub.understand.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** Labelled fields from form text, with the label vocabulary shipped in application.yml. */
class FormFieldExtractorTest {

    private final FormFieldExtractor extractor = new FormFieldExtractor(shipped(Map.of()));

    @Test
    void chineseConsignmentNoteGivesEveryFieldAndNeedsNoReview() {
        FormFields form = extractor.extract(String.join("\n", io.contacthub.testsupport.FaxFixtures.CONSIGNMENT_NOTE_ZH), 90.0);

        assertThat(form.formType()).isEqualTo("CONSIGNMENT_NOTE");
        assertThat(value(form, "customerName")).isEqualTo("上海华东物流有限公司");
        assertThat(value(form, "contactPerson")).isEqualTo("张伟");
        assertThat(value(form, "phone")).isEqualTo("13912345678");
        assertThat(value(form, "pickupAddress")).isEqualTo("上海市浦东新区张江路100号");
        assertThat(value(form, "deliveryAddress")).isEqualTo("北京市朝阳区建国路88号");
        assertThat(value(form, "goods")).isEqualTo("电子配件");
        assertThat(value(form, "pieces")).isEqualTo("12");
        assertThat(value(form, "weight")).isEqualTo("350 kg");
        assertThat(value(form, "requestedDate")).isEqualTo("2026-11-25");
        assertThat(value(form, "waybillNumber")).isEqualTo("SF1234567890123");
        assertThat(form.fields().get("phone").label()).isEqualTo("联系电话");
        assertThat(form.fields().values()).allSatisfy(f -> assertThat(f.confidence()).isEqualTo(0.9));
        assertThat(form.needsReview()).as(form.reviewReasons().toString()).isFalse();
    }

    @Test
    void englishOrderFormWithColumnsAndLostColonsIsRead() {
        String text = """
                TRANSPORT ORDER FORM
                Company Name   Harbour Freight Ltd        Phone  +852 2345 6789
                Contact Person: Mary Chen
                Pickup Address: 12 Kwai Chung Road, Hong Kong
                Delivery Address: 88 Century Avenue, Shanghai
                Goods Description: Spare parts
                Pieces: 8 cartons    Gross Weight: 120.5 KGS
                Requested Date: 1 December 2026
                Order No: SO2026112301
                """;
        FormFields form = extractor.extract(text, null);

        assertThat(form.formType()).isEqualTo("ORDER_FORM");
        assertThat(value(form, "customerName")).isEqualTo("Harbour Freight Ltd");
        assertThat(value(form, "phone")).isEqualTo("+85223456789");
        // no colon, layout only, but a valid number confirms the label
        assertThat(form.fields().get("phone").confidence()).isEqualTo(0.95);
        assertThat(form.fields().get("customerName").confidence()).isEqualTo(0.75); // no check of its own: layout only
        assertThat(value(form, "pieces")).isEqualTo("8");
        assertThat(value(form, "weight")).isEqualTo("120.5 kg");
        assertThat(value(form, "requestedDate")).isEqualTo("2026-12-01");
        assertThat(value(form, "orderNumber")).isEqualTo("SO2026112301");
        assertThat(form.needsReview()).as(form.reviewReasons().toString()).isFalse();
    }

    @Test
    void missingRequiredFieldsFlagTheFormForReview() {
        FormFields form = extractor.extract("货物托运单\n客户名称：上海华东物流有限公司\n件数：3", 92.0);

        assertThat(form.needsReview()).isTrue();
        assertThat(form.missing()).contains("phone", "pickupAddress", "deliveryAddress", "goods");
        assertThat(form.reviewReasons()).contains("required field phone not found");
    }

    @Test
    void poorOcrOrImplausibleValuesFlagTheFormForReview() {
        String note = String.join("\n", io.contacthub.testsupport.FaxFixtures.CONSIGNMENT_NOTE_ZH);
        FormFields poorScan = extractor.extract(note, 45.0);
        assertThat(poorScan.needsReview()).isTrue();
        assertThat(poorScan.reviewReasons()).anyMatch(r -> r.startsWith("poor OCR"));
        assertThat(poorScan.fields().get("phone").confidence()).isLessThan(0.6);

        FormFields garbled = extractor.extract(note.replace("13912345678", "l39-ZZ"), 95.0);
        assertThat(garbled.needsReview()).isTrue();
        assertThat(garbled.reviewReasons()).anyMatch(r -> r.startsWith("field phone read with low confidence"));
    }

    /** OCR'd text: labels may be misread, and the words' evidence is not needed for these checks. */
    private static final TextEvidence OCR = (line, start, end) -> null;

    @Test
    void aTwoCharacterLabelWithOneCharacterMisreadIsTakenOnlyWhenItsValueHasTheFieldsShape() {
        FormFields table = extractor.extract("作数 45  重址 764 kg\n收货地址 北京市朝阳区建国路88号", 95.0, OCR);
        assertThat(value(table, "pieces")).isEqualTo("45");
        assertThat(value(table, "weight")).isEqualTo("764 kg");
        assertThat(table.fields().get("pieces").confidence()).as("less sure than a label read right")
                .isLessThan(extractor.extract("件数 45", 95.0, OCR).fields().get("pieces").confidence());

        FormFields colons = extractor.extract("件数： 44 重址： 64.7 公斤", 95.0, OCR);
        assertThat(value(colons, "pieces")).isEqualTo("44");
        assertThat(value(colons, "weight")).isEqualTo("64.7 kg");

        FormFields words = extractor.extract("作数 很多\n重址 北京", 95.0, OCR);
        assertThat(words.fields()).as("a word that is not a count or a weight confirms nothing").doesNotContainKeys("pieces", "weight");
    }

    @Test
    void aLongerChineseLabelWithOneCharacterMisreadIsTakenInAnyCellButNotInTextThatIsNotOcrd() {
        FormFields read = extractor.extract("联系人：张伟  取件扫期： 2026-04-10", 95.0, OCR);
        assertThat(value(read, "requestedDate")).isEqualTo("2026-04-10");
        assertThat(value(read, "contactPerson")).isEqualTo("张伟");

        FormFields typed = extractor.extract("联系人：张伟  取件扫期： 2026-04-10", null);
        assertThat(typed.fields()).as("typed text has no misread labels to forgive").doesNotContainKey("requestedDate");
    }

    @Test
    void labelWordsInRunningTextAreNotFields() {
        FormFields form = extractor.extract("Please phone me about the weight of my goods, thank you.\n请尽快给我回电话。", null);
        assertThat(form.fields()).isEmpty();
        assertThat(form.needsReview()).isTrue();
        assertThat(form.formType()).isEqualTo("UNKNOWN");
    }

    @Test
    void complaintLetterIsRecognisedAndReadsItsHeaderFields() {
        FormFields form = extractor.extract(String.join("\n", io.contacthub.testsupport.FaxFixtures.COMPLAINT_LETTER_ZH), 88.0);
        assertThat(form.formType()).isEqualTo("COMPLAINT_LETTER");
        assertThat(value(form, "phone")).isEqualTo("075586001234");
        assertThat(value(form, "waybillNumber")).isEqualTo("YT1234567890123");
        assertThat(form.needsReview()).as(form.reviewReasons().toString()).isFalse();
    }

    @Test
    void aCentreAddsItsOwnLabelsInConfiguration() {
        String text = "货物托运单\n寄货单位：宁波港口服务公司\n回传电话：0574-87001234";
        assertThat(extractor.extract(text, null).fields()).doesNotContainKey("customerName");

        FormFieldExtractor own = new FormFieldExtractor(shipped(Map.of(
                "hub.forms.extra-labels.customerName[0]", "寄货单位",
                "hub.forms.extra-labels.phone[0]", "回传电话")));
        FormFields form = own.extract(text, null);
        assertThat(value(form, "customerName")).isEqualTo("宁波港口服务公司");
        assertThat(value(form, "phone")).isEqualTo("057487001234");
    }

    @Test
    void fiveMegabytesOfFormTextAreReadQuicklyFromTheirFirstCharactersOnly() {
        for (String filler : List.of("Phone ", "电话：", "Customer Name  ", "a", "| ", "1 ")) {
            String text = "货物托运单\n联系电话：13912345678\n" + filler.repeat(5 * 1024 * 1024 / filler.length())
                          + "\n客户名称：上海华东物流有限公司";
            long started = System.nanoTime();
            FormFields form = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> extractor.extract(text, null));
            System.out.printf("form fields of 5 MB of \"%s\" read in %d ms%n", filler, (System.nanoTime() - started) / 1_000_000);

            assertThat(form.formType()).isEqualTo("CONSIGNMENT_NOTE");
            assertThat(value(form, "phone")).isEqualTo("13912345678");
            assertThat(form.fields().values()).noneMatch(f -> f.value().contains("上海华东物流"));
            assertThat(form.needsReview()).isTrue();
            assertThat(form.reviewReasons()).contains("only the first 100000 of " + text.length()
                    + " characters were read for fields (hub.understand.max-scanned-chars)");
        }
    }

    @Test
    void aShorterLabelStillCountsWhereALongerOneRunsOnIntoAWord() {
        // "Contact Person" may not run on into "Personnel", so the shorter "Contact" is the label there;
        // "Tel" may not run on into "Telephone", which is a label of its own.
        FormFields form = extractor.extract("Contact Personnel: Mary Chen\nTelephone 13812345678", null);
        assertThat(form.fields().get("contactPerson").label()).isEqualTo("Contact");
        assertThat(value(form, "contactPerson")).isEqualTo("Personnel: Mary Chen");
        assertThat(form.fields().get("phone").label()).isEqualTo("Telephone");
        assertThat(value(form, "phone")).isEqualTo("13812345678");
    }

    @Test
    void anEmailWhoseLocalPartEndsInAPinyinSyllableBeforeItsDigitsIsTrustedButAnLBeforeADigitIsNot() {
        assertThat(extractor.extract("E-mail: zhao89@163.com", null).fields().get("email").confidence()).isEqualTo(1.0);
        assertThat(extractor.extract("E-mail: guo73@qq.com", null).fields().get("email").confidence()).isEqualTo(1.0);
        assertThat(extractor.extract("E-mail: zhoul4@sina.com", null).fields().get("email").confidence()).isLessThan(0.6);
        assertThat(extractor.extract("E-mail: 1i340@sina.com", null).fields().get("email").confidence()).isLessThan(0.6);
        assertThat(extractor.extract("E-mail: wang1o3@sina.com", null).fields().get("email").confidence()).isLessThan(0.6);
        // "zha09" may be zhao9 with its o read as a 0, and "gu08" guo8
        assertThat(extractor.extract("E-mail: wang.zha09@126.com", null).fields().get("email").confidence()).isLessThan(0.6);
        assertThat(extractor.extract("E-mail: huang.gu08@126.com", null).fields().get("email").confidence()).isLessThan(0.6);
    }

    @Test
    void aPrefixZeroReadForTheLetterOOfAnOrderNumberIsRepairedAndTrustedButADigitForSIsNot() {
        FormFieldExtractor withPatterns = new FormFieldExtractor(shipped(Map.of()), 100_000,
                new io.contacthub.understand.Carriers(List.of()), new io.contacthub.customer.PhoneNumbers("CN"),
                List.of(com.google.re2j.Pattern.compile("\\b(SO\\d{8,14})\\b")));

        FormFields.Field zero = withPatterns.extract("Order No: S02896754145", null).fields().get("orderNumber");
        FormFields.Field eight = withPatterns.extract("Order No: 802896754145", null).fields().get("orderNumber");

        assertThat(zero.value()).isEqualTo("SO2896754145");
        assertThat(zero.confidence()).isGreaterThanOrEqualTo(0.9);
        assertThat(eight.value()).isEqualTo("SO2896754145");
        assertThat(eight.confidence()).isLessThan(0.8);
    }

    @Test
    void theWrittenOutLineSplitAndBlankFoldingAgreeWithTheRegularExpressionsTheyReplace() {
        com.google.re2j.Pattern lineBreak = com.google.re2j.Pattern.compile("\\r\\n|[\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}]");
        com.google.re2j.Pattern blanks = com.google.re2j.Pattern.compile("\\s+");
        String[] pieces = {"a", "运单号", "：", " ", "  ", "\t", "\n", "\r", "\r\n", "\u000B", "\f", "\u0085", "\u2028", "\u2029",
                "\u00A0", "\u3000", "x y", ""};
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(12); p > 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            assertThat(FormFieldExtractor.lines(t)).as("lines of \"%s\"", t).containsExactly(lineBreak.split(t));
            assertThat(FormFieldExtractor.oneBlank(t)).as("blanks of \"%s\"", t).isEqualTo(blanks.matcher(t).replaceAll(" "));
        }
    }

    @Test
    void companyNameCutShortBeforeItsOrganisationalFormIsFlagged() {
        FormFields cut = extractor.extract("投诉信\n客户名称：天津恒通实\n电话：13912345678", 95.0);
        FormFields whole = extractor.extract("投诉信\n客户名称：天津恒通实业股份有限公司\n电话：13912345678", 95.0);

        assertThat(cut.fields().get("customerName").confidence()).isLessThan(0.6);
        assertThat(cut.fields().get("customerName").check()).contains("organisational form");
        assertThat(whole.fields().get("customerName").confidence()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void sealCharacterReadIntoAnEnglishNameIsFlagged() {
        FormFields form = extractor.extract("COMPLAINT\nCustomer: Northstar Electronics Ltd 用\nContact: Mary Walker", 95.0);

        assertThat(form.fields().get("customerName").confidence()).isLessThan(0.6);
        assertThat(form.fields().get("contactPerson").confidence()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void latinLetterStandingBetweenChineseCharactersOfAnAddressIsFlagged() {
        FormFields form = extractor.extract("托运单\n收货地址：苏州市 I 业园区文一西路 139 号\n取件地址：北京市朝阳区建国路 88 号 A 座.", 95.0);

        assertThat(form.fields().get("deliveryAddress").confidence()).isLessThan(0.6);
        // a trailing full stop read from speckle is not part of the address
        assertThat(value(form, "pickupAddress")).isEqualTo("北京市朝阳区建国路 88 号 A 座");
        assertThat(form.fields().get("pickupAddress").confidence()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void tableLabelWithoutColonIsConfirmedOnlyByAValueOfItsShape() {
        FormFields form = extractor.extract("TRANSPORT ORDER FORM\nPhone   13912345678\nWaybill No   HELLO", 95.0);

        assertThat(form.fields().get("phone").confidence()).isGreaterThanOrEqualTo(0.9);
        assertThat(form.fields().get("waybillNumber").confidence()).isLessThan(0.6);
    }

    private static String value(FormFields form, String field) {
        assertThat(form.fields()).as("fields read: %s", form.fields()).containsKey(field);
        return form.fields().get(field).value();
    }

    /** hub.forms as application.yml ships it, plus overrides. */
    static FormProperties shipped(Map<String, Object> overrides) {
        try {
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
            List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
            yaml.forEach(env.getPropertySources()::addLast);
            return Binder.get(env).bind("hub.forms", FormProperties.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
