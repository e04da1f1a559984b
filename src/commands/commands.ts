/**
 * Ribbon buttons (ExecuteFunction): run without the pane. Every handler calls event.completed(),
 * whatever happens; problems are shown in a small dialog, in the UI language, and completed() waits
 * until the user has closed it (completing the command earlier can close the dialog with it).
 */
import { EVALUATION_TYPES } from "../core/contract";
import { InputError } from "../core/issues";
import { errorMessage, insertTemplate, runScoring } from "../taskpane/actions";
import { type Messages, format, messagesFor } from "../taskpane/i18n";
import { type PaneIssue, plainMessage } from "../taskpane/workflow";

const messages = (): Messages => messagesFor(Office.context?.displayLanguage);

/**
 * Opens dialog.html with a title and lines of text (the ribbon has no other way to speak); resolves
 * once the user has closed it: with the dialog's own close button (it messages "close") or its ×
 * (DialogEventReceived, 12006), or at once if it could not open.
 */
export function notify(title: string, lines: string[]): Promise<void> {
  const url = new URL("dialog.html", window.location.href);
  url.searchParams.set("title", title);
  url.searchParams.set("lines", JSON.stringify(lines.slice(0, 30)));
  url.searchParams.set("close", messages().closeDialog);
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url.toString(), { height: 40, width: 30, displayInIframe: true }, (result) => {
      const dialog = result?.status === Office.AsyncResultStatus.Succeeded ? result.value : undefined;
      if (!dialog) return resolve();
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        resolve();
      });
    });
  });
}

export function problemLines(e: unknown, m: Messages): { title: string; lines: string[] } {
  if (e instanceof InputError)
    return {
      title: m.errorsTitle,
      lines: e.issues.map((i: PaneIssue) =>
        format(m.issueLine, {
          cell: i.subject ? `${i.cell}${m.subjectSeparator}${i.subject}` : i.cell,
          message: plainMessage(i.message, m.notFilled),
        }),
      ),
    };
  return { title: m.title, lines: [format(m.failed, { message: errorMessage(e, m) })] };
}

async function guarded(event: Office.AddinCommands.Event, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    const { title, lines } = problemLines(e, messages());
    await notify(title, lines).catch(() => undefined);
  } finally {
    event.completed();
  }
}

export function scoreCommand(event: Office.AddinCommands.Event): Promise<void> {
  return guarded(event, async () => {
    await runScoring("score");
  });
}

/** 生成报告 from the ribbon: on a workbook of forms, the first form (tab order) with the rule scores. */
export function reportCommand(event: Office.AddinCommands.Event): Promise<void> {
  return guarded(event, async () => {
    await runScoring("report");
  });
}

export function templateCommand(event: Office.AddinCommands.Event): Promise<void> {
  return guarded(event, async () => {
    await insertTemplate(EVALUATION_TYPES[0]);
  });
}

// WPS's ribbon (src/wps/main.ts) imports problemLines from here and has no Office.
if (typeof Office !== "undefined")
  Office.onReady(() => {
    Office.actions.associate("insertTemplate", templateCommand);
    Office.actions.associate("computeScore", scoreCommand);
    Office.actions.associate("generateReport", reportCommand);
  });
