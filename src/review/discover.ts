/**
 * The files of a review: each IN as given when it is a file (or does not exist: then it is
 * reported as unreadable), every file of a form format under it when it is a folder (.xlsx, .xlsm,
 * .xls, .et, .docx, .doc; recursively, in name order, skipping Office's `~$` lock files and hidden
 * entries). `exclude` (the summary itself) is left out.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { INPUT_EXTENSIONS } from "../adapters/formats/inputFile";
import { oneOf } from "../core/contract";

const isFormFile = (name: string) => oneOf(INPUT_EXTENSIONS, path.extname(name).toLowerCase()) !== undefined;

export async function discover(inputs: readonly string[], exclude: readonly string[] = []): Promise<string[]> {
  const seen = new Set(exclude.map((f) => path.resolve(f)));
  const files: string[] = [];
  const add = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name.startsWith("~$")) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && isFormFile(e.name)) add(full);
    }
  };
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => undefined);
    if (stat?.isDirectory()) await walk(input);
    else add(input);
  }
  return files;
}
