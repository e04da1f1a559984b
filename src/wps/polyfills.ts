/**
 * What the WPS pages use that WPS's embedded Chromium may lack (README "WPS 表格": the engines
 * targeted). Syntax is transpiled by the build; these are the library APIs newer than ES2015 and
 * the DOM methods newer than Chrome 51 that the bundles call, each installed only when missing.
 * No core-js: a dozen small shims are enough, and test/integration/wpsBuild.test.ts checks the
 * list against what es-check finds in the bundles.
 */

const define = (target: object, name: string, value: unknown) => {
  if (!(name in target)) Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
};

const G: any =
  typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : typeof self !== "undefined" ? self : {};

/** es-check's names of the features shimmed here (its --ignore list for the WPS bundles). */
export const POLYFILLED = [
  "globalThis",
  "ArrayPrototypeIncludes",
  "ObjectValues",
  "ObjectEntries",
  "ObjectFromEntries",
  "StringPadStart",
  "StringPadEnd",
  "StringMatchAll",
  "ArrayFlat",
  "ArrayFlatMap",
  "PromiseFinally",
] as const;

export function installPolyfills(): void {
  if (typeof G.globalThis === "undefined") G.globalThis = G;

  define(Array.prototype, "includes", function (this: unknown[], search: unknown, from?: number) {
    const n = this.length;
    for (let i = Math.max(from ? (from < 0 ? n + from : from) : 0, 0); i < n; i++) {
      const v = this[i];
      if (v === search || (v !== v && search !== search)) return true;
    }
    return false;
  });
  define(Object, "values", (o: object) => Object.keys(o).map((k) => (o as any)[k]));
  define(Object, "entries", (o: object) => Object.keys(o).map((k) => [k, (o as any)[k]]));
  define(Object, "fromEntries", (entries: Iterable<[PropertyKey, unknown]>) => {
    const out: any = {};
    for (const [k, v] of Array.from(entries)) out[k] = v;
    return out;
  });
  const pad = (s: string, len: number, fill = " ", atStart: boolean) => {
    const room = (len >>> 0) - s.length;
    if (room <= 0 || fill === "") return s;
    let p = String(fill);
    while (p.length < room) p += p;
    p = p.slice(0, room);
    return atStart ? p + s : s + p;
  };
  define(String.prototype, "padStart", function (this: string, len: number, fill?: string) {
    return pad(String(this), len, fill, true);
  });
  define(String.prototype, "padEnd", function (this: string, len: number, fill?: string) {
    return pad(String(this), len, fill, false);
  });
  define(String.prototype, "matchAll", function (this: string, re: RegExp) {
    const flags = re.flags.indexOf("g") >= 0 ? re.flags : `${re.flags}g`;
    const rx = new RegExp(re.source, flags);
    const found: RegExpExecArray[] = [];
    for (let m = rx.exec(String(this)); m; m = rx.exec(String(this))) {
      found.push(m);
      if (m[0] === "") rx.lastIndex++;
    }
    return found[Symbol.iterator]();
  });
  const flat = (a: unknown[], depth: number): unknown[] =>
    a.reduce<unknown[]>((acc, v) => (Array.isArray(v) && depth > 0 ? acc.concat(flat(v, depth - 1)) : acc.concat([v])), []);
  define(Array.prototype, "flat", function (this: unknown[], depth = 1) {
    return flat(this, depth);
  });
  define(Array.prototype, "flatMap", function (this: unknown[], f: (v: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown) {
    return flat(this.map(f, thisArg), 1);
  });
  define(Promise.prototype, "finally", function (this: Promise<unknown>, f: () => unknown) {
    return this.then(
      (v) => Promise.resolve(f()).then(() => v),
      (e) =>
        Promise.resolve(f()).then(() => {
          throw e;
        }),
    );
  });

  // DOM: ParentNode.append/prepend (Chrome 54) and replaceChildren (Chrome 86), used by the pane.
  const nodes = (items: (Node | string)[]) => items.map((n) => (typeof n === "string" ? document.createTextNode(n) : n));
  const protos = [G.Element?.prototype, G.Document?.prototype, G.DocumentFragment?.prototype].filter(Boolean);
  for (const proto of protos) {
    define(proto, "append", function (this: ParentNode & Node, ...items: (Node | string)[]) {
      for (const n of nodes(items)) this.appendChild(n);
    });
    define(proto, "prepend", function (this: ParentNode & Node, ...items: (Node | string)[]) {
      const first = this.firstChild;
      for (const n of nodes(items)) this.insertBefore(n, first);
    });
    define(proto, "replaceChildren", function (this: ParentNode & Node, ...items: (Node | string)[]) {
      while (this.lastChild) this.removeChild(this.lastChild);
      for (const n of nodes(items)) this.appendChild(n);
    });
  }
}

installPolyfills();
