package dev.guildhall.launcher.fleet;

import java.util.Map;

/**
 * Where the services find their infrastructure: the embedded pieces on the fleet's ports, or what
 * {@link ExternalInfra} names.
 */
public record Endpoints(String dbUrlGlobal, String dbUrlShards, String dbUsername, String dbPassword,
                        String redisUrl, String kafkaBootstrap,
                        String s3Endpoint, String s3Bucket, String s3AccessKey, String s3SecretKey, String s3Region) {

    public static final String GLOBAL_DB = "guildhall_global";
    public static final String[] SHARD_DBS = {"guildhall_shard_0", "guildhall_shard_1"};

    /**
     * @param env     the launcher's environment, for the S3 bucket, keys and region (defaults as in
     *                docs/CONVENTIONS.md)
     * @param secrets the S3 keys when the environment gives none (the embedded store takes any)
     */
    public static Endpoints of(ExternalInfra external, Ports ports, Map<String, String> env, FleetSecrets secrets) {
        String dbGlobal;
        String dbShards;
        String user;
        String password;
        if (external.hasDatabase()) {
            dbGlobal = external.dbUrlGlobal();
            dbShards = external.dbUrlShards();
            user = orDefault(external.dbUsername(), "root");
            password = orDefault(external.dbPassword(), "");
        } else {
            dbGlobal = embeddedJdbcUrl(ports.mariaDb(), GLOBAL_DB);
            StringBuilder shards = new StringBuilder();
            for (String shard : SHARD_DBS) {
                shards.append(shards.length() == 0 ? "" : ",").append(embeddedJdbcUrl(ports.mariaDb(), shard));
            }
            dbShards = shards.toString();
            user = "root";
            password = "";
        }
        return new Endpoints(dbGlobal, dbShards, user, password,
                external.hasRedis() ? external.redisUrl() : "redis://127.0.0.1:" + ports.redis(),
                external.hasKafka() ? external.kafkaBootstrap() : "127.0.0.1:" + ports.kafka(),
                external.hasS3() ? external.s3Endpoint() : "http://127.0.0.1:" + ports.s3(),
                orDefault(env.get("GUILDHALL_S3_BUCKET"), "guildhall"),
                orDefault(env.get("GUILDHALL_S3_ACCESS_KEY"), secrets.s3AccessKey()),
                orDefault(env.get("GUILDHALL_S3_SECRET_KEY"), secrets.s3SecretKey()),
                orDefault(env.get("GUILDHALL_S3_REGION"), "us-east-1"));
    }

    /** The same form {@code EmbeddedMariaDb#jdbcUrl} gives: no TLS (MariaDB 11.4 would offer it). */
    static String embeddedJdbcUrl(int port, String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?useUnicode=true&characterEncoding=utf8&allowPublicKeyRetrieval=true&useSSL=false";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
