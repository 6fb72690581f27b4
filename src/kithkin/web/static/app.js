// Every htmx request carries the session's CSRF token (no inline scripts: CSP forbids them).
document.addEventListener("htmx:configRequest", (event) => {
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) event.detail.headers["X-CSRF-Token"] = meta.content;
});

// A Print button (shown only when scripts run; the page prints well with Ctrl+P too).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

// htmx leaves the page as it is when a request fails (4xx/5xx): say why, beside what was used.
// The message is the answer's own alert (every error page has one), set as text, never HTML.
document.addEventListener("htmx:responseError", (event) => {
  const answer = event.detail.xhr;
  const page = new DOMParser().parseFromString(answer.responseText || "", "text/html");
  const alert = page.querySelector('[role="alert"]');
  const message = (alert && alert.textContent.trim()) || `That did not work (${answer.status}).`;
  const source = event.detail.elt;
  let note = source.nextElementSibling;
  if (!note || !note.classList.contains("htmx-problem")) {
    note = document.createElement("p");
    note.className = "htmx-problem problem";
    note.setAttribute("role", "alert");
    source.insertAdjacentElement("afterend", note);
  }
  note.textContent = message;
});
