package io.contacthub.extract.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * {@link PaddleOcr#crossed} and {@link PaddleOcr#runsIntoInk}: a seal drawn over a line of text, or where its box ends,
 * is noticed; table rules and plain text are not.
 */
class StrokesOverALineTest {

    private static final PaddleOcr.Box LINE = new PaddleOcr.Box(40, 100, 520, 36);

    @Test
    void aSealRingOverALineMarksItCrossed() {
        BufferedImage page = page(g -> {
            g.setStroke(new BasicStroke(7f));
            g.drawOval(220, 40, 150, 150);
        });
        assertThat(crossed(page)).isTrue();
    }

    @Test
    void plainTextWithItsNeighbouringLinesIsNotCrossed() {
        BufferedImage page = page(g -> {
            g.drawString("Contact: Alice Young", 40, 60);
            g.drawString("Phone: 139 1234 5678", 40, 190);
        });
        assertThat(crossed(page)).isFalse();
    }

    @Test
    void tableRulesAboveAndBelowALineAreNotStrokesOverIt() {
        BufferedImage page = page(g -> {
            g.setStroke(new BasicStroke(2f));
            g.drawLine(20, 92, 580, 92);
            g.drawLine(20, 144, 580, 144);
            g.drawLine(20, 80, 20, 160); // the cell's sides lie outside the line's inner width
            g.drawLine(580, 80, 580, 160);
        });
        assertThat(crossed(page)).isFalse();
    }

    /** A line whose box the detector ended at x = 300, where a seal's ink begins. */
    private static final PaddleOcr.Box CUT_LINE = new PaddleOcr.Box(40, 100, 260, 36);

    @Test
    void aLineEndingAgainstASealsInkRunsIntoInk() {
        BufferedImage page = page(g -> {
            g.setColor(Color.WHITE);
            g.fillRect(300, 95, 300, 50); // the letters under the seal are gone
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(7f));
            g.drawOval(306, 40, 150, 150); // just after the box, as the detector leaves it
            g.fillPolygon(new int[] {340, 375, 410}, new int[] {140, 100, 140}, 3); // the seal's star
        });
        assertThat(runsIntoInk(page, CUT_LINE)).isTrue();
    }

    @Test
    void aLineEndingAtPaperOrATableRuleDoesNotRunIntoInk() {
        BufferedImage paper = page(g -> {
            g.setColor(Color.WHITE);
            g.fillRect(300, 95, 300, 50);
        });
        BufferedImage rule = page(g -> {
            g.setColor(Color.WHITE);
            g.fillRect(300, 95, 300, 50);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(310, 80, 310, 160); // the cell's right side
        });
        assertThat(runsIntoInk(paper, CUT_LINE)).isFalse();
        assertThat(runsIntoInk(rule, CUT_LINE)).isFalse();
    }

    private static boolean runsIntoInk(BufferedImage page, PaddleOcr.Box box) {
        byte[] ink = new byte[page.getWidth() * page.getHeight()];
        page.getRaster().getDataElements(0, 0, page.getWidth(), page.getHeight(), ink);
        boolean[] text = PaddleOcr.covered(java.util.List.of(box), page.getWidth(), page.getHeight());
        return PaddleOcr.runsIntoInk(ink, text, page.getWidth(), page.getHeight(), box);
    }

    private static boolean crossed(BufferedImage page) {
        byte[] ink = new byte[page.getWidth() * page.getHeight()];
        page.getRaster().getDataElements(0, 0, page.getWidth(), page.getHeight(), ink);
        return PaddleOcr.crossed(ink, page.getWidth(), page.getHeight(), LINE);
    }

    private static BufferedImage page(java.util.function.Consumer<Graphics2D> extra) {
        BufferedImage page = new BufferedImage(600, 240, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 240);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        g.drawString("Contact: Alice Young", LINE.x(), LINE.bottom() - 8);
        extra.accept(g);
        g.dispose();
        return page;
    }
}
