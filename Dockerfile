# Build: ./mvnw -DskipTests package && docker build -t contact-hub .
FROM eclipse-temurin:17-jre
# Faxes and scans are OCR'd by Tesseract (Chinese and English) from the OS; without it the hub still
# runs and keeps faxes un-OCR'd until it is present.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY target/contact-hub-*.jar /app/contact-hub.jar
ENV HUB_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/contact-hub.jar"]
