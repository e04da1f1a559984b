/**
 * The layers of src/, as the tree shows them (README "Layout"). Each folder may import only the
 * layers listed for it; a folder not in the table is a failure (a new folder takes its place here
 * first); the core imports no package; nothing imports a host; browser code never imports node; no
 * import cycle anywhere.
 */
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";

const SRC = path.join(__dirname, "../../src");

/** What each layer may import besides itself. Hosts (the last five) are imported by nothing. */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  port: ["core"],
  adapters: ["core", "port"],
  app: ["core", "port", "adapters"],
  io: ["core", "port", "adapters"],
  review: ["core", "port", "adapters", "io"],
  sample: ["core", "port", "adapters"],
  // Hosts: the Excel task pane and ribbon, WPS, the browser playground, the command line.
  taskpane: ["core", "port", "adapters", "app"],
  commands: ["core", "port", "adapters", "app"],
  wps: ["core", "port", "adapters", "app"],
  playground: ["core", "port", "adapters", "app"],
  cli: ["core", "port", "adapters", "io", "review", "sample"],
};
const HOSTS = ["taskpane", "commands", "wps", "playground", "cli"];
/** Where node's modules may be imported: the node side (the headless adapter reads files and runs LibreOffice). */
const NODE_SIDE = ["adapters/xlsx", "adapters/formats", "io", "review", "sample", "cli"];
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** file (relative to src, without extension) → what it imports (relative targets resolved likewise; packages as named). */
type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.ts$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** Static imports, side-effect imports, dynamic import() and require(), comments aside. */
function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)"([^"]+)"/g)].map((m) => m[1]);
}

function srcGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(SRC)) {
    const rel = path.relative(SRC, file).replace(/\.ts$/, "");
    const targets = specifiers(fs.readFileSync(file, "utf8")).map((spec) => {
      if (!spec.startsWith(".")) return spec;
      const target = path.relative(SRC, path.resolve(path.dirname(file), spec)).replace(/\.(ts|js|json)$/, "");
      return fs.existsSync(path.join(SRC, `${target}.ts`))
        ? target
        : fs.existsSync(path.join(SRC, target, "index.ts"))
          ? `${target}/index`
          : target;
    });
    graph.set(rel, targets);
  }
  return graph;
}

const layerOf = (rel: string) => rel.split("/")[0];
const isPackage = (target: string) => !target.includes("/") || !Object.keys(LAYERS).includes(layerOf(target));

/** Every import that breaks a rule of the table, worded "from → to: why". */
function layerViolations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    const layer = layerOf(file);
    if (!(layer in LAYERS)) {
      out.push(`${file}: in no layer (add its folder to LAYERS)`);
      continue;
    }
    for (const target of targets) {
      if (NODE.has(target)) {
        if (!NODE_SIDE.some((side) => file.startsWith(`${side}/`))) out.push(`${file} → ${target}: node in browser code`);
        continue;
      }
      if (isPackage(target) && !target.endsWith(".json")) {
        // The core is plain TypeScript: no library, so every host runs it as it is.
        if (layer === "core") out.push(`${file} → ${target}: core imports a package`);
        continue;
      }
      const to = layerOf(target);
      if (to === layer) continue;
      if (HOSTS.includes(to)) out.push(`${file} → ${target}: imports a host`);
      else if (!LAYERS[layer].includes(to)) out.push(`${file} → ${target}: ${layer} may not import ${to}`);
    }
  }
  return out;
}

/** The import cycles between files (Tarjan's strongly connected components of more than one file, or a file importing itself). */
function cycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
      onStack.delete(w);
      component.push(w);
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const graph = srcGraph();

test("the graph is read: every folder of src is in it, with its imports", () => {
  expect([...new Set([...graph.keys()].map(layerOf))].sort()).toEqual(Object.keys(LAYERS).sort());
  expect(graph.get("cli/main")).toEqual(expect.arrayContaining(["core/engine", "io/files", "review/command"]));
});

test("each layer imports only the layers beneath it; nothing imports a host; node stays on the node side", () => {
  expect(layerViolations(graph)).toEqual([]);
});

test("no import cycle anywhere in src", () => {
  expect(cycles(graph)).toEqual([]);
});

test("the checks find planted violations (a test of the test)", () => {
  const planted: Graph = new Map([
    ["core/a", ["port/workbook", "fs", "exceljs"]],
    ["port/workbook", ["app/actions"]],
    ["adapters/officejs/x", ["app/i18n", "path"]],
    ["app/actions", ["taskpane/taskpane"]],
    ["wps/main", ["commands/commands", "exceljs"]],
    ["review/command", ["cli/args", "io/files"]],
    ["io/files", ["review/command", "fs"]],
    ["newfolder/x", []],
    ["cli/main", ["review/command", "io/files", "sample/x", "child_process"]],
  ]);
  expect(layerViolations(planted)).toEqual([
    "core/a → port/workbook: core may not import port",
    "core/a → fs: node in browser code",
    "core/a → exceljs: core imports a package",
    "port/workbook → app/actions: port may not import app",
    "adapters/officejs/x → app/i18n: adapters may not import app",
    "adapters/officejs/x → path: node in browser code",
    "app/actions → taskpane/taskpane: imports a host",
    "wps/main → commands/commands: imports a host",
    "review/command → cli/args: imports a host",
    "io/files → review/command: io may not import review",
    "newfolder/x: in no layer (add its folder to LAYERS)",
  ]);
  expect(cycles(planted)).toEqual([["io/files", "review/command"]]);
  expect(cycles(new Map([["core/a", ["core/a"]]]))).toEqual([["core/a"]]);
});
