# Build stage: the Maven wrapper builds the executable jar (ND4J natives for linux-x86_64 only).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests

# Run stage: a JRE, the jar, one OpenMP thread per op (steady steps on small machines), and no
# resident-size check by JavaCPP on every native allocation (the service's limits bound memory).
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home backprop \
 && mkdir -p /app/data && chown backprop /app/data
USER backprop
# The store (./data/backprop.db) lives in /app/data: mount a volume there to keep it.
WORKDIR /app
VOLUME /app/data
COPY --from=build /src/target/backprop-service.jar app.jar
ENV OMP_NUM_THREADS=1
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-jar", "app.jar"]
