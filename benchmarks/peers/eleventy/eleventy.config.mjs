// Eleventy 3 setup for the ssg benchmark (run.py copies it into the project
// folder, beside site/; the input folder is given with --input=site).
import { feedPlugin } from "@11ty/eleventy-plugin-rss";

const ymd = (d) => d.toISOString().slice(0, 10);

export default function (eleventyConfig) {
  // Arabic-preserving tag slug (like Hugo's urlize); the built-in `slugify`
  // filter transliterates Arabic to Latin.
  eleventyConfig.addFilter("tagslug", (s) => String(s).trim().toLowerCase().replace(/\s+/g, "-"));
  eleventyConfig.addFilter("ymd", ymd);
  eleventyConfig.addFilter("head", (a, n) => a.slice(0, n));

  const articles = (api) => api.getFilteredByGlob("**/posts/**/*.md");
  eleventyConfig.addCollection("articles", articles);  // oldest first
  eleventyConfig.addCollection("tagList", (api) => {
    const s = new Set();
    for (const it of articles(api)) for (const t of it.data.tags || []) s.add(t);
    return [...s].sort();
  });
  const groupBy = (api, keyf) => {
    const m = new Map();
    for (const it of articles(api)) {
      const k = keyf(it.date);
      if (!m.has(k)) m.set(k, []);
      m.get(k).push(it);
    }
    return [...m.keys()].sort().map((k) => ({ key: k, items: m.get(k).reverse() }));
  };
  eleventyConfig.addCollection("years", (api) => groupBy(api, (d) => ymd(d).slice(0, 4)));
  eleventyConfig.addCollection("months", (api) => groupBy(api, (d) => ymd(d).slice(0, 7).replace("-", "/")));

  eleventyConfig.addPlugin(feedPlugin, {
    type: "atom",
    outputPath: "/atom.xml",
    collection: { name: "articles", limit: 20 },
    metadata: {
      language: "ar",
      title: "أرشيف الأخبار",
      subtitle: "",
      base: "https://example.org/",
      author: { name: "أرشيف" },
    },
  });
}
