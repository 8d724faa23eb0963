/* Progressive enhancement only: every control works without this file. */
(function () {
  "use strict";
  // Display-mode toggles (portal/display.py): switch at once, remember the choice, keep the cookie in step.
  var html = document.documentElement;
  var forms = Array.prototype.slice.call(document.querySelectorAll("form.display-form"));
  function activeModes() {
    return forms.filter(function (f) { return html.classList.contains(f.dataset.css); })
      .map(function (f) { return f.dataset.mode; });
  }
  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var on = !html.classList.contains(form.dataset.css);
      html.classList.toggle(form.dataset.css, on);
      var value = activeModes().join(".") || "standard";
      document.cookie = "gk_display=" + value + "; path=/; max-age=31536000; samesite=lax" +
        (location.protocol === "https:" ? "; secure" : "");
      var button = form.querySelector("button");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? button.dataset.offLabel : button.dataset.onLabel;
      form.querySelector("input[name=state]").value = on ? "off" : "on";
      updateReadAloud();
    });
  });
  // Read-aloud (large-text mode only): the browser's own speech synthesis, nothing sent anywhere.
  var reader = document.getElementById("read-aloud");
  var speech = window.speechSynthesis;
  function stopReading() {
    if (speech) { speech.cancel(); }
    if (reader) { reader.textContent = reader.dataset.startLabel; reader.setAttribute("aria-pressed", "false"); }
  }
  function updateReadAloud() {
    if (!reader) { return; }
    var available = !!speech && typeof window.SpeechSynthesisUtterance === "function";
    reader.hidden = !(available && html.classList.contains("large-text"));
    if (reader.hidden) { stopReading(); }
  }
  if (reader) {
    reader.addEventListener("click", function () {
      if (speech.speaking) { stopReading(); return; }
      var selected = String(window.getSelection ? window.getSelection() : "").trim();
      var main = document.getElementById("main");
      var text = selected || (main ? main.innerText : document.body.innerText);
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = html.lang || "zh-CN";
      utterance.onend = stopReading;
      speech.speak(utterance);
      reader.textContent = reader.dataset.stopLabel;
      reader.setAttribute("aria-pressed", "true");
    });
    updateReadAloud();
  }
  // Print buttons (print views offer one; without JS the browser's own print works).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Tables that reflow into blocks on a phone (CSS display changes drop a table's semantics in some browsers):
  // the roles are added here rather than in the HTML, where the Nu checker rightly calls them redundant.
  document.querySelectorAll("table.catalog-table").forEach(function (table) {
    table.setAttribute("role", "table");
    table.querySelectorAll("thead, tbody, tfoot").forEach(function (group) { group.setAttribute("role", "rowgroup"); });
    table.querySelectorAll("tr").forEach(function (row) { row.setAttribute("role", "row"); });
    table.querySelectorAll("td").forEach(function (cell) { cell.setAttribute("role", "cell"); });
    table.querySelectorAll("th").forEach(function (cell) {
      cell.setAttribute("role", cell.getAttribute("scope") === "row" ? "rowheader" : "columnheader");
    });
  });
  // Confirm destructive actions described by data-confirm.
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      if (!window.confirm(f.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
