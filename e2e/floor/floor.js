// Loads floor.wasm the way the player's page loads spry.wasm: streaming
// compile, then run. No inline script: the server's CSP forbids it.
const go = new Go();
WebAssembly.instantiateStreaming(fetch('floor.wasm'), go.importObject)
  .then((r) => go.run(r.instance))
  .catch((err) => console.error('floor:', err));
