// Applies the reader's text size and contrast, from the cookies the A-/A/A+
// and contrast links set, before the page is drawn. The server reads the
// same cookies (so every control works without JavaScript); this script is
// for a copy kept by a shared cache, which is the page made for readers
// without preferences. Loaded in <head>, not deferred; nothing else.
(function () {
  var c = document.cookie;
  var h = document.documentElement;
  var size = /(?:^|;\s*)dv_text=([0-4])(?:;|$)/.exec(c);
  if (size) h.className = h.className.replace(/\btext-[0-4]\b/, "text-" + size[1]);
  var contrast = /(?:^|;\s*)dv_contrast=([01])(?:;|$)/.exec(c);
  if (contrast) h.classList.toggle("contrast-high", contrast[1] === "1");
})();
