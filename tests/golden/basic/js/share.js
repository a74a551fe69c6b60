// Copy-link: copy the article's address instead of following the link. Without
// JavaScript (or without clipboard access) the link simply opens the article.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.share-copy");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    var label = link.querySelector(".visually-hidden") || link;
    var before = label.textContent;
    label.textContent = link.getAttribute("data-copied");
    link.classList.add("copied");
    setTimeout(function () { label.textContent = before; link.classList.remove("copied"); }, 2000);
  });
});
