"""Pictures, measured: the CPU a variant set and a share card take, a cold build of a
1,000-article archive where every article has a 2000×1333 JPEG against Hugo's image
processing of the same photos to the same widths, a rebuild with nothing changed, and
the cost of the default share cards on an archive without pictures.

    .venv/bin/python benchmarks/pictures.py [--work /work/bench-work] [--repeat 3]

Needs Pillow (ssg's own dependency: run it with the project's .venv) and Hugo extended
(benchmarks/install_peers.sh). Prints a Markdown section for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
WIDTHS = (480, 800, 1200)


def load_run():
    spec = importlib.util.spec_from_file_location("bench_run", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_photo(seed: int) -> bytes:
    """A 2000×1333 JPEG as a camera's might look to an encoder: a scene of shapes and
    gradients with sensor-like noise, about 0.5 MB at quality 90."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    width, height = 2000, 1333
    sky = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    scene = Image.new("RGB", (width, height), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    scene = Image.blend(scene, sky, 0.5)
    draw = ImageDraw.Draw(scene)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(50, 600), rng.randrange(50, 400)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x, y, x + w, y + h), fill=colour)
    scene = scene.filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise((width, height), 18).convert("RGB")
    scene = Image.blend(scene, noise, 0.12)
    out = io.BytesIO()
    scene.save(out, "JPEG", quality=90)
    return out.getvalue()


def image_paths(corpus: Path) -> list[tuple[Path, str]]:
    """Each article and the root path its front-matter names as its picture."""
    found = []
    for path in sorted(corpus.rglob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:40]:
            if line.startswith("image: "):
                found.append((path, line[7:].strip()))
                break
    return found


def ensure_photos(work: Path, corpus: Path) -> Path:
    folder = work / "photos" / corpus.name
    stamp = folder / ".complete"
    if stamp.is_file():
        return folder
    for number, (_, image) in enumerate(image_paths(corpus)):
        target = folder / image.lstrip("/")
        if target.is_file():
            continue                  # made by a run cut short
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".part")
        temporary.write_bytes(make_photo(number))
        temporary.rename(target)
    stamp.write_text("ok")
    return folder


def link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=os.link, ignore=shutil.ignore_patterns(".complete"))


def ssg_site(work: Path, corpus: Path, photos: Path | None, name: str, settings: str) -> Path:
    site = work / "pictures-bench" / name
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    link_tree(corpus, site / "content")
    if photos is not None:
        link_tree(photos, site / "static")
    (site / "site.toml").write_text('title = "أرشيف الأخبار"\nbase_url = "https://example.org/"\nlanguage = "ar"\n'
                                    'per_page = 20\n' + settings, encoding="utf-8")
    return site


def hugo_site(work: Path, corpus: Path, photos: Path) -> Path:
    site = work / "pictures-bench" / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(HERE / "peers" / "hugo", site)
    shutil.copytree(HERE / "peers" / "hugo-pictures", site, dirs_exist_ok=True)
    link_tree(corpus, site / "content" / "posts")
    link_tree(photos, site / "assets")
    return site


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and its children)."""
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{result.stderr[-3000:]}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def clean_ssg(site: Path) -> None:
    for name in ("site", ".ssg-cache"):
        shutil.rmtree(site / name, ignore_errors=True)


def clean_hugo(site: Path) -> None:
    for name in ("public", "resources"):
        shutil.rmtree(site / name, ignore_errors=True)


def per_item_cpu(photos: Path, count: int) -> dict:
    """CPU per variant set (three WebP widths, and the published copy), and per share card."""
    from ssg.pictures.cards import CardText, render_card
    from ssg.pictures.encode import published, variants
    from ssg.pictures.fonts import card_fonts
    from ssg.pictures.probe import probe

    files = sorted(photos.rglob("*.jpg"))[:count]
    datas = [path.read_bytes() for path in files]
    start = time.process_time()
    for path, data in zip(files, datas):
        picture = probe(path.name, data)
        published(data, picture, False)
        variants(data, picture, picture.variant_widths(WIDTHS), "webp", 80)
    per_set = (time.process_time() - start) / len(files)
    fonts = card_fonts("", REPO)
    titles = [f"افتتاح جسر الكرخ الجديد بعد {n} سنوات من العمل وحضور وزير النقل" for n in range(200)]
    start = time.process_time()
    for title in titles:
        render_card(CardText(title, "أرشيف الأخبار", "٦ كانون الأول ٢٠٢٦", "ar", "rtl"), fonts)
    per_card = (time.process_time() - start) / len(titles)
    return {"per_set_ms": per_set * 1000, "per_card_ms": per_card * 1000, "photos": len(files)}


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("BENCH_WORK", "/work/bench-work")))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cards-size", type=int, default=10000, help="the archive without pictures (default 10000)")
    parser.add_argument("--ssg", default=str(REPO / ".venv" / "bin" / "ssg"))
    parser.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    args = parser.parse_args()
    run = load_run()
    corpus, _ = run.ensure_corpus(args.work, 1000, "1")
    photos = ensure_photos(args.work, corpus)
    lines = [f"Machine: {os.cpu_count()} cores; {args.repeat} runs each, alternating, median shown.", ""]

    cpu = per_item_cpu(photos, 50)
    lines += [f"- CPU per photo (2000×1333 JPEG: its published copy without metadata, and WebP copies at "
              f"480, 800 and 1200 px, quality 80): {cpu['per_set_ms']:.0f} ms (goal 60 ms)",
              f"- CPU per share card (1200×630 JPEG, a two-line Arabic headline): {cpu['per_card_ms']:.1f} ms "
              f"(goal 5 ms)", ""]

    with_search = ssg_site(args.work, corpus, photos, "ssg-photos-search", "")
    without = ssg_site(args.work, corpus, photos, "ssg-photos", "search = false\n")
    hugo = hugo_site(args.work, corpus, photos)
    times: dict[str, list[tuple[float, float]]] = {"ssg": [], "ssg-search": [], "hugo": [], "ssg-again": []}
    for _ in range(args.repeat):
        clean_hugo(hugo)
        times["hugo"].append(timed([args.hugo, "--quiet"], hugo))
        clean_ssg(without)
        times["ssg"].append(timed([args.ssg, "build", "-q"], without))
        times["ssg-again"].append(timed([args.ssg, "build", "-q"], without))
        clean_ssg(with_search)
        times["ssg-search"].append(timed([args.ssg, "build", "-q"], with_search))
    variants_made = len(list((without / "site").rglob("*.webp")))
    hugo_made = len(list((hugo / "public").rglob("*.webp")))
    hugo_wall = median([wall for wall, _ in times["hugo"]])
    lines += ["| 1,000 articles, a 2000×1333 JPEG each | wall s | CPU s | ratio to Hugo (wall) |", "|---|---|---|---|"]
    for name, label in (("hugo", f"Hugo {hugo_made} WebP copies (480, 800, 1200; box filter, q80); pages as "
                                 "benchmarks/peers/hugo"),
                        ("ssg", f"ssg, search off: {variants_made} WebP copies, published copies without "
                                "metadata, share cards on (default; none made: every article has a large picture)"),
                        ("ssg-search", "ssg, default settings (search on)"),
                        ("ssg-again", "ssg rebuild, nothing changed")):
        wall, cpu_s = median([w for w, _ in times[name]]), median([c for _, c in times[name]])
        lines.append(f"| {label} | {wall:.2f} | {cpu_s:.2f} | {wall / hugo_wall:.2f}× |")
    lines.append("")

    big, _ = run.ensure_corpus(args.work, args.cards_size, "1")
    cards = ssg_site(args.work, big, None, "ssg-cards", "search = false\n")
    none = ssg_site(args.work, big, None, "ssg-no-cards", 'search = false\nshare_cards = "none"\n')
    results: dict[str, list[tuple[float, float]]] = {"cards": [], "none": []}
    for _ in range(max(1, args.repeat - 1)):
        for name, site in (("none", none), ("cards", cards)):
            clean_ssg(site)
            results[name].append(timed([args.ssg, "build", "-q"], site))
    made = len(list((cards / "site" / "cards").glob("*.jpg")))
    lines += [f"| {args.cards_size:,} articles, no pictures (the corpus names missing ones), search off | wall s | "
              "CPU s |", "|---|---|---|"]
    for name, label in (("none", 'share_cards = "none"'), ("cards", f'share cards (default "missing"): {made} made')):
        lines.append(f"| {label} | {median([w for w, _ in results[name]]):.2f} | "
                     f"{median([c for _, c in results[name]]):.2f} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
