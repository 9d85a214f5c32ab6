package dev.guildhall.launcher.fleet;

import java.util.Map;

/**
 * Infrastructure the operator runs instead of the embedded one; a {@code null} field means
 * "start the embedded piece". Read from the same variables the services read
 * (docs/CONVENTIONS.md), so one set of variables configures both.
 *
 * @param dbUrlGlobal  {@code GUILDHALL_DB_URL_GLOBAL}; given together with {@code dbUrlShards}
 * @param dbUrlShards  {@code GUILDHALL_DB_URL_SHARDS} (comma-separated JDBC URLs)
 * @param dbUsername   {@code GUILDHALL_DB_USERNAME}
 * @param dbPassword   {@code GUILDHALL_DB_PASSWORD}
 * @param redisUrl     {@code GUILDHALL_REDIS_URL}
 * @param kafkaBootstrap {@code GUILDHALL_KAFKA_BOOTSTRAP}
 * @param s3Endpoint   {@code GUILDHALL_S3_ENDPOINT} (bucket, keys and region then come from the
 *                     other {@code GUILDHALL_S3_*} variables)
 */
public record ExternalInfra(String dbUrlGlobal, String dbUrlShards, String dbUsername, String dbPassword,
                            String redisUrl, String kafkaBootstrap, String s3Endpoint) {

    public static final ExternalInfra NONE = new ExternalInfra(null, null, null, null, null, null, null);

    public ExternalInfra {
        if ((dbUrlGlobal == null) != (dbUrlShards == null)) {
            throw new IllegalArgumentException(
                    "set both GUILDHALL_DB_URL_GLOBAL and GUILDHALL_DB_URL_SHARDS to use an external database, or neither");
        }
    }

    public static ExternalInfra fromEnvironment(Map<String, String> env) {
        return new ExternalInfra(value(env, "GUILDHALL_DB_URL_GLOBAL"), value(env, "GUILDHALL_DB_URL_SHARDS"),
                value(env, "GUILDHALL_DB_USERNAME"), value(env, "GUILDHALL_DB_PASSWORD"),
                value(env, "GUILDHALL_REDIS_URL"), value(env, "GUILDHALL_KAFKA_BOOTSTRAP"),
                value(env, "GUILDHALL_S3_ENDPOINT"));
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public boolean hasDatabase() {
        return dbUrlGlobal != null;
    }

    public boolean hasRedis() {
        return redisUrl != null;
    }

    public boolean hasKafka() {
        return kafkaBootstrap != null;
    }

    public boolean hasS3() {
        return s3Endpoint != null;
    }
}
