/* The site's own script (tools/site/conf.py), for what the widget manager draws after the
   page has loaded, and for boxes that scroll sideways on a phone. */
(function () {
  "use strict";

  /* Widget views: each figure gets the alt text that its caption (the HTML widget right after
     it) repeats, and each slider the name of its label. */
  function nameWidgets() {
    document.querySelectorAll(".widget-subarea img").forEach(function (img) {
      var next = img.nextElementSibling;
      var text = next ? next.textContent.trim().replace(/^Figure:\s*/, "") : "";
      if (text && img.getAttribute("alt") !== text) { img.setAttribute("alt", text); }
      else if (!img.hasAttribute("alt")) { img.setAttribute("alt", "Figure (see its caption)"); }
    });
    document.querySelectorAll(".widget-slider [role=slider]:not([aria-label])")
      .forEach(function (handle) {
        var box = handle.closest(".widget-slider");
        var label = box && box.querySelector(".widget-label");
        if (label && label.textContent.trim()) {
          handle.setAttribute("aria-label", label.textContent.trim());
        }
      });
  }

  /* An output box that scrolls sideways (a wide table on a phone) can be reached and scrolled
     with the keyboard, and says what it is. */
  function scrollableBoxes() {
    /* ... and so does a box that an output's own HTML makes scroll (a wide table in an
       explorer's result, in a div of its own with overflow: auto). */
    var own = Array.prototype.filter.call(
      document.querySelectorAll(".widget-html-content div, div.cell_output .output.text_html div"),
      function (box) { return /auto|scroll/.test(getComputedStyle(box).overflowX); });
    Array.prototype.slice.call(document.querySelectorAll(
      "div.cell_output .output, div.cell_output, .widget-html-content")).concat(own).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", "Output (scrolls sideways)");
        }
      } else if (box.getAttribute("aria-label") === "Output (scrolls sideways)") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  /* The sidebar buttons (the primary sidebar and the page contents). pydata-sphinx-theme 0.20
     binds its handler (open the sidebar as a dialog on a narrow window) to the first element
     with the class only, which is the hidden button in the top bar; sphinx-book-theme 1.4.0
     shows its own buttons in the article header, which then did nothing (pydata-sphinx-theme
     issue 2451). A click on any other such button is passed on to the first one. */
  function forwardSidebarToggles() {
    ["primary-toggle", "secondary-toggle"].forEach(function (name) {
      var buttons = document.querySelectorAll("button." + name);
      var first = buttons[0];
      Array.prototype.slice.call(buttons, 1).forEach(function (button) {
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          first.click();
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", forwardSidebarToggles);
  } else {
    forwardSidebarToggles();
  }

  /* A markdown table wider than its box (the lessons in order, on a phone) scrolls there: the
     box can be reached with the keyboard, and a line above it says to scroll sideways. */
  var CUE = "Scroll the table sideways to see all its columns \u2192";
  function scrollableTables() {
    document.querySelectorAll(".bd-article .pst-scrollable-table-container").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var cue = box.previousElementSibling;
      var hasCue = cue && cue.classList.contains("scroll-cue");
      if (wide && !hasCue) {
        cue = document.createElement("p");
        cue.className = "scroll-cue";
        cue.textContent = CUE;
        box.parentNode.insertBefore(cue, box);
      } else if (!wide && hasCue) {
        cue.remove();
      }
      box.classList.toggle("scrolls-sideways", wide);
      if (wide) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table (scrolls sideways)");
      } else if (box.getAttribute("aria-label") === "Table (scrolls sideways)") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var pending = false;
  function update() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      nameWidgets();
      scrollableBoxes();
      scrollableTables();
    });
  }
  new MutationObserver(update).observe(document.documentElement,
                                       {childList: true, subtree: true});
  window.addEventListener("resize", update);
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("load", update);
})();
