// Copy-link: copy the article's address instead of following the link. Without
// JavaScript (or without clipboard access) the link simply opens the article.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.share-copy");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    var label = link.textContent;
    link.textContent = link.getAttribute("data-copied");
    setTimeout(function () { link.textContent = label; }, 2000);
  });
});
