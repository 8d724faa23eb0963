// The service-hall kiosk (servicehall/): clear the screen after a visitor walks away, and print the receipt.
// Strict CSP: no inline script; settings come from data-* attributes on <body>.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.body;
    var idleSeconds = parseInt(body.getAttribute("data-idle-seconds"), 10) || 120;
    var warnSeconds = parseInt(body.getAttribute("data-warn-seconds"), 10) || 20;
    var resetForm = document.getElementById("kiosk-reset");
    var dialog = document.getElementById("kiosk-idle");
    var counter = document.getElementById("kiosk-idle-seconds");
    var keepGoing = document.getElementById("kiosk-idle-continue");
    var idleTimer = null, countdown = null, left = 0;

    function clearForms() {
      // What the visitor typed never survives a reset, even in the page the browser may keep in memory.
      Array.prototype.forEach.call(document.forms, function (form) {
        if (form.id !== "kiosk-reset") { form.reset(); }
      });
      Array.prototype.forEach.call(document.querySelectorAll("input:not([type=hidden]), textarea"), function (el) {
        if (el.type === "checkbox" || el.type === "radio") { el.checked = false; } else { el.value = ""; }
      });
    }

    function reset() {
      clearForms();
      if (resetForm) { resetForm.submit(); } else { window.location.replace("/hall/"); }
    }

    function hideWarning() {
      if (countdown) { window.clearInterval(countdown); countdown = null; }
      if (dialog) { dialog.hidden = true; }
    }

    function warn() {
      if (!dialog) { reset(); return; }
      left = warnSeconds;
      counter.textContent = String(left);
      dialog.hidden = false;
      keepGoing.focus();
      countdown = window.setInterval(function () {
        left -= 1;
        counter.textContent = String(left);
        if (left <= 0) { hideWarning(); reset(); }
      }, 1000);
    }

    function activity() {
      if (countdown) { return; } // while warning, only the button keeps the session
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(warn, idleSeconds * 1000);
    }

    ["pointerdown", "keydown", "input", "touchstart", "scroll"].forEach(function (name) {
      document.addEventListener(name, activity, { passive: true });
    });
    if (keepGoing) {
      keepGoing.addEventListener("click", function () { hideWarning(); activity(); });
    }
    if (resetForm) {
      resetForm.addEventListener("submit", clearForms);
    }
    // A page brought back from the browser's back/forward cache must not show the previous visitor's input.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { clearForms(); window.location.reload(); }
    });
    var printButton = document.getElementById("print-button");
    if (printButton) {
      printButton.addEventListener("click", function () { window.print(); });
    }
    activity();
  });
})();
