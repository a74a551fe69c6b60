// The search page: our own small script over Pagefind's JavaScript API.
// Pagefind keeps one index per language and takes an instance's language from
// <html lang> when the instance is created, so we create one instance per language
// (each stems its own way) and merge their results by score. Each instance gets its
// own copy of the module (a distinct URL), because the module holds one WebAssembly
// memory that two languages must not share.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-input");
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

async function openInstances() {
  const entry = await (await fetch(bundle + "pagefind-entry.json")).json();
  const instances = [];
  for (const lang of Object.keys(entry.languages)) {
    const pagefind = await import(`${bundle}pagefind.js?language=${encodeURIComponent(lang)}`);
    document.documentElement.lang = lang;
    try {
      instances.push({lang, index: pagefind.createInstance({basePath: bundle})});
    } finally {
      document.documentElement.lang = pageLang;
    }
  }
  return instances;
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

async function main() {
  let instances;
  try {
    instances = await openInstances();
  } catch (error) {
    status.textContent = words.search_failed;
    return;
  }
  const tags = {}, years = {};
  for (const {index} of instances) {
    const filters = await index.filters();
    for (const [name, count] of Object.entries(filters.tag || {})) tags[name] = (tags[name] || 0) + count;
    for (const [name, count] of Object.entries(filters.year || {})) years[name] = (years[name] || 0) + count;
  }
  fillFilter(tagFilter, tags, false);
  fillFilter(yearFilter, years, true);
  form.querySelector(".search-filters").hidden = false;
  input.disabled = false;

  let latest = 0;
  async function search() {
    const query = input.value.trim();
    const filters = {};
    if (tagFilter.value) filters.tag = tagFilter.value;
    if (yearFilter.value) filters.year = yearFilter.value;
    const url = new URL(location.href);
    url.search = new URLSearchParams(Object.entries({q: query, ...filters}).filter(([, v]) => v)).toString();
    history.replaceState(null, "", url);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const ticket = ++latest;
    status.textContent = words.search_loading;
    const found = await Promise.all(instances.map(async ({lang, index}) => {
      const response = await index.search(query || null, {filters});
      return response.results.map((result) => ({lang, result}));
    }));
    const merged = found.flat().sort((a, b) => b.result.score - a.result.score).slice(0, MAX_RESULTS);
    const shown = await Promise.all(merged.map(async ({lang, result}) => resultItem(lang, await result.data())));
    if (ticket !== latest) return;
    list.replaceChildren(...shown);
    const total = found.reduce((sum, results) => sum + results.length, 0);
    status.textContent = total ? word("search_results", total) : words.no_results;
  }

  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 200); });
  tagFilter.addEventListener("change", search);
  yearFilter.addEventListener("change", search);
  form.addEventListener("submit", (event) => { event.preventDefault(); search(); });

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  tagFilter.value = params.get("tag") || "";
  yearFilter.value = params.get("year") || "";
  if (input.value || tagFilter.value || yearFilter.value) search();
  input.focus();
}

main();
