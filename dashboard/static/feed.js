// The live feed: Server-Sent Events from /api/stream. The browser resends the last event id when it
// reconnects, and the first connection starts after the newest row rendered, so nothing is missed.
(function () {
  document.querySelectorAll("form.filters select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  const body = document.getElementById("feed");
  const live = document.getElementById("live");
  if (!body) return;
  const params = new URLSearchParams(body.dataset.query || "");
  if (body.dataset.lastId) params.set("last_id", body.dataset.lastId);
  const source = new EventSource("/api/stream?" + params.toString());
  source.onopen = () => { live.dataset.state = "open"; };
  source.onerror = () => { live.dataset.state = "error"; };
  source.addEventListener("alert", (event) => {
    const template = document.createElement("template");
    template.innerHTML = JSON.parse(event.data).html.trim();
    const row = template.content.firstElementChild;
    if (body.querySelector(`tr[data-id="${row.dataset.id}"]`)) return;
    row.classList.add("fresh");
    body.prepend(row);
    const empty = document.getElementById("empty");
    if (empty) empty.remove();
  });
})();
