package io.contacthub.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Province and city from a number's issuing block and from addresses as customers write them. */
class CustomerRegionTest {

    private final NumberRegions numbers = new NumberRegions();

    @Test
    void aChineseMobileNumberGivesItsProvinceAndCity() {
        assertThat(numbers.of("+8613912345678")).isEqualTo(new Region("CN", "江苏省", "常州市"));
        assertThat(numbers.of("+8615012345678")).isEqualTo(new Region("CN", "云南省", "昭通市"));
    }

    @Test
    void aMunicipalityIsItsOwnCityAndAFixedLineGivesItsAreaCodesCity() {
        assertThat(numbers.of("+8613800138000")).isEqualTo(new Region("CN", "北京市", "北京市"));
        assertThat(numbers.of("+862155550100")).isEqualTo(new Region("CN", "上海市", "上海市"));
        assertThat(numbers.of("+8675512345678")).isEqualTo(new Region("CN", "广东省", "深圳市"));
    }

    @Test
    void numbersOutsideTheMainlandGiveTheirCountryOrRegion() {
        assertThat(numbers.of("+85291234567")).isEqualTo(new Region("HK", "香港特别行政区", "香港特别行政区"));
        assertThat(numbers.of("+14155550100")).isEqualTo(new Region("US", null, null));
        // A block the geocoder only knows as "China" gives no province rather than a guess.
        assertThat(numbers.of("+8619912345678")).isEqualTo(new Region("CN", null, null));
        assertThat(numbers.of("not a number")).isEqualTo(Region.UNKNOWN);
    }

    @Test
    void addressesAsCustomersWriteThemGiveProvinceAndCity() {
        assertThat(ChineseRegions.read("广东省深圳市南山区科技园科苑路15号")).contains(new Region("CN", "广东省", "深圳市"));
        assertThat(ChineseRegions.read("浙江杭州市西湖区文三路100号")).contains(new Region("CN", "浙江省", "杭州市"));
        assertThat(ChineseRegions.read("上海浦东新区张江路88号")).contains(new Region("CN", "上海市", "上海市"));
        assertThat(ChineseRegions.read("内蒙古呼和浩特市新城区")).contains(new Region("CN", "内蒙古自治区", "呼和浩特市"));
        assertThat(ChineseRegions.read("吉林省延边朝鲜族自治州延吉市")).contains(new Region("CN", "吉林省", "延边朝鲜族自治州"));
        assertThat(ChineseRegions.read("江苏省南京市")).contains(new Region("CN", "江苏省", "南京市"));
        // A district first names no city; a province alone is still a province.
        assertThat(ChineseRegions.read("广东省南山区科技园")).contains(new Region("CN", "广东省", null));
        assertThat(ChineseRegions.read("陕西")).contains(new Region("CN", "陕西省", null));
        assertThat(ChineseRegions.read("山西省太原市")).contains(new Region("CN", "山西省", "太原市"));
        // Most addresses start with the city; the city names its province.
        assertThat(ChineseRegions.read("深圳市南山区科技园南区 8 栋")).contains(new Region("CN", "广东省", "深圳市"));
        assertThat(ChineseRegions.read("苏州工业园区星湖街328号")).contains(new Region("CN", "江苏省", "苏州市"));
        assertThat(ChineseRegions.read("12 Nathan Road, Kowloon")).isEmpty();
        assertThat(ChineseRegions.read("华东")).isEmpty();
    }

    @Test
    void provincesHaveEnglishNamesOnEnglishPages() {
        assertThat(ChineseRegions.label("江苏省", Locale.ENGLISH)).isEqualTo("Jiangsu");
        assertThat(ChineseRegions.label("江苏省", Locale.SIMPLIFIED_CHINESE)).isEqualTo("江苏省");
        assertThat(ChineseRegions.provinces()).hasSize(34);
    }
}
