# Spry's build, dev server, tests and bench. GNU make.
#
#   make serve   build the site into out/ and serve it on http://127.0.0.1:8080/
#   make test    vet, unit tests (native and js/wasm under node), browser tests
#   make bench   wasm size and time to first frame, player against the floor
#
# Output goes to out/ (the site) and bin/ (tools and the bench's build); both
# are ignored by git.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
WASM_JS := $(GOROOT)/lib/wasm
OUT     := out
BIN     := bin
ADDR    ?= 127.0.0.1:8080

WASM_ENV   := GOOS=js GOARCH=wasm
WASM_BUILD := $(WASM_ENV) $(GO) build -trimpath -ldflags='-s -w'

# js/wasm packages whose tests run under node. Only packages that do not
# import ebiten belong here: ebiten panics at init under node.
WASM_NODE_TEST_PKGS ?= ./wasm/page ./wasm/store

# The browser test files, run one file at a time (2 cores; Chromium's
# software WebGL is heavy).
E2E_TESTS = $(notdir $(wildcard e2e/*.test.mjs))

.PHONY: build serve test vet unit wasm-test e2e e2e-setup server bench clean help

help:
	@sed -n '2,8p' Makefile | sed 's/^# \{0,1\}//'

## build: the site, the player's wasm (and the therapist tools' wasm) and
## wasm_exec.js into out/; last,
## out/sw.js gets the list and content hash of what it precaches.
build:
	rm -rf $(OUT)
	mkdir -p $(OUT)
	cp -R site/. $(OUT)/
	$(WASM_BUILD) -o $(OUT)/spry.wasm ./wasm
	$(WASM_BUILD) -o $(OUT)/tools.wasm ./wasm/therapist
	cp "$(WASM_JS)/wasm_exec.js" $(OUT)/
	$(GO) run ./cmd/spry stills -dir $(OUT)/stills
	@# Last: the service worker's list and hash cover every file above.
	$(GO) run ./cmd/spry stamp -dir $(OUT)

## serve: build, then serve out/ and print the URL (Ctrl-C stops it).
serve: build server
	$(BIN)/spry-server serve -addr $(ADDR) -dir $(OUT)

## test: everything CI runs.
test: vet unit wasm-test e2e

vet:
	$(GO) vet ./...
	$(WASM_ENV) $(GO) vet ./wasm/... ./e2e/floor

unit:
	$(GO) test ./...

wasm-test:
ifneq ($(strip $(WASM_NODE_TEST_PKGS)),)
	$(WASM_ENV) $(GO) test -exec="$(WASM_JS)/go_js_wasm_exec" $(WASM_NODE_TEST_PKGS)
else
	@echo "wasm-test: no js/wasm packages listed in WASM_NODE_TEST_PKGS"
endif

## server: the dev server as a binary, for the browser tests and the bench.
server:
	$(GO) build -o $(BIN)/spry-server ./cmd/spry

## e2e-setup: Chromium and the npm packages, installed when missing.
e2e-setup:
	bash e2e/setup.sh

## e2e: the browser tests against out/, served by bin/spry-server.
e2e: e2e-setup build server
	cd e2e && node --test --test-concurrency=1 $(E2E_TESTS)

## bench: the floor program built like the player, then e2e/bench.mjs.
bench: e2e-setup build server
	rm -rf $(BIN)/bench
	mkdir -p $(BIN)/bench/floor
	cp e2e/floor/index.html e2e/floor/floor.js $(BIN)/bench/floor/
	$(WASM_BUILD) -o $(BIN)/bench/floor/floor.wasm ./e2e/floor
	cp "$(WASM_JS)/wasm_exec.js" $(BIN)/bench/floor/
	cd e2e && node bench.mjs

clean:
	rm -rf $(OUT) $(BIN) e2e/results
