// The document body's editor in the page's language, and named for assistive technology (disclosure/widgets.py).
// A deferred classic script listed before the editor's modules, so window.gettext is in place when the editor
// reads it for its dialogs; the toolbar's own English titles are replaced once the editor is ready.
(function () {
  "use strict";
  var labels = {};
  document.querySelectorAll("textarea[data-editor-labels]").forEach(function (area) {
    try {
      Object.assign(labels, JSON.parse(area.getAttribute("data-editor-labels")));
    } catch (error) {
      /* no labels: the editor keeps its own */
    }
  });
  var has = function (text) {
    return typeof text === "string" && Object.prototype.hasOwnProperty.call(labels, text.trim());
  };
  var base = window.gettext;
  window.gettext = function (text) {
    if (has(text)) return labels[text.trim()];
    return base ? base(text) : text;
  };

  function relabel(root) {
    root.querySelectorAll("[title], [aria-label]").forEach(function (element) {
      ["title", "aria-label"].forEach(function (name) {
        var value = element.getAttribute(name);
        if (has(value)) element.setAttribute(name, labels[value.trim()]);
      });
    });
    // The block-type dropdown's entries show their name as text (icon buttons show a ligature name: kept).
    root.querySelectorAll(".prose-menubar__option > *").forEach(function (element) {
      if (element.children.length === 0 && has(element.textContent)) {
        element.textContent = labels[element.textContent.trim()];
      }
    });
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var textarea = event.detail.textarea;
    var editor = event.detail.editor;
    var container = textarea.closest(".prose-editor") || textarea.parentElement;
    relabel(container);
    // The menu bar is built (and its dropdown's current entry redrawn) after this event: relabel what is added.
    new MutationObserver(function () {
      relabel(container);
    }).observe(container, { childList: true, subtree: true });
    var area = editor && editor.view ? editor.view.dom : container.querySelector(".ProseMirror");
    var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
    if (area && label) {
      if (!label.id) label.id = textarea.id + "_label";
      area.setAttribute("aria-labelledby", label.id);
      area.setAttribute("role", "textbox");
      area.setAttribute("aria-multiline", "true");
      var help = textarea.getAttribute("aria-describedby");
      if (help) area.setAttribute("aria-describedby", help);
      // The label points at the hidden textarea; clicking it should reach the editing area instead.
      label.addEventListener("click", function (click) {
        click.preventDefault();
        editor.commands.focus();
      });
    }
  });
})();
