#!/bin/sh
# Entry point of every Guildhall service image. exec keeps the JVM as PID 1 so SIGTERM from
# `docker stop` / the kubelet reaches Spring's graceful shutdown.
# JAVA_OPTS is for JVM flags only; services are configured through the environment variables
# listed in docs/CONVENTIONS.md.
set -eu
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags and must be split
exec java ${JAVA_OPTS:-} -jar /app/app.jar "$@"
