/**
 * The WPS task pane: the same pane as in Excel (taskpane.ts, its UI and locales) over the WPS
 * host. The ribbon's 打开助手 opens it with Application.CreateTaskPane.
 */
// First: the shims the older engine needs, before any other module runs.
import "./polyfills";
import { messagesFor } from "../app/i18n";
import { paneActions, startPane } from "../app/pane/pane";
import { wpsApplication } from "./wpsApp";
import { etHost } from "./wpsHost";

const app = wpsApplication();
const host = app ? etHost(app) : null;
const m = messagesFor(host?.displayLanguage() ?? navigator.language);
// Outside WPS (no window.Application) the pane says it cannot run here.
startPane(document.getElementById("app") as HTMLElement, m, host !== null, host ? paneActions(host) : undefined);
