/* Progressive enhancement only: every control works without this file. */
(function () {
  "use strict";
  // Large-text toggle: switch at once, remember the choice, and keep the server-side cookie in step.
  var form = document.getElementById("display-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var html = document.documentElement;
      var large = !html.classList.contains("large-text");
      html.classList.toggle("large-text", large);
      var mode = large ? "large" : "standard";
      document.cookie = "gk_display=" + mode + "; path=/; max-age=31536000; samesite=lax" +
        (location.protocol === "https:" ? "; secure" : "");
      var button = document.getElementById("display-toggle");
      button.setAttribute("aria-pressed", large ? "true" : "false");
      button.textContent = large ? button.dataset.standardLabel : button.dataset.largeLabel;
      form.querySelector("input[name=mode]").value = large ? "standard" : "large";
    });
  }
  // Print buttons (print views offer one; without JS the browser's own print works).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Confirm destructive actions described by data-confirm.
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      if (!window.confirm(f.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
