// Progressive enhancement only: every control works without this file.
// - marks <html> with the "js" class;
// - shows the reader's text size and contrast on the controls;
// - sends a rating without reloading the page;
// - shows the print button of the print view.
document.documentElement.classList.add("js");

// A page from a shared cache was made for readers without preferences;
// prefs.js has applied this reader's, and here the controls say so too.
{
  const steps = [100, 125, 150, 175, 200]; // danvan_domain::reader::TEXT_SIZE_STEPS
  const root = document.documentElement;
  const step = steps.findIndex((_, i) => root.classList.contains(`text-${i}`));
  const current = document.querySelector(".reader-controls__current");
  if (current && step >= 0) current.textContent = current.textContent.replace(/\d+\s*%/, `${steps[step]}%`);
  const high = root.classList.contains("contrast-high");
  const [on, off] = document.querySelectorAll(".reader-controls__contrast");
  if (on && off) {
    const [now, other] = high ? [on, off] : [off, on];
    now.setAttribute("aria-current", "true");
    other.removeAttribute("aria-current");
  }
}

for (const form of document.querySelectorAll("form.article-rating__form")) {
  form.addEventListener("submit", async (event) => {
    const button = event.submitter;
    if (!button || button.name !== "diem") return;
    event.preventDefault();
    const data = new URLSearchParams(new FormData(form));
    data.set("diem", button.value);
    const summary = document.getElementById("rating-summary");
    const message = document.getElementById("rating-message");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { Accept: "application/json" },
        body: data,
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (summary && answer.summary) summary.textContent = answer.summary;
      if (message && answer.message) message.textContent = answer.message;
    } catch {
      form.submit();
    }
  });
}

for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
