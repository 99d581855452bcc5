/**
 * JSON text of the objects a rolled-up graph's frames carry as JSON columns (rates, responses, health, rollup
 * summaries), kept per object. Views of one graph that expand other groups share most of their nodes' and edges'
 * objects (rollup/rollupIndex.ts), so a new view writes the text of its new objects only. Safe because a built
 * model's objects are never changed: a view that needs other values gets copies. Flat graphs do not use it (no
 * view shares their objects, and the text would only double what their encoded frames hold).
 */
const texts = new WeakMap<object, string>();

/** JSON.stringify(value), written once per object. */
export function keptJson(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** The JSON writer for a graph's frames: kept text for rolled-up views, plain JSON.stringify otherwise. */
export function jsonWriter(rolledUp: boolean): (value: object) => string {
  return rolledUp ? keptJson : (value) => JSON.stringify(value);
}
