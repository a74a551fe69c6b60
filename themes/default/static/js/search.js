// The search page: our own small script over Pagefind's JavaScript API.
//
// The index is in shards (pagefind/shards.json lists them), each a Pagefind bundle in
// one language. For each language one Pagefind instance opens its first shard and
// merges the others, so that one search returns one list ranked across the shards.
// Pagefind takes an instance's language from <html lang> when the instance is
// created, so we set it for the moment of creation.
//
// Nothing of Pagefind is fetched until the reader starts to search (focuses the field
// or types in it), or the address already holds a search; what was typed before it
// loaded is searched once it has.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-input");
const filtersBox = form.querySelector(".search-filters");
const tagFilter = document.getElementById("filter-tag");
const yearFilter = document.getElementById("filter-year");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const words = JSON.parse(document.getElementById("search-words").textContent);
const RTL = new Set(["ar", "fa", "ur", "he", "ps", "ckb", "ku", "sd", "ug", "yi", "dv", "syr"]);
const bundle = form.dataset.bundle;
const MAX_RESULTS = 30;

const pageLang = document.documentElement.lang;
const plural = new Intl.PluralRules(pageLang);

// The spellings the site's tags treat as one are one in the index too (the build folds
// the indexed text with the same rules): fold the query the same way.
const removed = new RegExp(`[${words.folding.remove}]`, "gu");
const replaced = words.folding.replace;

function fold(text) {
  return text.normalize("NFC").replace(removed, "").replace(/./gu, (c) => replaced[c] || c)
    .toLowerCase().split(/\s+/).filter(Boolean).join(" ");
}

function number(n) {
  const text = String(n);
  return words.digits === "arabic" ? text.replace(/[0-9]/g, (d) => "٠١٢٣٤٥٦٧٨٩"[d]) : text;
}

function word(key, count) {
  const entry = words[key];
  if (typeof entry === "string") return entry.replace("{count}", number(count));
  const form = count === 0 && entry.zero ? "zero" : plural.select(count);
  return (entry[form] || entry.other).replace("{count}", number(count));
}

async function openLanguages() {
  const manifest = await (await fetch(bundle + "shards.json")).json();
  const byLanguage = new Map();
  for (const shard of manifest.shards) {
    if (!byLanguage.has(shard.language)) byLanguage.set(shard.language, []);
    byLanguage.get(shard.language).push(bundle + shard.path);
  }
  const languages = [];
  for (const [lang, [first, ...others]] of byLanguage) {
    // Each language's module comes from its own first shard: a module of its own, with
    // its own WebAssembly memory (two languages stem differently).
    const pagefind = await import(`${first}pagefind.js`);
    document.documentElement.lang = lang;
    let index;
    try {
      index = pagefind.createInstance({basePath: first, baseUrl: "/"});
    } finally {
      document.documentElement.lang = pageLang;
    }
    await Promise.all(others.map((path) => index.mergeIndex(path, {language: lang, baseUrl: "/"})));
    languages.push({lang, index});
  }
  return languages;
}

function fillFilter(select, counts, numeric) {
  const names = Object.keys(counts).sort((a, b) =>
    numeric ? Number(b) - Number(a) : counts[b] - counts[a] || a.localeCompare(b));
  for (const name of names) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${numeric ? number(name) : name} (${number(counts[name])})`;
    select.append(option);
  }
}

function resultItem(lang, data) {
  const item = document.createElement("li");
  item.className = "search-result";
  item.lang = lang;
  item.dir = RTL.has(lang.split("-")[0]) ? "rtl" : "ltr";
  if (data.meta.image) {
    const image = document.createElement("img");
    image.src = data.meta.image;
    image.alt = "";
    image.loading = "lazy";
    item.append(image);
  }
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  title.append(link);
  item.append(title);
  if (data.meta.date) {
    const date = document.createElement("p");
    date.className = "search-date";
    date.textContent = data.meta.date;
    item.append(date);
  }
  const summary = document.createElement("p");
  summary.className = "search-summary";
  summary.textContent = data.meta.summary || "";
  item.append(summary);
  return item;
}

let opening = null;

function open() {
  if (!opening) {
    opening = openLanguages().then(async (languages) => {
      const tags = {}, years = {};
      for (const {index} of languages) {
        const filters = await index.filters();
        for (const [name, count] of Object.entries(filters.tag || {})) tags[name] = (tags[name] || 0) + count;
        for (const [name, count] of Object.entries(filters.year || {})) years[name] = (years[name] || 0) + count;
      }
      fillFilter(tagFilter, tags, false);
      fillFilter(yearFilter, years, true);
      const params = new URLSearchParams(location.search);
      tagFilter.value = params.get("tag") || "";
      yearFilter.value = params.get("year") || "";
      tagFilter.disabled = yearFilter.disabled = false;
      delete filtersBox.dataset.waiting;
      return languages;
    });
  }
  return opening;
}

let latest = 0;

async function search() {
  const typed = input.value.trim();
  const filters = {};
  if (tagFilter.value) filters.tag = tagFilter.value;
  if (yearFilter.value) filters.year = yearFilter.value;
  const url = new URL(location.href);
  url.search = new URLSearchParams(Object.entries({q: typed, ...filters}).filter(([, v]) => v)).toString();
  history.replaceState(null, "", url);
  const ticket = ++latest;
  if (!typed) {
    // Filters alone would make Pagefind fetch every chunk of every shard; the tag and
    // year pages list those articles already.
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = words.search_loading;
  let languages;
  try {
    languages = await open();
  } catch (error) {
    status.textContent = words.search_failed;
    return;
  }
  const query = fold(typed);
  const found = await Promise.all(languages.map(async ({lang, index}) => {
    const response = await index.search(query, {filters});
    return response.results.map((result) => ({lang, result}));
  }));
  if (ticket !== latest) return;
  const merged = found.flat().sort((a, b) => b.result.score - a.result.score).slice(0, MAX_RESULTS);
  const shown = await Promise.all(merged.map(async ({lang, result}) => resultItem(lang, await result.data())));
  if (ticket !== latest) return;
  list.replaceChildren(...shown);
  const total = found.reduce((sum, results) => sum + results.length, 0);
  status.textContent = total ? word("search_results", total) : words.no_results;
}

let timer;
input.addEventListener("focus", () => open().catch(() => {}), {once: true});
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 200); });
tagFilter.addEventListener("change", search);
yearFilter.addEventListener("change", search);
form.addEventListener("submit", (event) => { event.preventDefault(); search(); });

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
if (input.value) search();
