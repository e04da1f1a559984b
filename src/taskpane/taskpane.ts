/**
 * The Excel task pane's entry (taskpane.html): starts the pane (src/app/pane) over Excel once
 * office.js is ready. The pane itself is shared with WPS, whose entry is src/wps/pane.ts.
 */
import { MIN_EXCEL_API } from "../adapters/officejs/apiSupport";
import { messagesFor } from "../app/i18n";
import { startPane } from "../app/pane/pane";

// One pane per workbook. The playground calls this again when it loads another workbook. The
// WPS pane has no Office: its own entry (src/wps/pane.ts) starts the pane over the WPS host.
let stopPane: (() => void) | undefined;
if (typeof Office !== "undefined")
  Office.onReady(() => {
    stopPane?.();
    const m = messagesFor(Office.context?.displayLanguage);
    const supported = Boolean(Office.context?.requirements?.isSetSupported("ExcelApi", MIN_EXCEL_API));
    stopPane = startPane(document.getElementById("app") as HTMLElement, m, supported);
  });
