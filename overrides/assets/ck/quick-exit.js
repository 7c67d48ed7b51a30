/*
 * Quick exit ("Leave this site"), after the GOV.UK "Exit this page" component.
 *
 * Every [data-ck-exit] link is a plain link to a neutral site, so it works without
 * JavaScript. With JavaScript, a click or Shift pressed three times in a row (within
 * 5 seconds each, with no other key in between) hides the page at once and replaces
 * the current history entry, so Back does not return here. Needs nothing else on the
 * page: it is loaded in <head> and listens on the document. What it says comes from the
 * page, in the page's language: the data-ck-* attributes of [data-ck-exit-status]
 * (English when a page has none).
 */
(function () {
  "use strict";

  var PRESSES = 3;
  var TIMEOUT_MS = 5000;
  var count = 0;
  var timer = null;
  var shiftUsedAsModifier = false;

  function exitLink() {
    return document.querySelector("a[data-ck-exit]");
  }

  var WORDS = {
    one: "Shift, press {n} more time to leave this site.",
    other: "Shift, press {n} more times to leave this site.",
    leaving: "Leaving this site.",
    loading: "Loading."
  };

  function say(key, n) {
    var node = document.querySelector("[data-ck-exit-status]");
    var text = (node && node.getAttribute("data-ck-" + key)) || WORDS[key];
    return text.replace("{n}", String(n));
  }

  function setStatus(text) {
    var nodes = document.querySelectorAll("[data-ck-exit-status]");
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = text;
  }

  function reset() {
    count = 0;
    if (timer) window.clearTimeout(timer);
    timer = null;
    setStatus("");
  }

  function leave(url) {
    var root = document.documentElement;
    root.classList.add("ck-exiting");
    if (document.body && !document.querySelector(".ck-exit-overlay")) {
      var overlay = document.createElement("div");
      overlay.className = "ck-exit-overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = say("loading");
      document.body.appendChild(overlay);
    }
    try {
      window.location.replace(url);
    } catch (error) {
      window.location.href = url;
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest("a[data-ck-exit]") : null;
    if (!link || event.defaultPrevented) return;
    // Let a middle click or Ctrl/Cmd click open a tab as usual.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    leave(link.href);
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") return;
    if (event.shiftKey) shiftUsedAsModifier = true; // Shift+A and the like do not count
    reset();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (shiftUsedAsModifier) {
      shiftUsedAsModifier = false;
      reset();
      return;
    }
    var link = exitLink();
    if (!link) return;
    count += 1;
    if (timer) window.clearTimeout(timer);
    if (count >= PRESSES) {
      setStatus(say("leaving"));
      count = 0;
      timer = null;
      leave(link.href);
      return;
    }
    var left = PRESSES - count;
    setStatus(say(left === 1 ? "one" : "other", left));
    timer = window.setTimeout(reset, TIMEOUT_MS);
  }, true);

  // Coming back through the back/forward cache: show the page again.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("ck-exiting");
    var overlay = document.querySelector(".ck-exit-overlay");
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    shiftUsedAsModifier = false;
    reset();
  });
})();
