// A display equation or a code/output box wider than the column scrolls sideways inside its own
// box; without a sign, its visible part looks complete (an equation number right after the cut
// reads as the end of the formula). Each such box gets the class `overflowing` on its parent and
// a cue at its right edge (a fade and an arrow, drawn by overflow.css) until it is scrolled to
// the end. Boxes are re-checked whenever their size changes: at load, on resize, when MathJax
// has typeset (its containers are new elements), when its fonts arrive, and when a fold
// around them opens.
(() => {
  "use strict";
  const SCROLLERS = 'article mjx-container[display="true"], article pre';
  const watched = new WeakSet();

  const sizes = new ResizeObserver((entries) => entries.forEach((entry) => mark(entry.target)));

  function cueOf(box) {
    let cue = box.querySelector(":scope > .overflow-cue");
    if (!cue) {
      cue = document.createElement("span");
      cue.className = "overflow-cue";
      cue.setAttribute("aria-hidden", "true");  // the box itself is a scrollable tab stop
      box.append(cue);
    }
    return cue;
  }

  function mark(scroller) {
    const box = scroller.parentElement;
    if (!box) return;
    const overflowing = scroller.scrollWidth > scroller.clientWidth + 1;
    box.classList.toggle("overflowing", overflowing);
    if (!overflowing) return;
    // The cue covers the scroller's visible right edge, wherever the scroller sits in its box
    // (an equation number floats beside it; a code cell has padding).
    const cue = cueOf(box);
    cue.style.left = `${scroller.offsetLeft + scroller.clientLeft + scroller.clientWidth}px`;
    cue.style.top = `${scroller.offsetTop + scroller.clientTop}px`;
    cue.style.height = `${scroller.clientHeight}px`;
    atEnd(scroller);
  }

  function atEnd(scroller) {
    const end = scroller.scrollLeft + scroller.clientWidth >= scroller.scrollWidth - 1;
    scroller.parentElement.classList.toggle("overflow-end", end);
  }

  function watch() {
    document.querySelectorAll(SCROLLERS).forEach((scroller) => {
      if (watched.has(scroller)) return;
      watched.add(scroller);
      // offsetLeft/offsetTop are measured from the box: make it the cue's containing block.
      if (getComputedStyle(scroller.parentElement).position === "static") {
        scroller.parentElement.style.position = "relative";
      }
      scroller.addEventListener("scroll", () => atEnd(scroller), { passive: true });
      sizes.observe(scroller);  // calls mark() once now, and on every change of size
    });
  }

  function afterMathJax() {
    const startup = window.MathJax && window.MathJax.startup;
    if (startup && startup.promise) startup.promise.then(watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  window.addEventListener("load", () => { watch(); afterMathJax(); });
  // MathJax's web fonts arrive after it has typeset: a box's content widens while the box keeps
  // its size, which the ResizeObserver does not see.
  if (document.fonts) {
    document.fonts.addEventListener("loadingdone", () => document.querySelectorAll(SCROLLERS).forEach(mark));
  }
})();
