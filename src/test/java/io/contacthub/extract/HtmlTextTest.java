package io.contacthub.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void scriptsStylesAndHeadDoNotReachTheText() {
        String text = HtmlText.toText("<html><head><title>Secret title</title><style>p{color:red}</style></head>"
                + "<body><p>Hello</p><script>alert('x')</script><noscript>enable js</noscript><template>tpl</template></body></html>");
        assertThat(text).isEqualTo("Hello");
    }

    @Test
    void blockElementsBecomeLineBreaksAndInlineElementsDoNot() {
        assertThat(HtmlText.toText("<div>Order <b>4711</b></div><p>Line two<br>Line three</p><ul><li>a</li><li>b</li></ul>"))
                .isEqualTo("Order 4711\nLine two\nLine three\na\nb");
    }

    @Test
    void entitiesAreDecodedAndMarkupIsRemoved() {
        assertThat(HtmlText.toText("<p>Fish &amp; chips &lt;b&gt; &euro;5</p>")).isEqualTo("Fish & chips <b> €5");
    }

    @Test
    void manyEmptyBlocksCollapseToOneBlankLineAndTrailingSpacesGo() {
        assertThat(HtmlText.toText("<p>one&nbsp;</p><p></p><p></p><div></div><p>two</p>")).isEqualTo("one\ntwo");
    }

    @Test
    void preformattedTextKeepsItsLineBreaks() {
        assertThat(HtmlText.toText("<pre>Order 4711\nWaybill 1Z999</pre>")).isEqualTo("Order 4711\nWaybill 1Z999");
    }

    @Test
    void nullOrBlankHtmlGivesEmptyText() {
        assertThat(HtmlText.toText(null)).isEmpty();
        assertThat(HtmlText.toText("  \n ")).isEmpty();
    }
}
