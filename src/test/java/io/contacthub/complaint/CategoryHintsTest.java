package io.contacthub.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryHintsTest {

    private static final List<ComplaintCategories.Category> CATEGORIES = List.of(
            new ComplaintCategories.Category("PRODUCT_QUALITY", "产品质量", "Product quality", List.of("破损", "damaged"), true, 10),
            new ComplaintCategories.Category("SERVICE_FAILURE", "服务失误", "Service failure", List.of("丢件", "late"), true, 20),
            new ComplaintCategories.Category("RETIRED", "旧", "Old", List.of("anything"), false, 30),
            new ComplaintCategories.Category("UNCLASSIFIED", "未分类", "Unclassified", List.of(), true, 1000));

    @Test
    void chineseHintsMatchAnywhereInTheText() {
        CategoryHints.Match match = CategoryHints.classify(CATEGORIES, "我的快递丢件了");
        assertThat(match.code()).isEqualTo("SERVICE_FAILURE");
        assertThat(match.reason()).isEqualTo("hint \"丢件\"");
    }

    @Test
    void englishHintsMatchWholeWordsIgnoringCase() {
        assertThat(CategoryHints.classify(CATEGORIES, "The delivery was LATE.").code()).isEqualTo("SERVICE_FAILURE");
        assertThat(CategoryHints.classify(CATEGORIES, "Please translate the invoice").code()).isEqualTo("UNCLASSIFIED");
        assertThat(CategoryHints.classify(CATEGORIES, "包裹damaged了").code()).isEqualTo("PRODUCT_QUALITY");
    }

    @Test
    void theFirstCategoryInSortOrderWins() {
        assertThat(CategoryHints.classify(CATEGORIES, "late and damaged").code()).isEqualTo("PRODUCT_QUALITY");
    }

    @Test
    void inactiveCategoriesAreNotChosenAndNoHintMeansUnclassified() {
        CategoryHints.Match match = CategoryHints.classify(CATEGORIES, "anything at all");
        assertThat(match.code()).isEqualTo("UNCLASSIFIED");
        assertThat(match.reason()).isEqualTo("no hint matched");
        assertThat(CategoryHints.classify(CATEGORIES, null).code()).isEqualTo("UNCLASSIFIED");
    }
}
