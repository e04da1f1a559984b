/**
 * Ribbon buttons (ExecuteFunction): run without the pane. Every handler calls event.completed(),
 * whatever happens; problems are shown in a small dialog, in the UI language, and completed() waits
 * until the user has closed it (completing the command earlier can close the dialog with it).
 */
import { EVALUATION_TYPES } from "../core/contract";
import { insertTemplate, runScoring } from "../app/actions";
import { type Messages, messagesFor } from "../app/i18n";
import { type Notice, noticeOf, noticeQuery } from "../app/notice";

const messages = (): Messages => messagesFor(Office.context?.displayLanguage);

/**
 * Opens dialog.html with a notice (the ribbon has no other way to speak); resolves once the user
 * has closed it: with the dialog's own close button (it messages "close") or its × (DialogEventReceived,
 * 12006), or at once if it could not open. The problems travel as typed data (notice.ts).
 */
export function notify(notice: Notice): Promise<void> {
  const url = new URL("dialog.html", window.location.href);
  url.search = noticeQuery(notice, messages()).toString();
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

async function guarded(event: Office.AddinCommands.Event, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    await notify(noticeOf(e, messages())).catch(() => undefined);
  } finally {
    event.completed();
  }
}

/** A run that scored: forms that could not be read beside the others are listed in the dialog (no pane lists them). */
async function scoreAndTell(command: "score" | "report"): Promise<void> {
  const { summary } = await runScoring(command);
  if (summary.errors.length > 0) await notify({ title: messages().errorsTitle, problems: summary.errors });
}

export function scoreCommand(event: Office.AddinCommands.Event): Promise<void> {
  return guarded(event, () => scoreAndTell("score"));
}

/** 生成报告 from the ribbon: on a workbook of forms, the first form (tab order) with the rule scores. */
export function reportCommand(event: Office.AddinCommands.Event): Promise<void> {
  return guarded(event, () => scoreAndTell("report"));
}

export function templateCommand(event: Office.AddinCommands.Event): Promise<void> {
  return guarded(event, async () => {
    await insertTemplate(EVALUATION_TYPES[0]);
  });
}

if (typeof Office !== "undefined")
  Office.onReady(() => {
    Office.actions.associate("insertTemplate", templateCommand);
    Office.actions.associate("computeScore", scoreCommand);
    Office.actions.associate("generateReport", reportCommand);
  });
