"""Stage: pictures. Every raster picture the site publishes gets its record (size, kind,
digest); those of the site itself (content/ and static/, not the theme's) are published
without private metadata and with smaller copies; articles may get share cards.

Each output is named by a key, the digest of all it is made from (the source's bytes, the
settings, the card's text and fonts), and made once into .ssg-cache/pictures/KEY, from
where the plan copies it into site/. A picture is read again only when its size or time
changed (the last build's records, by path), and an output is made again only when its
key is new: a rebuild that changed no picture and no headline does no picture work."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..errors import BuildFailed, SiteError, display_path
from .cards import CardText
from .fonts import CardFonts
from ..digest import sha1
from .probe import VERSION, NotAPicture, Picture, kind_of, probe

Memo = dict[str, tuple[int, int, Picture]]          # output path -> (size, mtime_ns, record)


@dataclass(frozen=True, slots=True)
class PictureSettings:
    widths: tuple[int, ...]
    fmt: str
    quality: int
    keep_metadata: bool

    @classmethod
    def of(cls, config) -> "PictureSettings":
        return cls(tuple(config.picture_widths), config.picture_format, config.picture_quality,
                   config.keep_photo_metadata)

    def published_key(self, picture: Picture) -> str:
        return sha1(VERSION, "published", picture.digest, repr(self.keep_metadata))

    def variants(self, picture: Picture) -> list[tuple[int, str, str]]:
        """(width, output path, key) of each of PICTURE's smaller copies, narrowest first."""
        found = []
        for width in picture.variant_widths(self.widths):
            key = sha1(VERSION, "variant", picture.digest, str(width), self.fmt, str(self.quality))
            found.append((width, picture.variant_path(width, self.fmt, key), key))
        return found


@dataclass(frozen=True, slots=True)
class PictureOutput:
    output_path: str
    key: str                             # its cache file's name


@dataclass(frozen=True, slots=True)
class PictureWork:
    """What one worker makes from one decoded picture, or one card."""
    outputs: tuple[PictureOutput, ...]   # a picture's: its published copy, then its variants narrowest first
    source: str = ""                     # the picture's file
    picture: Picture | None = None
    widths: tuple[int, ...] = ()         # of its variants, narrowest first
    card: CardText | None = None
    fonts: CardFonts | None = None


@dataclass(frozen=True, slots=True)
class Pictures:
    """The stage's result: the records of the site's pictures, and what is made of them."""
    table: Mapping[str, Picture]         # output path -> record, for every raster picture published
    processed: frozenset[str]            # the output paths published through this stage (not copied as they are)
    memo: Memo                           # for the next build
    warnings: tuple[SiteError, ...] = ()
    fonts: CardFonts | None = None       # the share cards' fonts; None: no cards


def survey_pictures(files: Iterable[tuple[str, Path, bool]], last: Memo | None, root: Path) -> Pictures:
    """FILES: (output path, source, whether it is the site's own) of every file copied into
    site/. LAST: the last build's memo; a file of the same size and time keeps its record."""
    table, processed, memo, warnings = {}, set(), {}, []
    last = last or {}
    for output_path, source, own in files:
        if kind_of(output_path) is None:
            continue
        try:
            stat = source.stat()
        except OSError:
            continue
        known = last.get(output_path)
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            picture = known[2]
        else:
            try:
                picture = probe(output_path, source.read_bytes())
            except (NotAPicture, OSError) as error:
                warnings.append(SiteError(display_path(source, root), None,
                                          f"is not a picture ssg can read ({error}): copied as it is, without "
                                          "its size", "save it again from an image editor, or give it the "
                                          "extension of what it is"))
                continue
        memo[output_path] = (stat.st_size, stat.st_mtime_ns, picture)
        table[output_path] = picture
        if own:
            processed.add(output_path)
    return Pictures(table, frozenset(processed), memo, tuple(warnings))


def picture_stage(config, files: Iterable[tuple[str, Path, bool]], last: Memo | None) -> Pictures:
    """The pictures' records, and the share cards' fonts (with a warning when the cards
    are wanted and no font is found)."""
    from dataclasses import replace

    from ..config import line_in_site_toml
    from .fonts import card_fonts

    pictures = survey_pictures(files, last, config.root)
    if config.share_cards == "none":
        return pictures
    shaping = raqm_available()
    fonts = card_fonts(config.card_font, config.root) if shaping else None
    if fonts is not None:
        return replace(pictures, fonts=fonts)
    key = "card_font" if config.card_font and shaping else "share_cards"
    where = "Pillow here cannot shape Arabic (its raqm layout needs FriBiDi: apt-get install libfribidi0)" \
        if not shaping else f"card_font {config.card_font} is no font file" if config.card_font else \
        "no Arabic font found for share cards (fontconfig knows no Noto Naskh Arabic, Noto Sans Arabic or Amiri)"
    warning = SiteError(config.settings_file, line_in_site_toml(config.root, key),
                        f"{where}: articles without a large picture share "
                        + ("default_image" if config.default_image else "no picture"),
                        "install one (Debian: apt-get install fonts-noto-core), set card_font to a .ttf file, "
                        "or share_cards = \"none\"")
    return replace(pictures, warnings=pictures.warnings + (warning,))


def raqm_available() -> bool:
    """Whether Pillow can lay text out with raqm (its wheels carry it; FriBiDi is loaded at
    run time): without it Arabic would be drawn letter by letter, left to right."""
    from PIL import features

    return bool(features.check("raqm"))


def picture_work(pictures: Pictures, sources: Mapping[str, Path], settings: PictureSettings,
                 shown: frozenset[str]) -> Iterator[PictureWork]:
    """The work for each picture published through this stage (SOURCES: output path -> file):
    its published copy, and the smaller copies of those pages show (SHOWN)."""
    for path in sorted(pictures.processed):
        picture = pictures.table[path]
        variants = settings.variants(picture) if path in shown else []
        outputs = [PictureOutput(path, settings.published_key(picture))]
        outputs += [PictureOutput(output, key) for _, output, key in variants]
        yield PictureWork(tuple(outputs), str(sources[path]), picture, tuple(width for width, _, _ in variants))


def card_work(cards: Mapping[str, tuple[str, CardText]], fonts: CardFonts | None) -> Iterator[PictureWork]:
    """CARDS: output path -> (key, text)."""
    for path, (key, text) in sorted(cards.items()):
        yield PictureWork((PictureOutput(path, key),), card=text, fonts=fonts)


def cached_file(folder: Path, key: str) -> Path:
    return folder / key[:2] / key


def make_missing(works: list[PictureWork], folder: Path, executor, progress, settings: PictureSettings,
                 root: Path, fresh: bool = False) -> None:
    """Make into FOLDER each output of WORKS that is not there yet (FRESH: each), in the worker
    pool. ROOT: the site folder, which errors name files from."""
    todo = [work for work in works if fresh or not all(cached_file(folder, o.key).is_file() for o in work.outputs)]
    if not todo:
        return
    errors = [error for error in executor.map(_Make(folder, settings, root), todo, "pictures", progress) if error]
    if errors:
        raise BuildFailed(errors)


class _Make:
    """One work's outputs into the cache folder (in a worker: a picklable callable)."""

    def __init__(self, folder: Path, settings: PictureSettings, root: Path):
        self.folder, self.settings, self.root = folder, settings, root

    def __call__(self, work: PictureWork) -> SiteError | None:
        from .cards import render_card
        from .encode import published, variants

        if work.card is not None:
            outputs = [render_card(work.card, work.fonts)]
        else:
            try:
                data = Path(work.source).read_bytes()
                outputs = [published(data, work.picture, self.settings.keep_metadata)]
                outputs += variants(data, work.picture, work.widths, self.settings.fmt, self.settings.quality)
            except Exception as error:  # noqa: BLE001 - a picture Pillow cannot decode, named
                return SiteError(display_path(Path(work.source), self.root), None,
                                 f"picture cannot be decoded: {error}", "save it again from an image editor, "
                                 "or remove it; with keep_photo_metadata = true it is copied as it is")
        for output, data in zip(work.outputs, outputs):
            target = cached_file(self.folder, output.key)
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}")
            temporary.write_bytes(data)
            os.replace(temporary, target)
        return None


def keep_only(folder: Path, keys: set[str]) -> None:
    """Remove from the cache FOLDER the outputs no longer published."""
    if not folder.is_dir():
        return
    for sub in folder.iterdir():
        for file in sub.iterdir() if sub.is_dir() else ():
            if file.name not in keys:
                file.unlink(missing_ok=True)
