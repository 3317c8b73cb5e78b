// Runs a Go test binary built for js/wasm in this page (see gotest.html)
// and leaves what happened in window.goTest: { output: [lines], exit: code
// or null while running, error: why it could not start }.

const params = new URLSearchParams(location.search);
const bin = params.get('bin');
const args = params.getAll('arg');
const state = { output: [], exit: null, error: null };
window.goTest = state;

// Test hooks the Go tests look for. The page's CSP forbids new Function,
// which is how they make these under node.
globalThis.goTestHooks = {
  // thrower returns a function that throws a DOMException called name,
  // as the browser's storage does (QuotaExceededError, SecurityError).
  thrower(name, message) {
    return () => { throw new DOMException(message, name); };
  },
};

// wasm_exec.js writes the program's stdout and stderr through console.log,
// one line per call.
const pre = document.getElementById('output');
const log = console.log.bind(console);
console.log = (...parts) => {
  const line = parts.join(' ');
  state.output.push(line);
  pre.textContent += `${line}\n`;
  log(...parts);
};

async function run() {
  const go = new Go();
  go.argv = [bin.replace(/\.wasm$/, ''), '-test.v', ...args];
  go.exit = (code) => {
    state.exit = code;
    // wasm_exec.js leaves the timeouts the Go runtime scheduled for its
    // pending timers running after exit; when one fires, _resume throws
    // "Go program has already exited" as an uncaught page error
    // (https://github.com/golang/go/issues/72797).
    for (const id of go._scheduledTimeouts.values()) clearTimeout(id);
    go._scheduledTimeouts.clear();
  };
  const { instance } = await WebAssembly.instantiateStreaming(fetch(bin), go.importObject);
  await go.run(instance);
  if (state.exit === null) {
    state.error = 'the Go program ended without exiting';
    state.exit = -1;
  }
}

if (!bin) {
  state.error = 'no ?bin= given';
  state.exit = -1;
} else {
  run().catch((err) => {
    state.error = String(err?.stack || err);
    state.exit = -1;
  });
}
