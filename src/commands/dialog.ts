/**
 * The message dialog of the ribbon commands: a title and lines from the query string, and a close
 * button (the command that opened it completes only once it is closed).
 */
function render(): void {
  const params = new URLSearchParams(window.location.search);
  const title = params.get("title") ?? "";
  let lines: string[] = [];
  try {
    lines = JSON.parse(params.get("lines") ?? "[]") as string[];
  } catch {
    lines = [];
  }
  document.title = title;
  const root = document.getElementById("app") as HTMLElement;
  const h = document.createElement("h1");
  h.className = "jx-header";
  h.textContent = title;
  const list = document.createElement("ul");
  for (const line of lines) {
    const li = document.createElement("li");
    li.textContent = line;
    list.append(li);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.id = "jx-close";
  close.textContent = params.get("close") ?? "OK";
  close.addEventListener("click", () => Office.context.ui.messageParent("close"));
  root.replaceChildren(h, list, close);
  close.focus();
}

Office.onReady(render);
