// Checks of the harness's own helpers, without a browser.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedFraction, inkFraction, makePNG } from './harness.mjs';

test('inkFraction counts pixels unlike the commonest colour', () => {
  const cases = [
    { name: 'blank', paint: () => [10, 20, 30], want: 0 },
    { name: 'one column of ten', paint: (x) => (x === 3 ? [200, 0, 0] : [240, 240, 240]), want: 0.1 },
    { name: 'close colours are background', paint: (x) => (x % 2 ? [240, 240, 240] : [250, 235, 240]), want: 0 },
    { name: 'half and half and a bit', paint: (x, y) => (y < 4 ? [0, 0, 0] : [255, 255, 255]), want: 0.4 },
  ];
  for (const c of cases) {
    const got = inkFraction(makePNG(10, 10, c.paint), { x: 0, y: 0, width: 10, height: 10 });
    assert.ok(Math.abs(got.fraction - c.want) < 1e-9, `${c.name}: inkFraction = ${got.fraction}, want ${c.want}`);
  }
});

test('inkFraction reads only the rectangle, in CSS pixels times the scale', () => {
  // 20×20 device pixels at scale 2: a 10×10 CSS page, ink in its top-left quarter only.
  const png = makePNG(20, 20, (x, y) => (x < 10 && y < 10 && (x + y) % 2 ? [0, 0, 0] : [255, 255, 255]));
  const inside = inkFraction(png, { x: 0, y: 0, width: 5, height: 5 }, 2);
  assert.equal(inside.pixels, 100);
  assert.ok(Math.abs(inside.fraction - 0.5) < 1e-9, `inside: ${inside.fraction}, want 0.5`);
  const outside = inkFraction(png, { x: 5, y: 5, width: 5, height: 5 }, 2);
  assert.equal(outside.fraction, 0);
});

test('changedFraction counts pixels that differ between two shots', () => {
  const a = makePNG(10, 10, () => [255, 255, 255]);
  const b = makePNG(10, 10, (x, y) => (y === 0 ? [0, 0, 0] : [250, 250, 250]));
  const all = { x: 0, y: 0, width: 10, height: 10 };
  assert.equal(changedFraction(a, a, all), 0);
  assert.ok(Math.abs(changedFraction(a, b, all) - 0.1) < 1e-9, `changedFraction = ${changedFraction(a, b, all)}, want 0.1`);
  assert.equal(changedFraction(a, b, { x: 0, y: 1, width: 10, height: 9 }), 0);
});
