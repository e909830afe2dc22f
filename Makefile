# vpclite: `make start` runs the server, `make test` runs every test on both engines (SQLite, then PostgreSQL
# on a throwaway server that scripts/test-postgres.sh starts and stops), then Terraform against vpclite
# (scripts/test-terraform.sh). Both install and build what is missing.
SHELL := /bin/bash
HOST ?= 127.0.0.1
PORT ?= 4599
DATA ?= .vpclite
SOURCES := $(shell find src test bench -name '*.ts' 2>/dev/null) model/ec2.json tsconfig.json

.PHONY: start test test-sqlite test-postgres test-terraform build install check-generated ensure-chromium bench clean

start: build
	bin/vpclite serve --host $(HOST) --port $(PORT) --data $(DATA)

install: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: dist/.built

dist/.built: node_modules/.package-lock.json $(SOURCES)
	npx tsc -p tsconfig.json
	@touch $@

check-generated: install
	node scripts/generate-model-types.mjs --check

TEST_FILES = dist/test/*.test.js

# The console's browser tests (test/console-*.test.ts) drive Debian's chromium; installed with apt-get if missing.
ensure-chromium:
	scripts/ensure-chromium.sh

test: build check-generated ensure-chromium
	@echo '== the whole suite on SQLite'
	VPCLITE_TEST_STORE=sqlite node --test --test-concurrency=1 $(TEST_FILES)
	@echo '== the whole suite on PostgreSQL'
	scripts/test-postgres.sh node --test --test-concurrency=1 $(TEST_FILES)
	@echo '== Terraform against vpclite (says SKIPPED when terraform or the provider mirror is missing)'
	scripts/test-terraform.sh

test-sqlite: build check-generated ensure-chromium
	VPCLITE_TEST_STORE=sqlite node --test --test-concurrency=1 $(TEST_FILES)

test-postgres: build check-generated ensure-chromium
	scripts/test-postgres.sh node --test --test-concurrency=1 $(TEST_FILES)

test-terraform: build
	scripts/test-terraform.sh

bench: build
	node dist/bench/run.js

clean:
	rm -rf dist
