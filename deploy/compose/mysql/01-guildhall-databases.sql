-- Runs once, on the first start of an empty MySQL data volume (docker-entrypoint-initdb.d).
-- The official image has already created the application user `guildhall` from MYSQL_USER /
-- MYSQL_PASSWORD (its password comes from .env, never from this file). Here: the global
-- schema and two physical shard databases (8 logical shards map onto them, see DESIGN.md
-- "Sharding"), and the user's rights on exactly those databases. Tables are created by each
-- service's Flyway migrations, not here.

CREATE DATABASE IF NOT EXISTS guildhall_global  CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS guildhall_shard_0 CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE DATABASE IF NOT EXISTS guildhall_shard_1 CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;

-- ALL on its own databases (Flyway needs DDL); nothing server-wide, no GRANT OPTION.
GRANT ALL PRIVILEGES ON guildhall_global.*  TO 'guildhall'@'%';
GRANT ALL PRIVILEGES ON guildhall_shard_0.* TO 'guildhall'@'%';
GRANT ALL PRIVILEGES ON guildhall_shard_1.* TO 'guildhall'@'%';
FLUSH PRIVILEGES;
