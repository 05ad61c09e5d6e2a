package io.contacthub.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void entitiesBecomeOneChipPerValueAndFormFieldsOnePerField() throws Exception {
        var chips = Timeline.entities(json.readTree("""
                {"orderNumbers": ["SO2026112301"], "waybillNumbers": [], "intentReason": "keyword \\"order\\"",
                 "fields": {"goods": "20 pallets", "pickupAddress": "宁波"}}"""));
        assertThat(chips).containsOnlyKeys("orderNumbers", "intentReason", "fields.goods", "fields.pickupAddress");
        assertThat(chips.get("orderNumbers")).containsExactly("SO2026112301");
        assertThat(chips.get("fields.pickupAddress")).containsExactly("宁波");
    }

    @Test
    void faxAndScanFilesAreShownAsPagesButSvgIsNeverInline() {
        assertThat(new Timeline.FileView(1, "f.tif", "image/tiff", 1, null, null, null).pages()).isTrue();
        assertThat(new Timeline.FileView(1, "f.tif", "image/tiff", 1, null, null, null).image()).isFalse();
        assertThat(new Timeline.FileView(1, "a.pdf", "application/pdf", 1, null, null, null).pages()).isTrue();
        assertThat(new Timeline.FileView(1, "p.png", "image/png", 1, null, null, null).image()).isTrue();
        assertThat(new Timeline.FileView(1, "x.svg", "image/svg+xml", 1, null, null, null).image()).isFalse();
        assertThat(new Timeline.FileView(1, "v.wav", "audio/x-wav", 1, null, null, null).audio()).isTrue();
        assertThat(List.of(new Timeline.FileView(1, "x.html", "text/html", 1, null, null, null)))
                .noneMatch(f -> f.audio() || f.image() || f.pages());
    }
}
