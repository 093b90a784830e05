/*
 * The installable site, on the page's side (written by kurikulum build into luring/).
 *
 * Registers the service worker (sw.js at the site root) when the browser can have one: a
 * secure context (https, or 127.0.0.1 in tests) and not file://, where it does nothing at
 * all. Tells the worker the reader's language (it keeps that language's home and topic
 * pages), and runs the "Simpan untuk offline" button of topic pages: the size to download
 * first, then the progress. The button stays hidden wherever there is no worker.
 */
(function () {
  "use strict";

  if (location.protocol === "file:" || !window.isSecureContext || !("serviceWorker" in navigator)) return;

  function siteRoot() {
    var element = document.getElementById("__config");
    var base = element ? JSON.parse(element.textContent).base : ".";
    return new URL((base || ".").replace(/\/?$/, "/"), location.href);
  }

  var lang = document.documentElement.lang;
  var root = siteRoot();

  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      worker.postMessage(message, [channel.port2]);
    });
  }

  function megabytes(bytes) {
    var number = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return number.format(Math.max(bytes, 100000) / 1e6) + " MB";
  }

  function words(box, name, values) {
    return (box.getAttribute("data-" + name) || "").replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? values[key] : all;
    });
  }

  function saveButton(worker) {
    var box = document.querySelector("[data-rh-save]");
    if (!box) return;
    var button = box.querySelector("button");
    var hint = box.querySelector("[data-rh-save-hint]");
    var progress = box.querySelector("progress");
    var status = box.querySelector("[data-rh-save-status]");
    var topic = box.getAttribute("data-topic");

    function show(plan) {
      if (!plan.missing.length) {
        status.textContent = words(box, "saved", {});
        hint.textContent = "";
      } else {
        hint.textContent = words(box, "hint", { size: megabytes(plan.bytes) });
      }
    }

    ask(worker, { type: "plan", lang: lang, topic: topic }).then(function (plan) {
      if (!plan.total) return;
      show(plan);
      box.hidden = false;
    });

    button.addEventListener("click", function () {
      button.disabled = true;
      progress.hidden = false;
      status.textContent = "";
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        var step = event.data;
        progress.max = step.total;
        progress.value = step.done;
        if (!step.finished) {
          status.textContent = words(box, "saving", { done: step.done, total: step.total });
          return;
        }
        button.disabled = false;
        progress.hidden = true;
        status.textContent = words(box, step.failed ? "failed" : "saved", { done: step.done, total: step.total });
        if (!step.failed) hint.textContent = "";
        box.setAttribute("data-rh-state", step.failed ? "failed" : "saved");
      };
      worker.postMessage({ type: "save", lang: lang, topic: topic }, [channel.port2]);
    });
  }

  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    var worker = registration.active;
    if (!worker) return;
    worker.postMessage({ type: "language", lang: lang });
    saveButton(worker);
  }).catch(function () {
    // No worker (private mode, storage refused): the site works as before, without the button.
  });
})();
