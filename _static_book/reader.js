/* What a reader touches beyond the text (issue 14, point 5): search results without raw TeX,
   and the column names a stacked table shows on a phone. */
(function () {
  "use strict";

  /* TeX as plain text: the search index holds section titles and page text as their source,
     so a result read "m/\sqrt{v}"; this reads "m/√v". It covers the macros the book uses in
     titles and text; an unknown macro loses its backslash rather than showing it. */
  var SYMBOLS = {
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ϵ", varepsilon: "ε", zeta: "ζ",
    eta: "η", theta: "θ", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π",
    rho: "ρ", sigma: "σ", tau: "τ", phi: "ϕ", varphi: "φ", chi: "χ", psi: "ψ", omega: "ω",
    Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Sigma: "Σ", Phi: "Φ", Pi: "Π", Omega: "Ω",
    nabla: "∇", partial: "∂", infty: "∞", approx: "≈", neq: "≠", ne: "≠", le: "≤", leq: "≤",
    ge: "≥", geq: "≥", times: "×", cdot: "·", cdots: "⋯", ldots: "…", dots: "…", pm: "±",
    to: "→", rightarrow: "→", leftarrow: "←", sum: "∑", prod: "∏", in: "∈", odot: "⊙",
    sqrt: "√", lVert: "‖", rVert: "‖", Vert: "‖", "|": "‖", quad: " ", qquad: " ", ",": " ",
    ";": " ", "!": "", " ": " ", "{": "{", "}": "}", "%": "%", "_": "_", "&": "&", "#": "#"
  };
  var ACCENTS = { hat: "\u0302", bar: "\u0304", tilde: "\u0303", dot: "\u0307" };
  var SUB = { 0: "₀", 1: "₁", 2: "₂", 3: "₃", 4: "₄", 5: "₅", 6: "₆", 7: "₇", 8: "₈", 9: "₉",
    t: "ₜ", i: "ᵢ", j: "ⱼ", k: "ₖ", n: "ₙ", "+": "₊", "-": "₋" };
  var SUP = { 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹",
    t: "ᵗ", i: "ⁱ", n: "ⁿ", "+": "⁺", "-": "⁻", T: "ᵀ" };

  function scripted(body, table, mark) {
    var out = "";
    for (var i = 0; i < body.length; i++) {
      if (!(body[i] in table)) { return mark + (body.length > 1 ? "(" + body + ")" : body); }
      out += table[body[i]];
    }
    return out;
  }

  function plainTeX(tex) {
    var s = tex.replace(/\\[()[\]]/g, "");
    s = s.replace(/\\(?:mathrm|mathbf|mathit|text|operatorname|mathcal|boldsymbol)\s*\{([^{}]*)\}/g, "$1");
    s = s.replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, function (_, a, b) {
      return (a.length > 1 ? "(" + a + ")" : a) + "/" + (b.length > 1 ? "(" + b + ")" : b);
    });
    s = s.replace(/\\sqrt\s*\{([^{}]*)\}/g, function (_, a) { return a.length > 1 ? "√(" + a + ")" : "√" + a; });
    s = s.replace(/\\(hat|bar|tilde|dot)\s*(?:\{([^{}]*)\}|([A-Za-z]))/g, function (_, accent, a, b) {
      return (a || b) + ACCENTS[accent];
    });
    s = s.replace(/\\(?:left|right|big|Big|bigl|bigr|Bigl|Bigr)\b\s*/g, "");
    // The space after a macro is kept: in the page it separates the formula from the next word.
    s = s.replace(/\\([A-Za-z]+|.)/g, function (_, name) {
      return name in SYMBOLS ? SYMBOLS[name] : name;
    });
    s = s.replace(/_(?:\{([^{}]*)\}|(\S))/g, function (_, a, b) { return scripted(a || b, SUB, "_"); });
    s = s.replace(/\^(?:\{([^{}]*)\}|(\S))/g, function (_, a, b) { return scripted(a || b, SUP, "^"); });
    return s.replace(/[{}]/g, "");
  }

  var TEX = /\\(?:[()[\]]|[A-Za-z]+)/;

  function cleanSearchResults(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      if (TEX.test(node.nodeValue)) { node.nodeValue = plainTeX(node.nodeValue); }
    }
  }

  function watchSearch() {
    var results = document.getElementById("search-results");
    if (!results) { return; }
    cleanSearchResults(results);
    new MutationObserver(function () { cleanSearchResults(results); })
      .observe(results, { childList: true, subtree: true, characterData: true });
  }

  /* A stacked table shows each cell under its column's name: the names come from the head. */
  function labelStackedTables() {
    document.querySelectorAll(".stacked-table table").forEach(function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (names[i] && cell.textContent.trim()) { cell.setAttribute("data-label", names[i]); }
        });
      });
    });
  }

  /* sphinx-exercise gives every exercise's and solution's body the same id; nothing links to
     them, so the second and later ones are numbered and the page's ids stay unique. */
  function numberRepeatedIds() {
    ["exercise-content", "solution-content"].forEach(function (id) {
      document.querySelectorAll('[id="' + id + '"]').forEach(function (element, i) {
        if (i) { element.id = id + "-" + (i + 1); }
      });
    });
  }

  function start() { watchSearch(); labelStackedTables(); numberRepeatedIds(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
