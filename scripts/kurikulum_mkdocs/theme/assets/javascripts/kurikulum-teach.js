/* Teaching mode on a trainer page: one step per screen in large type, its minutes, the clock
 * time it should start from the session's chosen start, next / previous and a quiet timer.
 *
 * Everything it shows is already on the page: the steps (.rh-step, with their start offset and
 * minutes in data attributes) and the dialog with its words (scripts/kurikulum/templates/site/
 * trainer.html). The step text is copied as DOM nodes, never as HTML strings. Works over
 * file:// and offline; the chosen start time is remembered on this device when storage allows.
 */
(function () {
  "use strict";

  var STORE = "kurikulum-teach-start";

  function minutesOf(text) {
    var parts = String(text || "").split(":");
    var hours = parseInt(parts[0], 10);
    var minutes = parseInt(parts[1], 10);
    if (isNaN(hours) || isNaN(minutes)) return null;
    return hours * 60 + minutes;
  }

  function clock(total) {
    var day = ((total % 1440) + 1440) % 1440;
    var hours = Math.floor(day / 60);
    var minutes = day % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (minutes < 10 ? "0" : "") + minutes;
  }

  function duration(seconds) {
    var whole = Math.abs(Math.round(seconds));
    var minutes = Math.floor(whole / 60);
    var rest = whole % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function remembered() {
    try {
      return window.localStorage.getItem(STORE);
    } catch (error) {
      return null;
    }
  }

  function remember(value) {
    try {
      window.localStorage.setItem(STORE, value);
    } catch (error) {
      /* private mode or file:// without storage: the start is kept for this visit only */
    }
  }

  function setUp() {
    var dialog = document.querySelector("dialog.rh-teach");
    var opener = document.querySelector("[data-teach-open]");
    var steps = Array.prototype.slice.call(document.querySelectorAll(".rh-step"));
    if (!dialog || !opener || !steps.length || typeof dialog.showModal !== "function") return;

    var part = function (name) {
      return dialog.querySelector("[data-teach-" + name + "]");
    };
    var start = part("start");
    var meta = part("meta");
    var title = part("title");
    var body = part("body");
    var previous = part("prev");
    var next = part("next");
    var timerButton = part("timer");
    var timerText = part("clock");
    var words = dialog.dataset;

    var current = 0;
    var elapsed = 0;
    var running = null;
    var lastTick = 0;

    var saved = remembered();
    if (saved && minutesOf(saved) !== null) start.value = saved;

    function step(index) {
      var element = steps[index];
      return {
        element: element,
        heading: element.querySelector("h3"),
        offset: minutesOf(element.dataset.start) || 0,
        minutes: parseInt(element.dataset.minutes, 10) || 0,
        label: element.dataset.label,
        title: element.dataset.title,
      };
    }

    function showTimer() {
      var left = step(current).minutes * 60 - elapsed;
      timerText.textContent = left >= 0 ? duration(left) + " " + words.left : "+" + duration(left) + " " + words.over;
      timerText.classList.toggle("rh-teach__clock--over", left < 0);
    }

    function tick() {
      var now = Date.now();
      elapsed += (now - lastTick) / 1000;
      lastTick = now;
      showTimer();
    }

    function pause() {
      if (running !== null) {
        window.clearInterval(running);
        running = null;
      }
      timerButton.setAttribute("aria-pressed", "false");
      timerButton.textContent = words.startWord;
    }

    function toggleTimer() {
      if (running !== null) {
        tick();
        pause();
        return;
      }
      lastTick = Date.now();
      running = window.setInterval(tick, 1000);
      timerButton.setAttribute("aria-pressed", "true");
      timerButton.textContent = words.pauseWord;
    }

    function show(index) {
      current = Math.max(0, Math.min(steps.length - 1, index));
      var shown = step(current);
      var begins = minutesOf(start.value);
      var time = begins === null ? shown.element.dataset.start : clock(begins + shown.offset) + "–" + clock(begins + shown.offset + shown.minutes);
      meta.textContent = shown.label + " · " + (current + 1) + "/" + steps.length + " · " + time + " · " + shown.minutes + " " + words.minutesWord;
      title.textContent = shown.title;
      body.replaceChildren();
      Array.prototype.forEach.call(shown.element.children, function (child) {
        if (child !== shown.heading) body.appendChild(child.cloneNode(true));
      });
      Array.prototype.forEach.call(body.querySelectorAll("[id]"), function (node) {
        node.removeAttribute("id");
      });
      previous.disabled = current === 0;
      next.disabled = current === steps.length - 1;
      elapsed = 0;
      lastTick = Date.now();
      showTimer();
      dialog.scrollTop = 0;
      if (history.replaceState && shown.heading && shown.heading.id) history.replaceState(null, "", "#" + shown.heading.id);
    }

    function startingStep() {
      var anchor = decodeURIComponent(location.hash.slice(1));
      for (var i = 0; i < steps.length; i += 1) {
        var heading = steps[i].querySelector("h3");
        if (heading && heading.id === anchor) return i;
      }
      return 0;
    }

    opener.addEventListener("click", function () {
      dialog.showModal();
      show(startingStep());
      title.focus();
    });
    part("close").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      pause();
      var heading = step(current).heading;
      if (heading) heading.scrollIntoView();
      opener.focus({ preventScroll: true });
    });
    previous.addEventListener("click", function () {
      show(current - 1);
    });
    next.addEventListener("click", function () {
      show(current + 1);
    });
    timerButton.addEventListener("click", toggleTimer);
    start.addEventListener("change", function () {
      if (minutesOf(start.value) !== null) remember(start.value);
      var keep = elapsed;
      show(current);
      elapsed = keep;
      showTimer();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.target === start) return;
      if (event.key === "ArrowRight") show(current + 1);
      else if (event.key === "ArrowLeft") show(current - 1);
    });

    var hiddenWithoutScript = opener.closest("[hidden]");
    if (hiddenWithoutScript) hiddenWithoutScript.removeAttribute("hidden");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
