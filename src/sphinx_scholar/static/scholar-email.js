/* sphinx-scholar: the profile's email, written "user [at] domain" in the HTML so that
   address harvesters find nothing, becomes a mailto link for visitors. */
(function () {
  "use strict";
  function init() {
    document.querySelectorAll(".scholar-email[data-user][data-domain]").forEach(function (span) {
      var address = span.getAttribute("data-user") + "@" + span.getAttribute("data-domain");
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.className = "scholar-email";
      link.textContent = address;
      span.replaceWith(link);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
