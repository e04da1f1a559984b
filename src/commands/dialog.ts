/** The message dialog of the ribbon commands: a title and lines from the query string. */
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
  root.replaceChildren(h, list);
}

Office.onReady(render);
