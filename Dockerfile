# Build: ./mvnw -DskipTests package && docker build -t contact-hub .
FROM eclipse-temurin:17-jre
# Faxes and scans are OCR'd by Tesseract (Chinese and English) from the OS; without it the hub still
# runs and keeps faxes un-OCR'd until it is present.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/*
# The hub runs as an unprivileged user: the embedded PostgreSQL (no HUB_DB_URL) refuses to run as
# root (initdb: "cannot be run as root"). The user owns /data before it is declared a volume, so a
# new named volume is created with that owner; a bind-mounted host folder must be writable by uid 10001.
RUN groupadd --system --gid 10001 hub \
 && useradd --system --uid 10001 --gid hub --home-dir /app --shell /usr/sbin/nologin hub \
 && mkdir -p /data \
 && chown hub:hub /data
WORKDIR /app
COPY target/contact-hub-*.jar /app/contact-hub.jar
ENV HUB_DATA_DIR=/data
VOLUME /data
USER hub:hub
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/contact-hub.jar"]
