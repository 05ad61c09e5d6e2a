/**
 * Text out of what customers send: documents (Tika) and HTML in the base package, OCR
 * ({@code extract.ocr}, named interface {@code ocr}) and speech-to-text ({@code extract.speech}, named interface
 * {@code speech}). The two extractors share the bounded worker pool of the base package and use nothing of each other.
 */
@ApplicationModule(displayName = "Extraction")
package io.contacthub.extract;

import org.springframework.modulith.ApplicationModule;
