package io.contacthub.channel.fax;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contacthub.extract.ocr.ScannedDocumentReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cut-out of the page where a form field was read, for staff checking a flagged field beside what the hub read
 * ({@code GET /api/messages/{id}/fax/{file}/fields/{field}/image}). The page is prepared again exactly as it was for
 * OCR (the same steps give the same image), so the field's stored region (its words' boxes) points at the value; the
 * cut-out reaches left to take in the label too.
 */
@Component
class FaxFieldImages {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ScannedDocumentReader reader;

    FaxFieldImages(JdbcClient jdbc, ObjectMapper json, ScannedDocumentReader reader) {
        this.jdbc = jdbc;
        this.json = json;
        this.reader = reader;
    }

    /** PNG bytes, or empty when the fax, file, field or its region is unknown, or the file is no image. */
    Optional<byte[]> png(long messageId, int fileIndex, String field) {
        record Doc(String fileName, String fields) {
        }
        Optional<Doc> doc = jdbc.sql("select file_name, fields::text from fax_document where message_id = ? and file_index = ?")
                .params(messageId, fileIndex).query((rs, n) -> new Doc(rs.getString(1), rs.getString(2))).optional();
        if (doc.isEmpty() || doc.get().fields() == null) {
            return Optional.empty();
        }
        JsonNode region;
        try {
            region = json.readTree(doc.get().fields()).path(field).path("region");
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!region.isObject()) {
            return Optional.empty();
        }
        Optional<byte[]> content = jdbc.sql("""
                        select content from attachment where message_id = ? and file_name is not distinct from ?
                        order by id limit 1""")
                .params(messageId, doc.get().fileName()).query(byte[].class).optional();
        if (content.isEmpty()) {
            return Optional.empty();
        }
        return reader.preparedPage(content.get(), doc.get().fileName(), region.path("page").asInt(1))
                .map(page -> cut(page, region.path("x").asInt(), region.path("y").asInt(), region.path("width").asInt(),
                        region.path("height").asInt()))
                .map(FaxFieldImages::png);
    }

    /** The region with a margin of its own height around it and, to its left, room for the label. */
    static BufferedImage cut(BufferedImage page, int x, int y, int width, int height) {
        int margin = Math.max(8, height / 2);
        int left = Math.max(0, x - Math.max(margin, height * 6));
        int top = Math.max(0, y - margin);
        int right = Math.min(page.getWidth(), x + width + margin);
        int bottom = Math.min(page.getHeight(), y + height + margin);
        if (right <= left || bottom <= top) {
            return page.getSubimage(0, 0, Math.min(1, page.getWidth()), Math.min(1, page.getHeight()));
        }
        return page.getSubimage(left, top, right - left, bottom - top);
    }

    private static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
