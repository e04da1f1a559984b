/**
 * Rewrites sheet references inside formulas. The add-in builds its sheets under temporary names;
 * a formula that points at another sheet of the same plan must point at that sheet's temporary
 * name, so that Excel carries the reference along when the temporary sheet is renamed (a
 * reference to the old same-named sheet would turn into #REF! when the old sheet is deleted).
 */

const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** `renames` maps final sheet names to temporary ones; string literals are left alone. */
export function renameSheetRefs(formula: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      // A string literal: copy up to its closing quote ("" is an escaped quote).
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name: 'name'!
      let j = i + 1;
      let name = "";
      while (j < formula.length) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += formula[j++];
      }
      const target = formula[j + 1] === "!" ? renames.get(name) : undefined;
      out += target !== undefined ? quote(target) : formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    // An unquoted sheet name: a run of name characters directly followed by "!".
    const m = /^[^\s!'"(),;:+\-*/&^=<>{}]+(?=!)/.exec(formula.slice(i));
    const prev = i > 0 ? formula[i - 1] : "";
    if (m && !/[A-Za-z0-9_.\u00c0-\uffff]/.test(prev)) {
      const target = renames.get(m[0]);
      out += target !== undefined ? quote(target) : m[0];
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

const colNum = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
function colLetters(col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Applies `f` to every cell reference outside string literals and sheet-name quotes. A reference
 * is letters+digits not glued to a name or followed by "(" (so LOG10( is a function, not a cell).
 */
function mapRefs(formula: string, pattern: RegExp, f: (m: RegExpExecArray) => string): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : "";
    pattern.lastIndex = i;
    const m = /[A-Za-z0-9_.\u00c0-\uffff]/.test(prev) ? null : pattern.exec(formula);
    if (m && m.index === i && !/^[A-Za-z0-9_(.]/.test(formula.slice(i + m[0].length))) {
      out += f(m);
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

const A1_REF = /(\$?)([A-Z]{1,3})(\$?)(\d+)/gy;
const R1C1_REF = /R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?/gy;

/** An A1 formula (without "=") as R1C1 relative to the cell at row, col (1-based). */
export function toR1C1(formula: string, row: number, col: number): string {
  return mapRefs(formula, A1_REF, (m) => {
    const r = Number(m[4]);
    const c = colNum(m[2]);
    const rs = m[3] ? `R${r}` : r === row ? "R" : `R[${r - row}]`;
    const cs = m[1] ? `C${c}` : c === col ? "C" : `C[${c - col}]`;
    return rs + cs;
  });
}

/** An R1C1 formula (without "=") as A1 at row, col. */
export function fromR1C1(formula: string, row: number, col: number): string {
  return mapRefs(formula, R1C1_REF, (m) => {
    const part = (s: string | undefined, base: number): [string, number] =>
      s === undefined ? ["", base] : s.startsWith("[") ? ["", base + Number(s.slice(1, -1))] : ["$", Number(s)];
    const [rd, r] = part(m[1], row);
    const [cd, c] = part(m[2], col);
    return `${cd}${colLetters(c)}${rd}${r}`;
  });
}
