package io.contacthub.extract;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML mail bodies to readable plain text: block elements become line breaks, scripts, styles
 * and markup disappear (so no customer-supplied script survives into the text).
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5",
            "h6", "table", "ul", "ol", "blockquote", "pre", "hr", "section", "article", "header", "footer");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "noscript", "template");

    private HtmlText() {
    }

    public static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document document = Jsoup.parse(html);
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            private int skipDepth;
            private int preDepth;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e && SKIPPED.contains(e.normalName())) {
                    skipDepth++;
                } else if (skipDepth == 0 && node instanceof TextNode text) {
                    // Inside <pre> the sender's line breaks are the layout (plain text wrapped in HTML).
                    out.append(preDepth > 0 ? text.getWholeText() : text.text());
                } else if (skipDepth == 0 && node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
                if (node instanceof Element e && e.normalName().equals("pre")) {
                    preDepth++;
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.normalName().equals("pre")) {
                    preDepth--;
                }
                if (node instanceof Element e && SKIPPED.contains(e.normalName())) {
                    skipDepth--;
                } else if (skipDepth == 0 && node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }
        }, document);
        return out.toString().replaceAll("[ \\t\\u00A0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static void newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
