package io.contacthub.channel.fax;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.intake.InboundMessage;
import org.junit.jupiter.api.Test;

class FaxMapperTest {

    private final FaxMapper mapper = new FaxMapper();

    @Test
    void spooledFileIsKeyedByItsContentAndItsNameGivesTheSendersNumber() {
        byte[] content = {1, 2, 3};
        InboundMessage fax = mapper.spoolFile(content, "recvq/+862150001234_fax00012.tif");

        assertThat(fax.channel()).isEqualTo("FAX");
        assertThat(fax.externalId()).isEqualTo("spool:" + FaxMapper.sha256(content));
        assertThat(fax.sender()).isEqualTo("+862150001234");
        assertThat(fax.source()).isEqualTo("spool:+862150001234_fax00012.tif");
        assertThat(fax.contentType()).isEqualTo("image/tiff");
        assertThat(mapper.spoolFile(content, "SCAN.PDF").contentType()).isEqualTo("application/pdf");
        assertThat(mapper.spoolFile(content, "SCAN.PDF").externalId()).as("same file, same fax").isEqualTo(fax.externalId());
    }

    @Test
    void spoolNameWithoutANumberLeavesTheSenderUnknown() {
        assertThat(mapper.spoolFile(new byte[] {1}, "fax00012.tif").sender()).as("HylaFAX's 5-digit job number is no fax number").isNull();
        assertThat(mapper.spoolFile(new byte[] {1}, "scan.pdf").sender()).isNull();
    }

    @Test
    void gatewayMailNamesTheFaxNumberInItsSubjectOrBody() {
        assertThat(FaxMapper.labelledNumberIn("Fax from +86 21 5000 1234 (3 pages)")).isEqualTo("+862150001234");
        assertThat(FaxMapper.labelledNumberIn("您收到一份传真，来自 021-5000-1234，共2页")).isEqualTo("02150001234");
        assertThat(FaxMapper.labelledNumberIn("New fax received\nCSID: 862150001234")).isEqualTo("862150001234");
        assertThat(FaxMapper.labelledNumberIn("New fax received")).isNull();
    }
}
