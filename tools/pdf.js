// The single-page book turned into a printable one (run by tools/pdf.py in Chromium, after
// MathJax has typeset). `pdfPrepare` runs once per page load; `pdfSelect` then shows one part
// (the whole book, a chapter, the appendix) with its title page and contents.
(() => {
  const article = () => document.querySelector("article.bd-article");
  const docOf = (el) => el.closest("[data-pdf-doc]");
  const liveLine = (html) => {
    const p = document.createElement("p");
    p.className = "pdf-live";
    p.innerHTML = html;
    return p;
  };

  // Each document of the book is the section after its marker span; the marker's name is
  // the document's (chapters/01_gradient_descent).
  function markDocuments() {
    for (const marker of article().querySelectorAll('span[id^="document-"]')) {
      const section = marker.nextElementSibling;
      if (section && section.tagName === "SECTION") {
        section.dataset.pdfDoc = marker.id.slice("document-".length);
      }
    }
    const first = article().querySelector("section");
    first.dataset.pdfDoc = window.PDF.root;
  }

  // Paper cannot fold: the student edition leaves the review questions' answers out (the
  // book without solutions keeps them, folded).
  function dropAnswers() {
    for (const fold of [...article().querySelectorAll("details.sd-dropdown")]) {
      if (fold.querySelector("summary")?.textContent.trim() === "Answer") fold.remove();
    }
  }

  // Code the online book folds (plumbing) is left out; folded outputs are shown.
  function unfold() {
    for (const fold of [...article().querySelectorAll("details.hide")]) {
      fold.querySelectorAll(".cell_input").forEach((input) => input.remove());
      const summary = fold.querySelector(":scope > summary");
      if (summary) summary.remove();
      if (!fold.textContent.trim() && !fold.querySelector("img")) {
        fold.remove();
      } else {
        fold.open = true;
      }
    }
    for (const details of article().querySelectorAll("details")) details.open = true;
    // sphinx-togglebutton folds each solution behind a button.
    for (const hidden of article().querySelectorAll(".toggle-hidden")) {
      hidden.classList.remove("toggle-hidden");
    }
    for (const el of article().querySelectorAll(".dropdown")) el.classList.remove("dropdown");
  }

  function onlineLink(doc, id, text) {
    const href = `${window.PDF.online}${doc}.html${id ? "#" + id : ""}`;
    return `<a href="${href}">${text}</a>`;
  }

  // An explorer prints its default frame and says what it lets the reader change.
  function explorers() {
    for (const explorer of article().querySelectorAll(".adamlib-explorer")) {
      const parts = [];
      const shown = [];
      for (const control of explorer.querySelectorAll(".adamlib-control")) {
        const title = (control.querySelector("label, legend")?.textContent || "").trim();
        let values, value;
        if (control.classList.contains("adamlib-choice")) {
          values = [...control.querySelectorAll("label span")].map((s) => s.textContent.trim());
          const checked = control.querySelector("input:checked");
          value = checked ? checked.closest("label").textContent.trim() : values[0];
        } else {
          values = [...control.querySelectorAll(".adamlib-stops span")].map((s) => s.textContent.trim());
          value = (control.querySelector("output")?.textContent || "").trim();
        }
        parts.push(`<em>${title}</em> (${values.join(", ")})`);
        shown.push(`${title} ${value}`);
      }
      explorer.querySelector(".adamlib-controls")?.remove();
      explorer.querySelector(".adamlib-explorer-note")?.remove();
      const doc = docOf(explorer).dataset.pdfDoc;
      explorer.append(liveLine(
        `Shown: ${shown.join(", ")}. In the ${onlineLink(doc, "", "online book")} this figure ` +
        `is live: choose ${parts.join(" and ")}.`));
    }
  }

  // Quizzes and flashcards are interactive; their questions are the review questions.
  function interactiveSections() {
    for (const quiz of article().querySelectorAll(".aq-quiz")) {
      const section = quiz.closest("section");
      const doc = docOf(section).dataset.pdfDoc;
      for (const child of [...section.children]) {
        if (!/^H[1-6]$/.test(child.tagName)) child.remove();
      }
      section.append(liveLine(
        `The self-check quiz is interactive: take it in the ` +
        `${onlineLink(doc, section.id, "online book")}. The chapter's review questions ` +
        `ask about the same ideas.`));
    }
    const deck = document.querySelector(".fc-deck");
    if (deck) {
      const section = deck.closest("section");
      const doc = docOf(section).dataset.pdfDoc;
      for (const child of [...section.children]) {
        if (!/^H[1-6]$/.test(child.tagName)) child.remove();
      }
      section.append(liveLine(
        `The flashcards are interactive: they are in the ` +
        `${onlineLink(doc, section.id, "online book")}. Their questions are the review ` +
        `questions below.`));
    }
  }

  // Sphinx's single page points references at the page's file, or at a document's empty
  // marker, and each document numbers its own ids (id1, id2, ...; "exercises" in every
  // chapter), so one id can name several elements. A link goes to the element it means: a
  // citation to the bibliography's entry, any other link to the one in its own document (or
  // the only one), through an anchor of its own.
  function internalLinks() {
    // Each heading gets an id of its own, for the contents and for links to its section.
    article().querySelectorAll(":is(h2, h3, h4, h5, h6)").forEach((h, i) => {
      h.id = `pdf-heading-${i + 1}`;
      h.dataset.pdfFor = h.closest("section")?.id || ""; // its name on the online page
    });
    const named = new Map();
    for (const el of article().querySelectorAll("[id]")) {
      if (!named.has(el.id)) named.set(el.id, []);
      named.get(el.id).push(el);
    }
    let anchors = 0;
    const anchorOf = (el) => {
      if (named.get(el.id).length === 1) return el.id;
      if (!el.dataset.pdfAnchor) {
        const mark = document.createElement("span");
        mark.id = el.dataset.pdfAnchor = `pdf-anchor-${++anchors}`;
        mark.dataset.pdfFor = el.id; // its name on the online page
        el.prepend(mark);
      }
      return el.dataset.pdfAnchor;
    };
    for (const a of article().querySelectorAll("a[href]")) {
      const raw = a.getAttribute("href");
      if (/^[a-z]+:/i.test(raw)) continue; // external
      const hash = raw.includes("#") ? decodeURIComponent(raw.split("#")[1]) : "";
      const candidates = named.get(hash) || [];
      let target = a.closest(".bibtex-citation")
        ? candidates.find((el) => el.matches('[role="doc-biblioentry"]'))
        : candidates.find((el) => docOf(el) === docOf(a)) || candidates[0];
      // A section's label is an empty span before it; a link to a section goes to its
      // heading (the section's top margin may end the page before).
      if (target && !target.textContent && target.nextElementSibling?.tagName === "SECTION") {
        target = target.nextElementSibling;
      }
      if (target?.tagName === "SECTION") {
        target = target.querySelector(":scope > :is(h1, h2, h3, h4, h5, h6)") || target;
      }
      if (target && target.id) {
        a.setAttribute("href", "#" + anchorOf(target));
      } else {
        // A link of the front page's own HTML (its PDFs), relative to its folder.
        a.setAttribute("href", new URL(raw, `${window.PDF.online}chapters/index.html`).href);
      }
    }
  }

  // Equations, tables and printouts wider than the column are scaled down to fit it, not cut
  // (by `zoom`: MathJax sets each equation's font size itself).
  function fitWide() {
    const wide = article().querySelectorAll('mjx-container[display="true"], table, .cell_output pre');
    for (const el of wide) el.style.zoom = "";
    for (const el of wide) {
      const box = el.parentElement.clientWidth;
      const need = el.scrollWidth;
      if (box > 0 && need > box + 1) el.style.zoom = Math.max(0.55, (box - 2) / need).toFixed(3);
    }
  }

  window.pdfPrepare = (settings) => {
    window.PDF = settings;
    document.documentElement.dataset.theme = "light";
    document.documentElement.dataset.mode = "light";
    markDocuments();
    if (settings.student) dropAnswers();
    unfold();
    explorers();
    interactiveSections();
    internalLinks();
    document.querySelectorAll(".headerlink, .copybtn, .toggle-button").forEach((el) => el.remove());
    const body = document.body;
    const book = document.createElement("main");
    book.className = "pdf-book";
    book.append(article());
    body.replaceChildren(book);
    body.className = "pdf";
    // The front page's title becomes the title page, and its sections, about the web pages
    // (their icons, sliders and folds), give way to the title page's note on this PDF.
    book.querySelector("h1")?.remove();
    book.querySelectorAll(`[data-pdf-doc="${settings.root}"] > section`).forEach((s) => s.remove());
  };

  function headingsOf(part, depth) {
    const top = Math.min(...[...part].map((s) => +s.querySelector("h1,h2,h3,h4,h5,h6").tagName[1]));
    const selector = Array.from({ length: depth }, (_, i) => `h${top + i}`).join(",");
    return { top, selector };
  }

  // Show the documents of one part (names), with a title page and a contents list whose page
  // numbers are `pages` (one per entry, or null for placeholders of the same width).
  window.pdfSelect = (docs, titleHtml, contentsDepth, pages) => {
    const wanted = new Set(docs);
    const shown = [...document.querySelectorAll("[data-pdf-doc]")]
      .filter((s) => wanted.has(s.dataset.pdfDoc));
    const visible = (el) => shown.some((s) => s === el || s.contains(el));
    const contains = (el) => shown.some((s) => el.contains(s));
    const walk = (el) => {
      for (const child of el.children) {
        if (child.classList.contains("pdf-front")) continue;
        if (visible(child)) {
          child.hidden = false;
        } else if (contains(child)) {
          child.hidden = false;
          walk(child);
        } else {
          child.hidden = true;
        }
      }
    };
    const book = document.querySelector(".pdf-book");
    book.querySelectorAll(".pdf-front").forEach((el) => el.remove());
    walk(book);

    // Links into a part left out go to the online book (and come back for a part that has
    // their target: each link keeps its own in data-pdf-href).
    for (const a of book.querySelectorAll('a[href^="#"], a[data-pdf-href]')) {
      if (!a.dataset.pdfHref) a.dataset.pdfHref = a.getAttribute("href");
      const id = a.dataset.pdfHref.slice(1);
      const into = document.getElementById(id);
      if (!into) continue;
      const online = `${window.PDF.online}${docOf(into).dataset.pdfDoc}.html#${into.dataset.pdfFor || id}`;
      a.setAttribute("href", visible(into) ? a.dataset.pdfHref : online);
    }

    const title = document.createElement("section");
    title.className = "pdf-front pdf-title";
    title.innerHTML = titleHtml;
    const contents = document.createElement("section");
    contents.className = "pdf-front pdf-contents";
    contents.id = "pdf-contents";
    const { selector } = headingsOf(shown, contentsDepth);
    book.querySelectorAll("[data-pdf-contents]").forEach((h) => delete h.dataset.pdfContents);
    const headings = [...book.querySelectorAll(selector)].filter((h) => visible(h));
    const rows = headings.map((h, i) => {
      h.dataset.pdfContents = "";
      const level = h.tagName[1];
      const page = pages ? String(pages[i]) : "000";
      return `<li class="pdf-toc-${level}"><a href="#${h.id}"><span class="pdf-toc-title">` +
        `${h.innerHTML}</span><span class="pdf-toc-page">${page}</span></a></li>`;
    });
    contents.innerHTML = `<h2>Contents</h2><ol>${rows.join("")}</ol>`;
    book.prepend(title, contents);
    fitWide();
  };

  // A heading's math as plain text for the outline, which cannot typeset: the few TeX
  // commands headings use, as Unicode (\sqrt{v} as √v, \beta_1 as β₁).
  const GREEK = { alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε",
    eta: "η", theta: "θ", kappa: "κ", lambda: "λ", mu: "μ", rho: "ρ", sigma: "σ", tau: "τ" };
  const SUB = "₀₁₂₃₄₅₆₇₈₉";
  function plainMath(tex) {
    return tex
      .replace(/\\sqrt\{([^{}]*)\}/g, "√$1")
      .replace(/\\hat\{([^{}]*)\}/g, "$1\u0302")
      .replace(/\\([a-zA-Z]+)/g, (all, name) => GREEK[name] || name)
      .replace(/_\{?(\d)\}?/g, (all, d) => SUB[+d])
      .replace(/[{}]/g, "")
      .trim();
  }

  function headingText(h) {
    const copy = h.cloneNode(true);
    const items = MathJax.startup.document.getMathItemsWithin(h);
    copy.querySelectorAll("mjx-container").forEach((math, i) => {
      math.replaceWith(items[i] ? plainMath(items[i].math) : math.textContent);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // Every heading shown, in order (as the PDF's outline lists them): its text, and whether
  // the contents list it.
  window.pdfHeadings = () => [...document.querySelectorAll(".pdf-book :is(h1, h2, h3, h4, h5, h6)")]
    .filter((h) => h.getClientRects().length > 0)
    .map((h) => ({ text: headingText(h), listed: "pdfContents" in h.dataset }));
})();
