// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Organisation switcher: submit on change (the button stays for keyboard and no-JS users).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // Move focus to the error summary so screen readers announce what to fix.
  // Its links move focus to the field itself and scroll its label or legend into view.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var group = field.closest("fieldset");
      var caption = group ? group.querySelector("legend")
        : document.querySelector("label[for='" + CSS.escape(field.id) + "']");
      (caption || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // Styles that depend on data are set through the CSSOM (allowed by our CSP), never inline.
  function applyDynamicStyles(root) {
    root.querySelectorAll("[data-brand-colour]").forEach(function (el) {
      var colour = el.getAttribute("data-brand-colour");
      if (/^#[0-9a-fA-F]{6}$/.test(colour)) { el.style.setProperty("--brand", colour); }
    });
  }
  applyDynamicStyles(document);

  // Live preview and page meter: re-measured on the server while typing (debounced).
  var form = document.getElementById("step-form");
  var target = document.querySelector("[data-preview]");
  if (!form || !target || !form.getAttribute("data-preview-url")) { return; }
  var url = form.getAttribute("data-preview-url");
  var timer = null;
  var inFlight = null;
  // The preview is replaced on every refresh, so it can't be a live region itself: a stable one
  // announces the page meter, only when its verdict changes (fits / smaller type / too long).
  var status = document.querySelector("[data-preview-status]");
  function meterText(part) {
    var el = target.querySelector(part);
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }
  var lastNote = meterText(".meter__note");
  // Over the fair-use limit (429) the server says so in the user's language: keep the last
  // preview, say it once, and ask again only after the wait the server names.
  var pausedUntil = 0;
  var pausedNote = document.querySelector("[data-preview-paused]");
  function backOff(response) {
    var seconds = parseInt(response.headers.get("Retry-After"), 10) || 60;
    pausedUntil = Date.now() + seconds * 1000;
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, seconds * 1000);
    return response.json().then(function (payload) {
      // A busy answer (the previous preview still renders) has no message: just try again.
      if (payload && payload.message) {
        if (status) { status.textContent = payload.message; }
        if (pausedNote) { pausedNote.textContent = payload.message; pausedNote.hidden = false; }
        lastNote = "";
      }
    }, function () { /* no message: the last preview simply stays */ });
  }
  function refresh() {
    if (Date.now() < pausedUntil) { return; }
    if (inFlight) { inFlight.abort(); }
    inFlight = new AbortController();
    var data = new FormData(form);
    data.delete("wizard_goto_step");
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      signal: inFlight.signal
    }).then(function (response) {
      if (response.status === 429) { return backOff(response).then(function () { return null; }); }
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (payload) {
      if (!payload) { return; }
      if (pausedNote) { pausedNote.hidden = true; }
      // The server renders escaped HTML from its own templates.
      target.innerHTML = payload.html;
      applyDynamicStyles(target);
      var note = meterText(".meter__note");
      if (status && note !== lastNote) {
        status.textContent = meterText(".meter__label") + ". " + note;
      }
      lastNote = note;
    }).catch(function () { /* keep the last preview; the page still works without it */ });
  }
  function schedule() {
    if (Date.now() < pausedUntil) { return; }  // the refresh after the pause is already set
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  // Leaving the step: a preview still to come is of no use any more.
  form.addEventListener("submit", function () {
    window.clearTimeout(timer);
    if (inFlight) { inFlight.abort(); }
  });
})();
