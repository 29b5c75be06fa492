// The page: the catalog (hms_web.wasm, carried as base64 by hms_web_wasm.js so that the page
// also works opened from disk) answers as the visitor types; everything stays in the page.
"use strict";

(function () {
  const bytes = Uint8Array.from(atob(HMS_WEB_WASM), (c) => c.charCodeAt(0));
  wasm_bindgen.initSync({ module: bytes });
  const hms = wasm_bindgen;

  const $ = (id) => document.getElementById(id);
  const code = $("code"), model = $("model"), answer = $("answer");
  const words = $("words"), results = $("results"), listing = $("listing");

  // How long each answer takes, read by the browser test's measurements.
  const timings = { ready: 0, first: 0, answers: [] };
  window.hmsTimings = timings;

  function show() {
    const start = performance.now();
    answer.innerHTML = hms.explain(code.value, model.value);
    const end = performance.now();
    timings.answers.push(end - start);
    if (!timings.first) {
      timings.first = end;
    }
    // One code answered: the address links to it (a report or an error: no link).
    const one = answer.querySelectorAll("article.answer");
    const wanted = one.length === 1 && !code.value.trim().startsWith("{") ? "#" + one[0].dataset.code : "";
    if (location.hash !== wanted) {
      history.replaceState(null, "", wanted || location.pathname + location.search);
    }
  }

  function fromHash() {
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && wanted !== code.value.trim()) {
      code.value = wanted;
      show();
    }
  }

  function showList() {
    listing.innerHTML = hms.list($("module").value, $("level").value);
  }

  model.innerHTML = hms.model_options();
  $("filters").innerHTML = hms.filter_options();
  $("official-mark").hidden = !hms.with_official_texts();

  code.addEventListener("input", show);
  model.addEventListener("change", show);
  words.addEventListener("input", () => { results.innerHTML = hms.search(words.value); });
  $("module").addEventListener("change", showList);
  $("level").addEventListener("change", showList);
  window.addEventListener("hashchange", fromHash);
  // A link in a list opens its code above.
  document.addEventListener("click", (event) => {
    const a = event.target.closest("a[href^='#']");
    if (a) {
      event.preventDefault();
      code.value = decodeURIComponent(a.getAttribute("href").slice(1));
      show();
      code.focus();
      window.scrollTo({ top: 0 });
    }
  });

  fromHash();
  timings.ready = performance.now();
  document.body.dataset.ready = "true";
})();
