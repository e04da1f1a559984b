/**
 * The playground's sheet view: the active sheet as a table with the sheet's own column widths,
 * row heights and merges, computed values (not formula text), and Excel's ways of entering data:
 * click or arrow to a cell, type (or F2 / double-click to edit what is there), Enter or Tab to
 * commit, Esc to cancel, Delete to clear, and paste tab-separated text copied from a spreadsheet,
 * which spreads into rows and columns from the active cell.
 *
 * Keyboard focus stays in one text box laid over the active cell (transparent until one types),
 * so typed characters, IME input and paste all arrive where Excel would take them.
 */
import { MAX_COL, columnLetter } from "../core/cells";
import { type FakeSheet, type FakeWorkbook, type Rect, parseAddress } from "./excel/model";
import { displayText } from "./formulas";

export interface GridHost {
  model(): FakeWorkbook;
  /** Enters `rows` of typed text with (r, c) as the top-left cell. */
  enter(sheet: FakeSheet, r: number, c: number, rows: string[][]): void;
}

const MAX_SHOWN_ROWS = 300;
const MAX_SHOWN_COLS = 16;
/** Excel's default column width (8.43 characters) and row height, in points. */
const DEFAULT_WIDTH_PT = 48;
const DEFAULT_HEIGHT_PT = 15;
const px = (pt: number) => Math.round(pt / 0.75);

/** Tab-separated text as a spreadsheet copies it: quoted fields may hold tabs, newlines and "". */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const s = text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  while (i <= s.length) {
    if (s[i] === '"' && field === "") {
      let j = i + 1;
      for (;;) {
        const k = s.indexOf('"', j);
        if (k < 0) {
          j = -1;
          break;
        }
        if (s[k + 1] === '"') j = k + 2;
        else {
          j = k;
          break;
        }
      }
      // A quoted field ends at its closing quote only when a separator follows; else it is literal.
      if (j > 0 && (j + 1 === s.length || s[j + 1] === "\t" || s[j + 1] === "\n")) {
        field = s.slice(i + 1, j).replace(/""/g, '"');
        i = j + 1;
        continue;
      }
    }
    const ch = s[i];
    if (ch === "\t" || ch === "\n" || i === s.length) {
      row.push(field);
      field = "";
      if (ch !== "\t") {
        rows.push(row);
        row = [];
      }
    } else field += ch;
    i++;
  }
  return rows;
}

export function createGrid(container: HTMLElement, host: GridHost): { render(): void; focus(): void } {
  container.classList.add("pg-grid");
  const editor = document.createElement("input");
  editor.id = "pg-editor";
  editor.className = "pg-editor pg-ready";
  editor.autocomplete = "off";
  editor.spellcheck = false;
  let mode: "ready" | "enter" | "edit" = "ready";
  let active = { r: 1, c: 1 };
  let shown: FakeSheet | undefined;
  let lastSelection = "";

  const model = () => host.model();
  const sheetShown = () => {
    const m = model();
    return m.sheets.find((s) => s.id === m.activeSheetId) ?? m.sheets[0];
  };
  const cellEl = (r: number, c: number) => container.querySelector<HTMLElement>(`td[data-cell="${columnLetter(c)}${r}"]`);
  const mergeAt = (sheet: FakeSheet, r: number, c: number) => sheet.merges.find((m) => r >= m.r1 && r <= m.r2 && c >= m.c1 && c <= m.c2);

  /** What the formula bar and the editor show for a cell: its formula, else its value as typed. */
  const source = (sheet: FakeSheet, r: number, c: number) => {
    const cell = model().cell(sheet, r, c);
    if (!cell) return "";
    return cell.formula ?? (typeof cell.value === "number" ? String(cell.value) : String(cell.value));
  };

  const place = () => {
    const td = cellEl(active.r, active.c);
    if (!td) return;
    editor.style.left = `${td.offsetLeft}px`;
    editor.style.top = `${td.offsetTop}px`;
    editor.style.width = `${Math.max(td.offsetWidth, mode === "ready" ? 0 : 120)}px`;
    editor.style.height = `${td.offsetHeight}px`;
    const address = `${columnLetter(active.c)}${active.r}`;
    editor.setAttribute("aria-label", `${shown?.name ?? ""}!${address} ${td.textContent ?? ""}`.trim());
    const bar = document.getElementById("pg-address");
    if (bar) bar.textContent = address;
    const formula = document.getElementById("pg-formula-text");
    if (formula && shown) formula.textContent = source(shown, active.r, active.c);
  };

  const setMode = (next: typeof mode, text?: string) => {
    mode = next;
    editor.classList.toggle("pg-ready", mode === "ready");
    if (text !== undefined) editor.value = text;
    if (mode === "ready") editor.value = "";
    place();
  };

  const select = (r: number, c: number, scroll = true) => {
    const sheet = sheetShown();
    if (!sheet) return;
    const merge = mergeAt(sheet, r, c);
    active = merge ? { r: merge.r1, c: merge.c1 } : { r: Math.max(1, r), c: Math.max(1, Math.min(c, MAX_COL)) };
    const m = model();
    m.selection = { sheet: sheet.name, address: `${columnLetter(active.c)}${active.r}` };
    container.querySelectorAll(".pg-selected").forEach((e) => e.classList.remove("pg-selected"));
    const td = cellEl(active.r, active.c);
    td?.classList.add("pg-selected");
    if (scroll) td?.scrollIntoView({ block: "nearest", inline: "nearest" });
    setMode("ready");
  };

  const move = (dr: number, dc: number) => {
    const sheet = sheetShown();
    const merge = sheet && mergeAt(sheet, active.r, active.c);
    const r = dr > 0 && merge ? merge.r2 + dr : active.r + dr;
    const c = dc > 0 && merge ? merge.c2 + dc : active.c + dc;
    select(Math.max(1, r), Math.max(1, c));
  };

  const commit = () => {
    const sheet = sheetShown();
    const text = editor.value;
    const wasEditing = mode !== "ready";
    setMode("ready");
    if (sheet && wasEditing) host.enter(sheet, active.r, active.c, [[text]]);
  };

  editor.addEventListener("input", () => {
    if (mode === "ready") setMode("enter");
  });
  editor.addEventListener("compositionstart", () => {
    if (mode === "ready") setMode("enter");
  });
  editor.addEventListener("keydown", (e) => {
    if (e.isComposing) return;
    const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (e.key === "Enter") {
      e.preventDefault();
      commit();
      move(e.shiftKey ? -1 : 1, 0);
    } else if (e.key === "Tab" && mode !== "ready") {
      e.preventDefault();
      commit();
      move(0, e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape" && mode !== "ready") {
      e.preventDefault();
      setMode("ready");
    } else if (arrows[e.key] && mode !== "edit") {
      // Like Excel: arrows move the cursor in a cell being edited (F2), else they commit and move.
      e.preventDefault();
      commit();
      move(...arrows[e.key]);
    } else if (e.key === "F2" && mode === "ready" && shown) {
      e.preventDefault();
      setMode("edit", source(shown, active.r, active.c));
    } else if (e.key === "Delete" && mode === "ready" && shown) {
      e.preventDefault();
      host.enter(shown, active.r, active.c, [[""]]);
    } else if (e.key === "Backspace" && mode === "ready") {
      setMode("enter", "");
    }
  });
  editor.addEventListener("paste", (e) => {
    const text = e.clipboardData?.getData("text/plain") ?? "";
    // One value typed into a cell being edited pastes as text; a block spreads over the cells.
    if (mode !== "ready" && !/[\t\n]/.test(text.replace(/\r?\n$/, ""))) return;
    e.preventDefault();
    const sheet = sheetShown();
    if (!sheet || text === "") return;
    setMode("ready");
    const rows = parseTsv(text);
    host.enter(sheet, active.r, active.c, rows);
  });
  editor.addEventListener("blur", () => {
    if (mode !== "ready") commit();
  });
  container.addEventListener("mousedown", (e) => {
    const td = e.target instanceof Element ? e.target.closest<HTMLElement>("td[data-cell]") : null;
    if (!td || e.target === editor) return;
    e.preventDefault();
    if (mode !== "ready") commit();
    const { r1, c1 } = parseAddress(td.dataset.cell!).rect;
    select(r1, c1, false);
    editor.focus({ preventScroll: true });
  });
  container.addEventListener("dblclick", (e) => {
    const td = e.target instanceof Element ? e.target.closest<HTMLElement>("td[data-cell]") : null;
    if (!td || !shown) return;
    setMode("edit", source(shown, active.r, active.c));
    editor.focus({ preventScroll: true });
  });

  function render(): void {
    const m = model();
    const sheet = sheetShown();
    const switched = sheet !== shown;
    if (switched) {
      // Another sheet: start at its selection, else at A1 scrolled to the top left.
      if (mode !== "ready") setMode("ready");
      active = { r: 1, c: 1 };
      lastSelection = "";
    }
    shown = sheet;
    if (!sheet) {
      container.replaceChildren();
      return;
    }
    const sel = m.selection && m.selection.sheet === sheet.name ? parseAddress(m.selection.address).rect : null;
    if (sel) active = { r: sel.r1, c: sel.c1 };
    const used = m.usedRect(sheet, false) ?? { r1: 1, c1: 1, r2: 1, c2: 1 };
    const rows = Math.min(Math.max(used.r2, active.r, 30), MAX_SHOWN_ROWS);
    const cols = Math.min(Math.max(used.c2, active.c, 10), MAX_SHOWN_COLS);
    const table = document.createElement("table");
    const colgroup = document.createElement("colgroup");
    const rowHead = document.createElement("col");
    rowHead.style.width = "40px";
    colgroup.append(rowHead);
    let width = 40;
    for (let c = 1; c <= cols; c++) {
      const col = document.createElement("col");
      const w = px(sheet.columnWidths.get(c) ?? DEFAULT_WIDTH_PT);
      col.style.width = `${w}px`;
      width += w;
      colgroup.append(col);
    }
    table.append(colgroup);
    table.style.width = `${width}px`;
    const head = table.createTHead().insertRow();
    head.append(document.createElement("th"));
    for (let c = 1; c <= cols; c++) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = columnLetter(c);
      head.append(th);
    }
    const covered = new Set<string>();
    const masters = new Map<string, Rect>();
    for (const mg of sheet.merges) {
      masters.set(`${mg.r1}:${mg.c1}`, mg);
      for (let r = mg.r1; r <= mg.r2; r++) for (let c = mg.c1; c <= mg.c2; c++) if (r !== mg.r1 || c !== mg.c1) covered.add(`${r}:${c}`);
    }
    const body = table.createTBody();
    for (let r = 1; r <= rows; r++) {
      const tr = body.insertRow();
      const h = sheet.rowHeights.get(r);
      tr.style.height = `${Math.min(px(h ?? DEFAULT_HEIGHT_PT), 240)}px`;
      const th = document.createElement("th");
      th.className = "pg-row";
      th.scope = "row";
      th.textContent = String(r);
      tr.append(th);
      for (let c = 1; c <= cols; c++) {
        if (covered.has(`${r}:${c}`)) continue;
        const td = tr.insertCell();
        td.dataset.cell = `${columnLetter(c)}${r}`;
        const mg = masters.get(`${r}:${c}`);
        if (mg) {
          td.colSpan = Math.min(mg.c2, cols) - c + 1;
          td.rowSpan = Math.min(mg.r2, rows) - r + 1;
        }
        const cell = m.cell(sheet, r, c);
        if (cell) {
          td.textContent = displayText(cell.value, cell.numberFormat);
          const f = cell.format;
          const align = f.horizontal?.toLowerCase();
          if (align === "center" || align === "right" || align === "left") td.style.textAlign = align;
          else if (typeof cell.value === "number") td.style.textAlign = "right";
          if (f.wrap) td.classList.add("pg-wrap");
          // Like Excel, text runs on over an empty cell to its right.
          else if (typeof cell.value === "string" && cell.value !== "" && !mg && (m.cell(sheet, r, c + 1)?.value ?? "") === "")
            td.classList.add("pg-spill");
          if (f.font.bold) td.style.fontWeight = "600";
          if (f.font.color) td.style.color = `#${f.font.color}`;
          if (f.fill) td.style.background = `#${f.fill}`;
          if (cell.formula) {
            td.classList.add("pg-formula");
            td.title = cell.formula;
          }
        }
        if (sel && r >= sel.r1 && r <= sel.r2 && c >= sel.c1 && c <= sel.c2) td.classList.add("pg-selected");
      }
    }
    // The editor never leaves the page: a render while one types (the pane reads the workbook
    // after each change) must not blur it, which would commit half a value.
    const old = container.querySelector(":scope > table");
    if (old) old.replaceWith(table);
    else container.prepend(table);
    // A stand-in shows a window of the sheet; say so rather than let a long sheet look short.
    container.querySelector(":scope > .pg-clipped")?.remove();
    if (used.r2 > rows || used.c2 > cols) {
      const note = document.createElement("p");
      note.className = "pg-clipped";
      note.textContent = `此处只显示前 ${rows} 行、${cols} 列（本表共 ${used.r2} 行、${used.c2} 列）；其余内容在下载的工作簿中完整保留。`;
      table.after(note);
    }
    if (editor.parentElement !== container) container.append(editor);
    if (switched) container.scrollTo(0, 0);
    place();
    const selKey = m.selection ? `${sheet.id}!${m.selection.address}` : "";
    if (sel && selKey !== lastSelection) cellEl(active.r, active.c)?.scrollIntoView({ block: "nearest", inline: "nearest" });
    lastSelection = selKey;
  }

  return {
    render,
    focus: () => {
      editor.focus();
      place();
    },
  };
}
