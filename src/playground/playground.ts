/**
 * The playground host: installs a fake `Office` and `Excel` over an in-memory workbook before the
 * real task-pane bundle runs, shows the workbook, loads any .xlsx (the sample by default, or one
 * dropped in) and downloads the result. It exists for everyone without Excel, and for the e2e test.
 * Cells take typing and pasted tab-separated text (grid.ts); formulas show values computed by a
 * small evaluator (formulas.ts) after every write and edit, and each edit fires onChanged.
 *
 * Query options: ?empty (start with a blank workbook), ?sample=form (the official 自评表 sample,
 * assets/sample-form.xlsx, instead of the template sample), ?lang=en-US, ?api=1.8 (an old host),
 * ?pane=320 (the pane's width), ?platform=Mac (a host whose webview cannot download: the pane hands the file to the browser).
 *
 * Loading another workbook starts the pane again, as Excel opens a new pane per workbook.
 */
import { type FakeSheet, FakeWorkbook, parseAddress, rectAddress } from "./excel/model";
import { fakeExcelRun } from "./excel/context";
import { recalculate } from "./formulas";
import { createGrid } from "./grid";
import { loadXlsx, saveXlsx } from "./xlsxBridge";

const params = new URLSearchParams(window.location.search);
const apiVersion = params.get("api") ?? "1.17";
const platform = params.get("platform") ?? "OfficeOnline";
// ?pane=320: the task pane's width in pixels (Excel's narrowest is about 320).
if (params.get("pane")) document.documentElement.style.setProperty("--pg-pane", `${Number(params.get("pane"))}px`);

let model = blankWorkbook();

/** The playground's workbooks calculate: every write and edit recomputes the formulas. */
function calculating(m: FakeWorkbook): FakeWorkbook {
  m.calculate = () => recalculate(m);
  m.calculate();
  return m;
}

function blankWorkbook(): FakeWorkbook {
  const m = new FakeWorkbook();
  m.addSheet("Sheet1");
  return calculating(m);
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
/** Excel.run(batch) or Excel.run(options, batch): the options (delayForCellEdit) mean nothing here. */
const run = <T>(first: Batch<T> | object, second?: Batch<T>): Promise<T> =>
  runBatch(typeof first === "function" ? (first as Batch<T>) : second!);
const runBatch = <T>(batch: Batch<T>): Promise<T> =>
  fakeExcelRun(model, (c) => (c.apiVersion = apiVersion))((context) => batch(context as unknown as Excel.RequestContext)).finally(render);

const versionOf = (v: string) => v.split(".").map(Number);
/** Whether the simulated host supports ExcelApi `want` ("1.9" < "1.17"). */
const atLeast = (want: string) => {
  const [hm, hn = 0] = versionOf(apiVersion);
  const [wm, wn = 0] = versionOf(want);
  return hm > wm || (hm === wm && hn >= wn);
};

// The globals office.js would define, just enough for the pane and the adapter.
const globals = window as unknown as Record<string, unknown>;
globals.Excel = { run };
type ReadyCallback = (info: { host: string; platform: string }) => void;
const readyCallbacks: ReadyCallback[] = [];
const info = { host: "Excel", platform };
/** Another workbook: the pane starts again, like a new pane in Excel. */
const restartPane = () => readyCallbacks.forEach((cb) => cb(info));
globals.Office = {
  onReady: (cb?: ReadyCallback) => {
    if (cb) readyCallbacks.push(cb);
    return Promise.resolve().then(() => (cb?.(info), info));
  },
  context: {
    displayLanguage: params.get("lang") ?? "zh-CN",
    platform,
    requirements: {
      isSetSupported: (set: string, version = "1.1") =>
        (set === "ExcelApi" && atLeast(version)) || (set === "OpenBrowserWindowApi" && platform !== "OfficeOnline"),
    },
    ui: {
      displayDialogAsync: (url: string) => window.alert(decodeURIComponent(url)),
      // The user's browser: here a new tab of the same browser.
      openBrowserWindow: (url: string) => void window.open(url, "_blank"),
    },
  },
  actions: { associate: () => undefined },
};

async function loadBytes(bytes: ArrayBuffer): Promise<void> {
  replaceModel(calculating(await loadXlsx(bytes)));
}

function replaceModel(next: FakeWorkbook): void {
  model = next;
  render();
  restartPane();
}

/** The bundled samples: the template workbook (assets/sample.xlsx) and an official form (assets/sample-form.xlsx). */
const SAMPLES = { template: "sample.xlsx", form: "sample-form.xlsx" } as const;
type SampleKind = keyof typeof SAMPLES;

async function loadSample(kind: SampleKind = "template"): Promise<void> {
  const res = await fetch(SAMPLES[kind]);
  if (!res.ok) {
    window.alert(`${SAMPLES[kind]}: ${res.status} ${res.statusText}`);
    return;
  }
  await loadBytes(await res.arrayBuffer());
}

/** An element of playground.html (missing only if the page and this script disagree). */
function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`playground.html has no #${id}`);
  return el;
}

function toolbar(): void {
  const bar = byId("pg-toolbar");
  const button = (id: string, text: string, onClick: () => void) => {
    const b = document.createElement("button");
    b.id = id;
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  };
  const title = document.createElement("strong");
  title.textContent = "Jixiao Playground（模拟 Excel）";
  // A real button opens the (hidden) file input: reachable by Tab, operable by Enter or Space.
  const input = document.createElement("input");
  input.type = "file";
  input.id = "pg-file";
  input.accept = ".xlsx";
  input.tabIndex = -1;
  input.setAttribute("aria-hidden", "true");
  const file = button("pg-open", "打开 .xlsx…", () => input.click());
  input.addEventListener("change", async () => {
    const f = input.files?.[0];
    if (f) await loadBytes(await f.arrayBuffer());
    input.value = "";
  });
  const link = document.createElement("a");
  link.id = "pg-download-link";
  link.hidden = true;
  bar.append(
    title,
    button("pg-blank", "空白工作簿", () => replaceModel(blankWorkbook())),
    button("pg-sample", "加载示例", () => void loadSample("template")),
    button("pg-sample-form", "加载自评表示例", () => void loadSample("form")),
    file,
    input,
    button("pg-download", "下载工作簿 (.xlsx)", async () => {
      const bytes = await saveXlsx(model);
      const url = URL.createObjectURL(
        new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
      );
      link.href = url;
      link.download = "jixiao-playground.xlsx";
      link.click();
    }),
    link,
  );

  const gridEl = byId("pg-grid");
  gridEl.addEventListener("dragover", (e) => {
    e.preventDefault();
    gridEl.classList.add("pg-drop");
  });
  gridEl.addEventListener("dragleave", () => gridEl.classList.remove("pg-drop"));
  gridEl.addEventListener("drop", async (e) => {
    e.preventDefault();
    gridEl.classList.remove("pg-drop");
    const f = e.dataTransfer?.files?.[0];
    if (f) await loadBytes(await f.arrayBuffer());
  });
}

let grid: ReturnType<typeof createGrid> | undefined;

function render(): void {
  // Like Excel, the grid shows the active sheet (a command activates its result; tabs switch).
  const sheet = model.sheets.find((s) => s.id === model.activeSheetId) ?? model.sheets[0];
  const tabs = byId("pg-tabs");
  tabs.replaceChildren(
    ...model.sheets.map((s) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = s.name;
      b.className = s === sheet ? "pg-active" : "";
      if (s === sheet) b.setAttribute("aria-current", "true");
      b.addEventListener("click", () => {
        model.activeSheetId = s.id;
        render();
      });
      return b;
    }),
  );
  grid?.render();
}

/**
 * A user's entry: typed text (one cell) or pasted rows from (r, c), each cell as Excel takes it
 * (a number when it reads as one, a formula after "=", text in a Text-formatted cell); the
 * formulas recompute and worksheets.onChanged fires once for the whole block.
 */
function enterCells(sheet: FakeSheet, r: number, c: number, rows: string[][]): void {
  const width = Math.max(1, ...rows.map((row) => row.length));
  rows.forEach((row, i) => row.forEach((text, j) => model.setUserValue(sheet, r + i, c + j, text)));
  model.calculate?.();
  const rect = { r1: r, c1: c, r2: r + Math.max(rows.length, 1) - 1, c2: c + width - 1 };
  model.selection = { sheet: sheet.name, address: rectAddress(rect) };
  model.notifyChanged(sheet, rectAddress(rect));
  render();
}

/** A user's edit through the test handle: as typing `text` into the cell and pressing Enter. */
function editCell(sheetName: string, address: string, text: string): void {
  const sheet = model.findSheet(sheetName);
  if (!sheet) return;
  const { r1, c1 } = parseAddress(address).rect;
  enterCells(sheet, r1, c1, [[text]]);
}

// The e2e test reads the workbook through this handle.
globals.jixiaoPlayground = {
  dump: () => model.dump(),
  sheetNames: () => model.sheets.map((s) => s.name),
  selection: () => model.selection,
  /** Types `text` into a cell, as a user would (a number when it reads as one), and tells onChanged. */
  edit: (sheetName: string, address: string, text: string) => editCell(sheetName, address, text),
  loadBase64: async (b64: string) => loadBytes(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)).buffer),
  saveBase64: async () => {
    const bytes = await saveXlsx(model);
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  },
};

document.addEventListener("DOMContentLoaded", () => {
  toolbar();
  grid = createGrid(byId("pg-grid"), {
    model: () => model,
    enter: (sheet, r, c, rows) => enterCells(sheet, r, c, rows),
  });
  render();
  if (!params.has("empty")) void loadSample(params.get("sample") === "form" ? "form" : "template");
});
