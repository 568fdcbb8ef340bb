# RightResponse: every command the project has. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help system-deps install run demo test test-unit faults lint typecheck compose-check broker-start broker-stop topics clean bench k8s-check newcomer-check

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

system-deps:  ## install the Debian packages the project needs (JDK, Maven, Chromium, PostgreSQL)
	deploy/system-deps.sh

install: $(STAMP)  ## create .venv and install the project with its dev tools
	deploy/kafka/broker.sh fetch

run: install  ## start Kafka and the four services (Ctrl-C stops everything)
	$(BIN)/rightresponse run

demo: install  ## with `make run` going: replay yesterday's synthetic calls in minutes, crews acting (DEMO_ARGS=...)
	$(BIN)/rightresponse demo $(DEMO_ARGS)

test: system-deps install  ## the whole suite: unit, integration (real Kafka and PostgreSQL), end to end, faults
	RR_TEST_POSTGRES_URL=$${RR_TEST_POSTGRES_URL:-$$(deploy/postgres/setup.sh | tail -1)} $(BIN)/pytest

faults: system-deps install  ## inject faults into the real stack and print the figures
	RR_TEST_POSTGRES_URL=$${RR_TEST_POSTGRES_URL:-$$(deploy/postgres/setup.sh | tail -1)} $(BIN)/python -m tests.faults.harness

newcomer-check: install  ## the README's first steps: make run, post its example call, read the timeline, stop
	deploy/newcomer-check.sh

test-unit: install  ## only the tests of pure logic (no Kafka)
	$(BIN)/pytest tests/unit

lint: install  ## ruff
	$(BIN)/ruff check .

typecheck: install  ## mypy
	$(BIN)/mypy

compose-check:  ## parse docker-compose.yml (no engine needed; placeholders stand in for the secrets)
	POSTGRES_PASSWORD=$${POSTGRES_PASSWORD:-parse-only} RR_EVENT_ID_SECRET=$${RR_EVENT_ID_SECRET:-parse-only} KAFKA_ADMIN_PASSWORD=$${KAFKA_ADMIN_PASSWORD:-parse-only} \
	KAFKA_INTAKE_PASSWORD=$${KAFKA_INTAKE_PASSWORD:-parse-only} KAFKA_TRIAGE_PASSWORD=$${KAFKA_TRIAGE_PASSWORD:-parse-only} \
	KAFKA_ASSIGNMENT_PASSWORD=$${KAFKA_ASSIGNMENT_PASSWORD:-parse-only} KAFKA_AUDIT_PASSWORD=$${KAFKA_AUDIT_PASSWORD:-parse-only} \
	docker-compose config -q

broker-start: install  ## start only the local Kafka broker
	deploy/kafka/broker.sh start

broker-stop:  ## stop the local Kafka broker
	deploy/kafka/broker.sh stop

topics: install  ## create the project's topics on the broker
	$(BIN)/rightresponse topics create

bench: install  ## end-to-end latency and throughput against the broker floor (BENCH_ARGS=..., e.g. "--preset cpu-400"; presets in docs/PERFORMANCE.md)
	$(BIN)/python -m benchmarks.e2e_bench $(BENCH_ARGS)

train-reader: install  ## retrain triage's learned reader on the corpus's training splits (deterministic)
	$(BIN)/python -m services.triage.reader_training train

triage-eval: install  ## triage figures per corpus split, and leave-one-split-out figures for the reader
	$(BIN)/python benchmarks/triage_narratives.py
	$(BIN)/python -m services.triage.reader_training crossval

k8s-check: install  ## validate deploy/k8s against the bundled Kubernetes schemas (offline)
	$(BIN)/kubernetes-validate --strict --quiet deploy/k8s/*.yaml

clean:  ## remove local state (.run) but keep the venv and the Kafka jar cache
	deploy/kafka/broker.sh stop || true
	rm -rf .run
