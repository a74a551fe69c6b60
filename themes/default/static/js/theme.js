// The dark-mode switch: shown only with JavaScript, it sets the page's theme and remembers
// it for every page of the site (localStorage). The page's <head> applies a remembered
// choice before the first paint; without one, the system's setting rules.
(function () {
  var root = document.documentElement, box = document.getElementById("theme-switch");
  if (!box) return;
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  function current() { return root.getAttribute("data-theme") || (dark.matches ? "dark" : "light"); }
  box.checked = current() === "dark";
  box.addEventListener("change", function () {
    var chosen = box.checked ? "dark" : "light";
    root.setAttribute("data-theme", chosen);
    try { localStorage.setItem("ssg-theme", chosen); } catch (error) { /* private mode: this page only */ }
  });
  dark.addEventListener("change", function () { box.checked = current() === "dark"; });
})();
