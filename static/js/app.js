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

  // Local copies of unsaved step text (see the autosave below) belong to one user: a page of
  // a logged-in user drops other users' copies, and logging out drops them all.
  var DRAFT_PREFIX = "policybuilder:draft:";
  function localStore() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  function dropDrafts(keep) {
    var store = localStore();
    if (!store) { return; }
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(DRAFT_PREFIX) === 0 && !(keep && key.indexOf(keep) === 0)) {
        store.removeItem(key);
      }
    }
  }
  var currentUser = document.body.getAttribute("data-user");
  if (currentUser) { dropDrafts(DRAFT_PREFIX + currentUser + ":"); }
  document.querySelectorAll("form[data-logout]").forEach(function (logout) {
    logout.addEventListener("submit", function () { dropDrafts(null); });
  });

  // Any other form of a logged-in page that holds typed text (a comment, an invitation, the
  // consent dossier): when the session has ended (a timeout, a logout in another tab), sending
  // it would lose the text to the login page. The server is asked first; while logged out,
  // the form stays as it is, with its text, and offers the login in a new tab. (The step
  // form does the same in its autosave, below.)
  var sessionStateUrl = document.body.getAttribute("data-session-url");
  var TYPED = /^(text|email|url|tel|number|search|date)$/;
  function typedIn(someForm) {
    return Array.prototype.some.call(someForm.elements, function (field) {
      var typed = field.tagName === "TEXTAREA" || (field.tagName === "INPUT" && TYPED.test(field.type));
      return typed && field.value !== field.defaultValue;
    });
  }
  function loggedOutNotice(someForm) {
    var notice = someForm.querySelector("[data-logged-out]");
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "notice notice--warning";
      notice.setAttribute("data-logged-out", "");
      notice.setAttribute("role", "alert");
      var text = document.createElement("p");
      text.textContent = document.body.getAttribute("data-logged-out-text");
      var link = document.createElement("a");
      link.href = document.body.getAttribute("data-login-url");
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = document.body.getAttribute("data-login-link");
      var line = document.createElement("p");
      line.appendChild(link);
      notice.appendChild(text);
      notice.appendChild(line);
      someForm.insertBefore(notice, someForm.firstChild);
    }
    notice.hidden = false;
    notice.scrollIntoView({ block: "nearest" });
  }
  if (currentUser && sessionStateUrl) {
    document.addEventListener("submit", function (event) {
      var sent = event.target;
      if (sent.id === "step-form" || sent.method.toLowerCase() !== "post") { return; }
      if (sent.hasAttribute("data-session-checked") || !typedIn(sent)) { return; }
      event.preventDefault();
      // A second click while the server is asked sends nothing more.
      if (sent.hasAttribute("data-session-checking")) { return; }
      sent.setAttribute("data-session-checking", "");
      var submitter = event.submitter || null;
      function send() {
        // The submit event this sends is let through (it comes synchronously); a later one,
        // after a Back to this page, asks again.
        sent.setAttribute("data-session-checked", "");
        if (sent.requestSubmit) { sent.requestSubmit(submitter); } else { sent.submit(); }
        sent.removeAttribute("data-session-checked");
      }
      fetch(sessionStateUrl, {
        credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" }
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (state) {
        sent.removeAttribute("data-session-checking");
        if (!state.authenticated) { loggedOutNotice(sent); return; }
        // A login in another tab changed the token; the cookie cannot be read here.
        sent.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
          input.value = state.csrf_token;
        });
        var notice = sent.querySelector("[data-logged-out]");
        if (notice) { notice.hidden = true; }
        send();
      }, function () {
        sent.removeAttribute("data-session-checking");
        send(); // the server cannot be asked: send as a form always does
      });
    });
  }

  // Live preview and page meter: re-measured on the server while typing (debounced).
  var form = document.getElementById("step-form");
  var target = document.querySelector("[data-preview]");
  if (!form || !target || !form.getAttribute("data-preview-url")) { return; }
  var url = form.getAttribute("data-preview-url");
  var timer = null;
  // The page's own requests (preview, autosave, session check) go one at a time, in line:
  // an answer that is no longer wanted is ignored rather than aborted, since an aborted
  // request still runs on the server, beside the next one.
  var line = Promise.resolve();
  function inLine(task) {
    var turn = line.then(task, task);
    line = turn.then(function () {}, function () {});
    return turn;
  }
  var previewWaiting = false;
  var previewNumber = 0;
  // The preview is replaced on every refresh, so it can't be a live region itself: a stable one
  // announces the page meter, only when its verdict changes (fits / smaller type / too long).
  var status = document.querySelector("[data-preview-status]");
  function meterText(part) {
    var el = target.querySelector(part);
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }
  var lastNote = meterText(".meter__note");
  // The meters in short, in a bar that stays in view where the preview is below the form.
  var bar = document.querySelector("[data-meter-bar]");
  function updateBar() {
    if (!bar) { return; }
    var meter = target.querySelector("[data-meter]");
    if (!meter) { bar.hidden = true; return; }
    var over = meter.classList.contains("meter--over");
    var smaller = meter.classList.contains("meter--smaller");
    var verdict = bar.getAttribute(over ? "data-page-over" : smaller ? "data-page-smaller" : "data-page-fits");
    bar.querySelector("[data-meter-bar-page]").textContent = meterText(".meter__label") + ": " + verdict;
    bar.classList.toggle("meter-bar--over", over);
    bar.classList.toggle("meter-bar--smaller", smaller);
    var read = target.querySelector(".readability");
    var readLine = bar.querySelector("[data-meter-bar-read]");
    if (read) {
      var hard = read.classList.contains("readability--hard");
      var score = read.querySelector("strong");
      readLine.textContent = bar.getAttribute("data-readability")
        .replace("{score}", score ? score.textContent.trim() : "") + ": " +
        bar.getAttribute(hard ? "data-hard" : "data-easy");
      readLine.classList.toggle("meter-bar__read--hard", hard);
      readLine.hidden = false;
    } else {
      readLine.hidden = true;
    }
    bar.hidden = false;
  }
  updateBar();
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
    // One preview waiting in line is enough: it reads the form when its turn comes.
    if (previewWaiting) { return; }
    previewWaiting = true;
    inLine(function () {
      previewWaiting = false;
      var number = ++previewNumber;
      var data = new FormData(form);
      data.delete("wizard_goto_step");
      return fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        if (response.status === 429) { return backOff(response).then(function () { return null; }); }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (payload) {
        if (!payload || number !== previewNumber) { return; }
        if (pausedNote) { pausedNote.hidden = true; }
        // The server renders escaped HTML from its own templates.
        target.innerHTML = payload.html;
        applyDynamicStyles(target);
        updateBar();
        var note = meterText(".meter__note");
        if (status && note !== lastNote) {
          status.textContent = meterText(".meter__label") + ". " + note;
        }
        lastNote = note;
      });
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
  form.addEventListener("submit", function () { window.clearTimeout(timer); });

  // Autosave: what is typed goes to the server ~2 s after a pause, when a field is left and
  // when the page is hidden or closed; until the server has it, a copy stays in this browser.
  var autosaveUrl = form.getAttribute("data-autosave-url");
  var sessionUrl = form.getAttribute("data-session-url");
  var statusLine = document.querySelector("[data-autosave-status]");
  if (!autosaveUrl || !statusLine) { return; }
  var draftKey = DRAFT_PREFIX + form.getAttribute("data-draft-key");
  var baseInput = form.querySelector("input[name$='-base_hash']");
  var loginNotice = document.querySelector("[data-autosave-login]");
  var restoreBox = document.querySelector("[data-autosave-restore]");
  var conflictBox = document.querySelector("[data-autosave-conflict]");
  var SKIP = /(^csrfmiddlewaretoken$|^wizard_goto_step$|-current_step$|-base_hash$)/;

  function fields() {
    // What the user typed and chose, as [name, value] pairs in form order.
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (!SKIP.test(name) && typeof value === "string") { pairs.push([name, value]); }
    });
    return pairs;
  }
  function normalised(pairs) {
    // The server trims and tidies text; a copy differing only in spaces is the same text.
    return JSON.stringify(pairs.map(function (pair) {
      return [pair[0], pair[1].replace(/\s+/g, " ").trim()];
    }));
  }
  function say(text, warning) {
    statusLine.textContent = text;
    statusLine.classList.toggle("autosave-status--warning", Boolean(warning));
  }
  function timeNow(date) {
    var d = date || new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  function readLocal() {
    var store = localStore();
    if (!store) { return null; }
    try { return JSON.parse(store.getItem(draftKey) || "null"); } catch (error) { return null; }
  }
  function writeLocal() {
    var store = localStore();
    if (!store) { return; }
    try {
      store.setItem(draftKey, JSON.stringify({
        time: Date.now(), base: baseInput ? baseInput.value : "", fields: fields()
      }));
    } catch (error) { /* storage full or refused: the server save still runs */ }
  }
  function clearLocal() {
    var store = localStore();
    if (store) { store.removeItem(draftKey); }
  }
  function setTokens(token) {
    document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
      input.value = token;
    });
  }

  var saved = normalised(fields()); // what the server has, as far as this page knows
  var saveTimer = null;
  var saving = null;      // the save on its way, a promise
  var again = false;      // more was typed while a save was on its way
  var stopped = false;    // a conflict or a refusal: the user decides first
  var sessionGone = false;
  var leaving = false;    // the form is being submitted: the page goes on by itself
  var allowSubmit = false;
  var retryDelay = 2000;
  var retryTimer = null;
  var sessionPoll = null;

  function dirty() { return normalised(fields()) !== saved; }

  function showLogin() {
    sessionGone = true;
    if (loginNotice) {
      // The status line says it (announced); the notice below it offers the login.
      var text = loginNotice.querySelector("[data-login-text]");
      say(text.textContent, true);
      text.hidden = true;
      loginNotice.hidden = false;
    }
    if (!sessionPoll) { sessionPoll = window.setInterval(resume, 15000); }
  }
  function hideLogin() {
    sessionGone = false;
    if (loginNotice) { loginNotice.hidden = true; }
    if (sessionPoll) { window.clearInterval(sessionPoll); sessionPoll = null; }
  }
  function checkSession() {
    // Is the session still there? Also brings the current CSRF token (a login in another tab
    // changes it, and the cookie cannot be read here).
    return fetch(sessionUrl, {
      credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (state) {
      setTokens(state.csrf_token);
      return state.authenticated;
    });
  }
  function resume() {
    if (!sessionGone) { return; }
    inLine(checkSession).then(function (authenticated) {
      if (authenticated) { hideLogin(); save(false); }
    }, function () { /* still unreachable: try on the next focus or tick */ });
  }
  function retryLater() {
    say(statusLine.getAttribute(navigator.onLine === false ? "data-offline" : "data-retrying"), true);
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(function () { save(false); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }
  function showConflict(html) {
    stopped = true;
    say(statusLine.getAttribute("data-conflict"), true);
    if (!conflictBox) { return; }
    // The server renders escaped HTML from its own template.
    conflictBox.querySelector("[data-conflict-body]").innerHTML = html;
    conflictBox.hidden = false;
    conflictBox.querySelector("form").addEventListener("submit", function () {
      leaving = true;
      clearLocal();
    });
    var heading = conflictBox.querySelector("h2");
    heading.scrollIntoView();
    heading.focus({ preventScroll: true });
  }

  function save(keepalive, csrfRetried) {
    window.clearTimeout(saveTimer);
    if (stopped || leaving || !dirty()) { return Promise.resolve(); }
    if (saving) { again = true; return saving; }
    var data = new FormData(form);
    data.delete("wizard_goto_step");
    var sent = normalised(fields());
    typingSince = 0;
    var finish = function () { saving = null; };
    say(statusLine.getAttribute("data-saving"));
    // In line with the preview; a page that is closing cannot wait for its turn.
    var send = function () {
      return fetch(autosaveUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        keepalive: Boolean(keepalive),
        headers: { Accept: "application/json", "X-Requested-With": "fetch" }
      });
    };
    saving = (keepalive ? send() : inLine(send)).then(function (response) {
      return response.json().then(function (payload) {
        return { status: response.status, payload: payload };
      }, function () { return { status: response.status, payload: {} }; });
    }).then(function (answer) {
      finish();
      var payload = answer.payload;
      if (answer.status === 200) {
        retryDelay = 2000;
        hideLogin();
        saved = sent;
        if (baseInput && payload.base_hash) { baseInput.value = payload.base_hash; }
        if (normalised(fields()) === sent) { clearLocal(); } else { writeLocal(); }
        say(statusLine.getAttribute("data-saved").replace("{time}", payload.saved_at));
        if (again) { again = false; return save(false); }
      } else if (answer.status === 401) {
        showLogin();
      } else if (answer.status === 403 && payload.error === "csrf" && !csrfRetried) {
        // The token changed (a login in another tab): fetch the new one and send again.
        return inLine(checkSession).then(function (authenticated) {
          if (!authenticated) { showLogin(); return null; }
          return save(keepalive, true);
        });
      } else if (answer.status === 403 && payload.error === "csrf") {
        showLogin();
      } else if (answer.status === 403 || answer.status === 400) {
        // Refused, or a request the server cannot take: sending it again would not help.
        stopped = true;
        say(payload.message || "", true);
      } else if (answer.status === 400 && payload.error === "locked") {
        say(payload.message || "", true);
      } else if (answer.status === 409) {
        showConflict(payload.html || "");
      } else {
        retryLater();
      }
      return null;
    }, function () {
      // No answer at all: offline, or the server is restarting. Kept here; tried again.
      finish();
      if (!leaving) { retryLater(); }
    });
    return saving;
  }
  function scheduleSave(delay) {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(function () { save(false); }, delay);
  }

  var typingSince = 0;
  function edited() {
    if (dirty()) { writeLocal(); } else { clearLocal(); }
    // Saved after a pause, and at least every 10 s while typing goes on without one.
    if (!typingSince) { typingSince = Date.now(); }
    if (Date.now() - typingSince > 10000) { save(false); } else { scheduleSave(2000); }
  }
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("focusout", function () { scheduleSave(300); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { save(true); } else { resume(); }
  });
  window.addEventListener("pagehide", function () { save(true); });
  window.addEventListener("focus", resume);
  window.addEventListener("online", function () { retryDelay = 2000; save(false); });

  // Next, Previous and Finish: when the session is gone, stay on the page with the text
  // (without this script the form posts as it always did).
  form.addEventListener("submit", function (event) {
    if (allowSubmit) { leaving = true; return; }
    event.preventDefault();
    var submitter = event.submitter;
    window.clearTimeout(saveTimer);
    writeLocal();
    inLine(checkSession).then(function (authenticated) {
      if (!authenticated) { showLogin(); return; }
      hideLogin();
      allowSubmit = true;
      leaving = true;
      if (form.requestSubmit) { form.requestSubmit(submitter || null); } else { form.submit(); }
    }, function () { retryLater(); });
  });

  // A copy on this device that the server does not have: offer it next to what is stored.
  var local = readLocal();
  if (local && local.fields && normalised(local.fields) !== saved && restoreBox) {
    var restoreButton = restoreBox.querySelector("[data-restore]");
    restoreButton.textContent = restoreButton.getAttribute("data-label")
      .replace("{time}", timeNow(new Date(local.time)));
    restoreBox.hidden = false;
    restoreButton.addEventListener("click", function () {
      var values = {};
      local.fields.forEach(function (pair) {
        (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
      });
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || SKIP.test(field.name) || field.type === "submit") { return; }
        var given = values[field.name] || [];
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = given.indexOf(field.value) !== -1;
        } else {
          field.value = given.length ? given[0] : "";
        }
      });
      // The version the text was typed on: a change saved since then is a conflict.
      if (baseInput && local.base) { baseInput.value = local.base; }
      restoreBox.hidden = true;
      form.dispatchEvent(new Event("change", { bubbles: true }));
      save(false);
      var first = form.querySelector("textarea, input:not([type=hidden])");
      if (first) { first.focus({ preventScroll: true }); }
    });
    restoreBox.querySelector("[data-restore-discard]").addEventListener("click", function () {
      clearLocal();
      restoreBox.hidden = true;
    });
  } else if (local) {
    clearLocal();
  }
})();

// Copy buttons: `data-copy="id"` copies that field's value (the field stays for copying by hand).
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        var status = document.getElementById(button.getAttribute("data-copy") + "-copied");
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      } else {
        field.select();
        document.execCommand("copy");
        done();
      }
    });
  });
})();
