# Builds the runnable jar and a small runtime image. Used by docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY schema schema
COPY load-tests load-tests
RUN mvn -B -q package -DskipTests -Dcds.skip=true
# (no class-data archive here: it must be made by the runtime image's own JVM, see jvm.options; without it
# the JVM starts as it always did)

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/deling.jar /app/deling.jar
COPY jvm.options /app/jvm.options
ENV DELING_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/deling.jar"]
