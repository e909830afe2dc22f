# vpclite: `make start` runs the server, `make test` runs every test. Both install and build what is missing.
SHELL := /bin/bash
HOST ?= 127.0.0.1
PORT ?= 4599
DATA ?= .vpclite
SOURCES := $(shell find src test bench -name '*.ts' 2>/dev/null) model/ec2.json tsconfig.json

.PHONY: start test build install check-generated bench clean

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

test: build check-generated
	node --test --test-concurrency=1 dist/test/*.test.js

bench: build
	node dist/bench/run.js

clean:
	rm -rf dist
