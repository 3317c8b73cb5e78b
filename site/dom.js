// Small DOM helpers shared by Spry's pages. Text is always set as text:
// nothing from a program or a patient is parsed as HTML.

/** The element with this id, or null. */
export const $ = (id) => document.getElementById(id);

/** A new element with the given properties and, when given, text. */
export function el(tag, props = {}, text) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Sets the text of the element with this id, touching the page only when it changes. */
export function setText(id, text) {
  const e = $(id);
  if (e && e.textContent !== text) e.textContent = text;
}

/** The player's text fields: each shown in the element of the same id (app.js, player.js). */
export const playerFields = ['exercise', 'side', 'phase', 'set', 'rep', 'countdown', 'status'];

/** Shows view[id] (or nothing) in the element of each id. */
export function showFields(view, ids) {
  for (const id of ids) setText(id, view[id] || '');
}
