/* sphinx-scholar: the publication filter box and the BibTeX copy buttons.
   Everything works without this file; it only adds conveniences. */
(function () {
  "use strict";

  function setupFilter(list) {
    var box = list.querySelector(".scholar-filter");
    if (!box) return;
    var input = box.querySelector("input");
    var output = box.querySelector("output");
    var cards = Array.prototype.slice.call(list.querySelectorAll(".scholar-card"));
    var groups = Array.prototype.slice.call(list.querySelectorAll(".scholar-group"));
    var texts = null;
    box.hidden = false;
    function apply() {
      if (!texts) texts = cards.map(function (c) { return c.textContent.toLowerCase(); });
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      cards.forEach(function (card, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        card.hidden = !match;
        if (match) shown++;
      });
      groups.forEach(function (g) { g.hidden = !g.querySelector(".scholar-card:not([hidden])"); });
      var template = output.dataset.template || "{shown} of {total} papers";
      output.textContent = words.length
        ? template.replace("{shown}", shown).replace("{total}", cards.length) : "";
    }
    input.addEventListener("input", apply);
  }

  function setupCopy(button) {
    var code = button.parentNode.querySelector("code");
    if (!code || !navigator.clipboard) return;
    var label = button.querySelector(".scholar-copy__label");
    var original = label.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        label.textContent = button.dataset.copied || "Copied";
        setTimeout(function () { label.textContent = original; }, 2000);
      }, function () { label.textContent = button.dataset.copyFailed || "Copy failed"; });
    });
  }

  function init() {
    document.querySelectorAll(".scholar-publications").forEach(setupFilter);
    document.querySelectorAll(".scholar-copy").forEach(setupCopy);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
