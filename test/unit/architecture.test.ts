/** The layout is the architecture: the core stays pure so every host (Excel, CLI, WPS) shares it. */
import * as fs from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "../../src");

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

const imports = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);

test("src/core imports nothing but itself, the port's types and JSON data", () => {
  for (const file of files(path.join(SRC, "core"))) {
    for (const spec of imports(file)) {
      const target = spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : spec;
      const ok = target.startsWith(path.join(SRC, "core")) || target === path.join(SRC, "port/workbook");
      expect(`${path.relative(SRC, file)} → ${spec}: ${ok ? "ok" : "outside the core"}`).toMatch(/: ok$/);
    }
  }
});

test("src/core never touches office.js", () => {
  for (const file of files(path.join(SRC, "core"))) {
    const text = fs.readFileSync(file, "utf8");
    expect(`${path.relative(SRC, file)}: ${/\b(Excel|Office)\.\w/.test(text) ? "uses office.js" : "ok"}`).toMatch(/: ok$/);
  }
});

test("only the office.js adapter, the task pane and the ribbon commands call Excel.run", () => {
  const allowed = ["adapters/officejs", "taskpane", "commands", "playground"];
  for (const file of files(SRC)) {
    const rel = path.relative(SRC, file);
    if (allowed.some((a) => rel.startsWith(a))) continue;
    expect(`${rel}: ${/Excel\.run\(/.test(fs.readFileSync(file, "utf8")) ? "calls Excel.run" : "ok"}`).toMatch(/: ok$/);
  }
});

test("each host adapter stands alone: what two hosts share lives in adapters/shared, which knows neither host", () => {
  const hosts = ["adapters/officejs", "adapters/wps", "adapters/exceljs"];
  for (const file of files(path.join(SRC, "adapters"))) {
    const rel = path.relative(SRC, file);
    const own = hosts.find((h) => rel.startsWith(h));
    for (const spec of imports(file)) {
      const target = spec.startsWith(".") ? path.relative(SRC, path.resolve(path.dirname(file), spec)) : spec;
      const other = hosts.find((h) => target.startsWith(h) && h !== own);
      expect(`${rel} → ${spec}: ${other ? `imports ${other}` : "ok"}`).toMatch(/: ok$/);
    }
    if (rel.startsWith("adapters/shared")) {
      const text = fs.readFileSync(file, "utf8");
      expect(`${rel}: ${/\b(Excel|Office)\.\w|\bApplication\./.test(text) ? "touches a host" : "ok"}`).toMatch(/: ok$/);
    }
  }
});
