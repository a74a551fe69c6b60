// ssg preview: reload the page after each rebuild, or swap only the stylesheets when
// nothing but CSS changed. Injected by `ssg serve` into HTML responses, never into files.
(function () {
  if (!window.EventSource) return;
  var me = document.currentScript;
  var shown = me ? Number(me.getAttribute("data-version")) : null;
  var events = new EventSource("/__ssg/events");

  function swapStylesheets() {
    fetch(location.href, {cache: "no-store"}).then(function (response) {
      return response.text();
    }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html");
      var next = fresh.querySelectorAll('link[rel="stylesheet"]');
      var current = document.querySelectorAll('link[rel="stylesheet"]');
      if (next.length !== current.length) { location.reload(); return; }
      for (var i = 0; i < current.length; i++) {
        current[i].href = next[i].getAttribute("href");
      }
    }).catch(function () { location.reload(); });
  }

  events.addEventListener("build", function (event) {
    var build = JSON.parse(event.data);
    if (build.version === shown) return;
    var stylesOnly = build.css_only && shown !== null && build.version === shown + 1 &&
      !document.getElementById("ssg-error-overlay");
    shown = build.version;
    if (stylesOnly) swapStylesheets(); else location.reload();
  });
})();
