/* Figures one tap from full size (issue 14).
 *
 * A figure is designed for the desktop column; a phone's column shows it at ~40 % of its size,
 * too small to read, and a desktop's at ~75 %. Every figure and explorer frame gets a visible
 * "Full size" button (the image itself opens too): it shows the image at its natural size in
 * a modal <dialog> that scrolls both ways. The close button, Escape, a tap beside the
 * image and the browser's back button close it; focus returns to the button.
 */
(function () {
  "use strict";

  var IMAGES = "article figure img, article .adamlib-explorer img";
  var dialog, pane, large, opener;

  function overlay() {
    if (dialog) { return dialog; }
    dialog = document.createElement("dialog");
    dialog.className = "figure-zoom";
    dialog.setAttribute("aria-label", "The figure at full size");
    dialog.innerHTML =
      '<button type="button" class="figure-zoom-close" aria-label="Close the full-size figure">' +
      '<span aria-hidden="true">\u00d7</span></button>' +
      '<div class="figure-zoom-pane"><img alt=""></div>';
    pane = dialog.querySelector(".figure-zoom-pane");
    large = pane.querySelector("img");
    dialog.querySelector(".figure-zoom-close").addEventListener("click", function () {
      dialog.close();
    });
    // A tap beside the image (the pane, or the dialog's own box) closes; a tap on it pans.
    dialog.addEventListener("click", function (event) {
      if (event.target === pane || event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener("close", function () {
      document.documentElement.classList.remove("figure-zoom-open");
      // Closed by its button, Escape or a tap: drop the history entry that opening pushed.
      if (history.state && history.state.figureZoom) { history.back(); }
      if (opener) { opener.focus(); }
    });
    // The back button of a phone closes the overlay instead of leaving the page. (A back that
    // lands on an overlay's entry is the one a quick close-and-reopen left queued: ignored.)
    window.addEventListener("popstate", function () {
      if (dialog.open && !(history.state && history.state.figureZoom)) { dialog.close(); }
    });
    document.body.appendChild(dialog);
    return dialog;
  }

  function open(img, button) {
    overlay();
    opener = button;
    large.src = img.currentSrc || img.src;  // an explorer's frame as it is now
    large.alt = img.alt;
    large.style.width = img.naturalWidth ? img.naturalWidth + "px" : "";  // not loaded yet: its own size
    document.documentElement.classList.add("figure-zoom-open");
    history.pushState({ figureZoom: true }, "");
    dialog.showModal();
    pane.scrollTo(0, 0);
    dialog.querySelector(".figure-zoom-close").focus();
  }

  function equip(img) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "figure-zoom-open-button";
    button.innerHTML = '<span aria-hidden="true">\u2922</span> Full size';
    button.setAttribute("aria-label", "Show this figure at full size");
    img.insertAdjacentElement("afterend", button);
    img.classList.add("figure-zoomable");
    button.addEventListener("click", function () { open(img, button); });
    img.addEventListener("click", function () { open(img, button); });
  }

  function start() {
    document.querySelectorAll(IMAGES).forEach(equip);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
