#!/bin/bash
# Docker HEALTHCHECK: 0 when GET /actuator/health/readiness on $PORT answers 200.
# Plain bash (/dev/tcp), so the image needs neither curl nor wget.
set -u
port="${PORT:-8080}"
{ exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 2 status_line <&3 || exit 1
exec 3<&-
case "$status_line" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
