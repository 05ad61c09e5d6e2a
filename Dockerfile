# Build: ./mvnw -DskipTests package && docker build -t contact-hub .
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/contact-hub-*.jar /app/contact-hub.jar
ENV HUB_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/contact-hub.jar"]
