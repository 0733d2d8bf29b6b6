/* sphinx-scholar: the publication filters, folded author lists and the BibTeX copy buttons.
   Everything works without this file; it only adds conveniences. */
(function () {
  "use strict";

  // The filters: words over what the card shows (never its folded BibTeX or
  // abstract), kind, year, tag and awards, combined; their state is the page's query
  // string, so a filtered view can be linked. Strings come from data attributes
  // the build wrote, so they are translated with the rest of the page.
  var PARAMS = ["q", "kind", "year", "tag", "award"];

  function shownText(card) {
    var copy = card.cloneNode(true);
    copy.querySelectorAll("details, button, .scholar-card__media").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").toLowerCase();
  }

  function setupFilter(list) {
    var form = list.querySelector(".scholar-filter");
    if (!form) return;
    var output = form.querySelector("output");
    var cards = Array.prototype.slice.call(list.querySelectorAll(".scholar-card"));
    var groups = Array.prototype.slice.call(list.querySelectorAll(".scholar-group"));
    var facts = cards.map(function (card) {
      return {
        text: null,
        kind: card.getAttribute("data-kind") || "",
        year: card.getAttribute("data-year") || "",
        tags: JSON.parse(card.getAttribute("data-tags") || "[]"),
        award: card.hasAttribute("data-award")
      };
    });
    function values() {
      var v = {};
      PARAMS.forEach(function (name) {
        var el = form.elements[name];
        if (!el) return;
        v[name] = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value.trim();
      });
      return v;
    }
    function matches(f, i, v, skip) {
      if (skip !== "kind" && v.kind && f.kind !== v.kind) return false;
      if (skip !== "year" && v.year && f.year !== v.year) return false;
      if (skip !== "tag" && v.tag && f.tags.indexOf(v.tag) === -1) return false;
      if (skip !== "award" && v.award && !f.award) return false;
      if (v.q) {
        if (f.text === null) f.text = shownText(cards[i]);
        var words = v.q.toLowerCase().split(/\s+/).filter(Boolean);
        for (var w = 0; w < words.length; w++) if (f.text.indexOf(words[w]) === -1) return false;
      }
      return true;
    }
    // each option's count: the papers it would show, given the other filters
    function recount(v) {
      ["kind", "year", "tag"].forEach(function (name) {
        var select = form.elements[name];
        if (!select) return;
        var counts = {}, all = 0;
        facts.forEach(function (f, i) {
          if (!matches(f, i, v, name)) return;
          all++;
          var keys = name === "tag" ? f.tags : [f[name]];
          keys.forEach(function (k) { counts[k] = (counts[k] || 0) + 1; });
        });
        Array.prototype.forEach.call(select.options, function (o) {
          o.textContent = o.getAttribute("data-label") + " (" + (o.value ? counts[o.value] || 0 : all) + ")";
        });
      });
      var box = form.elements.award;
      if (box) {
        var n = facts.filter(function (f, i) { return f.award && matches(f, i, v, "award"); }).length;
        var label = form.querySelector('label[for="' + box.id + '"]');
        label.textContent = label.getAttribute("data-label") + " (" + n + ")";
      }
    }
    // a card shown for a folded name opens its author list, so the name is in sight
    function unfold(card, words) {
      var button = card.querySelector('.scholar-authors__more[aria-expanded="false"]');
      if (!button) return;
      var folded = Array.prototype.map.call(card.querySelectorAll(".scholar-authors__fold"),
        function (el) { return el.textContent.toLowerCase(); }).join(" ");
      if (words.some(function (w) { return folded.indexOf(w) !== -1; })) button.click();
    }
    function apply(write) {
      var v = values();
      var words = v.q ? v.q.toLowerCase().split(/\s+/).filter(Boolean) : [];
      var shown = 0;
      facts.forEach(function (f, i) {
        var ok = matches(f, i, v);
        cards[i].hidden = !ok;
        if (ok) shown++;
        if (ok && words.length) unfold(cards[i], words);
      });
      groups.forEach(function (g) { g.hidden = !g.querySelector(".scholar-card:not([hidden])"); });
      recount(v);
      var template = output.getAttribute(shown === cards.length ? "data-all" : "data-some");
      output.textContent = template.replace("{shown}", shown).replace("{total}", cards.length);
      if (write) {
        var params = new URLSearchParams(location.search);
        PARAMS.forEach(function (name) {
          if (v[name]) params.set(name, v[name]); else params.delete(name);
        });
        var query = params.toString();
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }
    // the linked state: only values one of the controls offers
    var params = new URLSearchParams(location.search);
    var linked = false;
    PARAMS.forEach(function (name) {
      var el = form.elements[name], value = params.get(name);
      if (!el || value === null) return;
      linked = true;
      if (el.type === "checkbox") el.checked = value === "1";
      else if (el.tagName === "SELECT") {
        if (Array.prototype.some.call(el.options, function (o) { return o.value === value; })) el.value = value;
      } else el.value = value;
    });
    form.hidden = false;
    // "input" fires for the text field, the selects and the checkbox alike
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    // unfiltered, the page is already as the build wrote it (counts included): touch nothing
    if (linked) apply(false);
  }

  // Folded author lists: every name is in the page; the script hides those after
  // the first few (the owner stays) behind a button that tells its state.
  function setupFold(button) {
    var list = button.parentNode;
    function set(open) {
      list.classList.toggle("scholar-authors--open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = button.getAttribute(open ? "data-fewer" : "data-more");
    }
    button.hidden = false;
    button.addEventListener("click", function () { set(button.getAttribute("aria-expanded") !== "true"); });
    set(false);
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
    document.querySelectorAll(".scholar-authors__more").forEach(setupFold);
    document.querySelectorAll(".scholar-publications").forEach(setupFilter);
    document.querySelectorAll(".scholar-copy").forEach(setupCopy);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
