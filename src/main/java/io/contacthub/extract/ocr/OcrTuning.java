package io.contacthub.extract.ocr;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How fax and scanner pages are prepared for Tesseract and read, from {@code hub.ocr.tuning} (defaults in
 * application.yml; each step measured on the fax accuracy benchmark, docs/BENCHMARKS.md).
 *
 * @param interpolation how a page is scaled to {@code hub.ocr.dpi}: {@code bicubic} or {@code bilinear}
 * @param deskew        turn a crooked page straight (angle found by projection profiles, up to ±5°)
 * @param despeckle     {@code none}, {@code isolated} (single dots and pin-holes of the fax line removed) or
 *                      {@code median} (3×3 median filter)
 * @param removeLines   erase long thin table rules before OCR (they break Tesseract's line finding)
 * @param psm           Tesseract's page segmentation mode for whole pages (3 automatic, 4 one column, 6 one block)
 * @param preserveInterwordSpaces keep column gaps as printed ({@code preserve_interword_spaces=1})
 * @param reread        read digits and codes of a form a second time from their region (digits/Latin whitelist) and
 *                      flag a field whose two readings differ
 * @param engine        what reads fax and scanner pages: {@code tesseract}, {@code paddle} (PaddleOCR's PP-OCRv4 models
 *                      through ONNX Runtime, {@link PaddleOcr}; the models must be in {@code paddleModels}), or
 *                      {@code auto}: paddle when its models are there, else tesseract
 * @param paddleModels  the directory with PaddleOCR's model files (scripts/download-ocr-models.sh puts them there)
 */
@ConfigurationProperties("hub.ocr.tuning")
public record OcrTuning(String interpolation, Boolean deskew, String despeckle, Boolean removeLines, Integer psm,
                        Boolean preserveInterwordSpaces, Boolean reread, String engine, String paddleModels) {

    public OcrTuning {
        interpolation = interpolation == null || interpolation.isBlank() ? "bicubic" : interpolation.trim().toLowerCase();
        deskew = deskew == null || deskew;
        despeckle = despeckle == null || despeckle.isBlank() ? "isolated" : despeckle.trim().toLowerCase();
        removeLines = removeLines != null && removeLines;
        psm = psm == null ? 3 : psm;
        preserveInterwordSpaces = preserveInterwordSpaces != null && preserveInterwordSpaces;
        reread = reread == null || reread;
        engine = engine == null || engine.isBlank() ? "auto" : engine.trim().toLowerCase();
        paddleModels = paddleModels == null || paddleModels.isBlank() ? "data/models/paddleocr" : paddleModels.trim();
        if (!java.util.List.of("auto", "tesseract", "paddle").contains(engine)) {
            throw new IllegalArgumentException("hub.ocr.tuning.engine must be auto, tesseract or paddle (was " + engine + ")");
        }
        if (!interpolation.equals("bicubic") && !interpolation.equals("bilinear")) {
            throw new IllegalArgumentException("hub.ocr.tuning.interpolation must be bicubic or bilinear (was " + interpolation + ")");
        }
        if (!java.util.List.of("none", "isolated", "median").contains(despeckle)) {
            throw new IllegalArgumentException("hub.ocr.tuning.despeckle must be none, isolated or median (was " + despeckle + ")");
        }
        if (psm < 3 || psm > 13) {
            throw new IllegalArgumentException("hub.ocr.tuning.psm must be a page segmentation mode 3..13 (was " + psm + ")");
        }
    }

    /** The shipped values (application.yml). */
    public static OcrTuning defaults() {
        return new OcrTuning(null, null, null, null, null, null, null, null, null);
    }

    /** The reader as it was before the fax pre-processing: bilinear scaling only, automatic segmentation. */
    public static OcrTuning plain() {
        return new OcrTuning("bilinear", false, "none", false, 3, false, false, "tesseract", null);
    }
}
