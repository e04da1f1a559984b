/**
 * What the ribbon commands say in their dialog, and how it travels: a title and the run's typed
 * problems (worded in the dialog, in the UI's language) or lines of text, in dialog.html's query
 * string — the channel every DialogApi host has (messageChild needs DialogApi 1.2). Both ends of
 * that query are here.
 */
import { errorMessage } from "./actions";
import { InputError } from "../core/issues";
import { type Messages, format, localeOf, messagesFor } from "./i18n";
import { portableProblem, problemLine } from "./problemText";
import type { PaneProblem } from "./workflow";

export interface Notice {
  title: string;
  problems?: PaneProblem[];
  lines?: string[];
}

/** The most problems or lines the dialog lists (they travel in its URL). */
const MOST = 30;

/** The query of dialog.html for a notice (commands.ts). */
export function noticeQuery(notice: Notice, m: Messages): URLSearchParams {
  const q = new URLSearchParams();
  q.set("title", notice.title);
  if (notice.problems) q.set("problems", JSON.stringify(notice.problems.slice(0, MOST).map(portableProblem)));
  else q.set("lines", JSON.stringify((notice.lines ?? []).slice(0, MOST)));
  q.set("lang", localeOf(m));
  q.set("close", m.closeDialog);
  return q;
}

/** A notice as lines of text: each problem worded from its code (the dialog, WPS's message box). */
export function noticeText(notice: Notice, m: Messages): string[] {
  return notice.problems ? notice.problems.map((p) => problemLine(p, m)) : (notice.lines ?? []);
}

/** The dialog's lines from its query (dialog.ts), worded in the query's `lang`. */
export function noticeLines(q: URLSearchParams): string[] {
  const notice = { title: "", problems: parseList<PaneProblem>(q.get("problems")), lines: parseList<string>(q.get("lines")) };
  return noticeText(notice, messagesFor(q.get("lang") ?? undefined));
}

function parseList<T>(json: string | null): T[] | undefined {
  if (json === null) return undefined;
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? (list as T[]) : undefined;
  } catch {
    return undefined;
  }
}

/** What a failed command says: the run's problems (InputError), else the failure in the host's words. */
export function noticeOf(e: unknown, m: Messages): Notice {
  if (e instanceof InputError) return { title: m.errorsTitle, problems: e.issues };
  return { title: m.title, lines: [format(m.failed, { message: errorMessage(e, m) })] };
}

/** The notice as lines of text (WPS's message box), worded as the dialog words them. */
export function problemLines(e: unknown, m: Messages): { title: string; lines: string[] } {
  const notice = noticeOf(e, m);
  return { title: notice.title, lines: noticeText(notice, m) };
}
