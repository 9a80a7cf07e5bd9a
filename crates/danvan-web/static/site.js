// Progressive enhancement only: every control works without this file.
// - marks <html> with the "js" class;
// - sends a rating without reloading the page;
// - shows the print button of the print view.
document.documentElement.classList.add("js");

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
