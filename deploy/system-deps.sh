#!/usr/bin/env bash
# Debian packages the project needs beyond Python: a JDK and Maven (the Kafka broker),
# Chromium (the page tests), PostgreSQL (the production store, tested too) and
# docker-compose (parses docker-compose.yml). Installs only what is missing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
command -v chromium >/dev/null || need+=(chromium)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v pg_lsclusters >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "system-deps: installing ${need[*]}" >&2
  if [ "$(id -u)" != 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
