"""Shortcodes: Hugo's {{< name args >}} and {{% name %}}, and WordPress's [name args].

Hugo: figure, youtube, vimeo, highlight, ref and relref, param, gist, tweet/x and
notice are converted; any other shortcode stays as written, with a note (a paired
one keeps its inner text). WordPress: [caption] becomes a <figure>, [audio] and
[video] their elements, [embed] a link; [gallery] and [playlist], which need the
WordPress database, stay as written, with a note.
"""

from __future__ import annotations

import html
import re

from .convert import HUGO_COMMENTED, Scanner, after_block, block, fenced, literal_code, uncommented
from .liquid import gist, youtube

_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w.-]+)((?:[^>%\"`]|\"(?:\\.|[^\"\\])*\"|`[^`]*`)*?)\s*([>%])\}\}",
                        re.DOTALL)
_ARGUMENT = re.compile(r"""(?:([\w-]+)\s*=\s*)?("(?:\\.|[^"\\])*"|`[^`]*`|[^\s"`]+)""")


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    for key, value in _ARGUMENT.findall(text):
        if value[:1] == '"':
            value = value[1:-1].replace('\\"', '"')
        elif value[:1] == "`":
            value = value[1:-1]
        if key:
            named[key] = value
        else:
            positional.append(value)
    return positional, named


def hugo(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    closer = (">" if match.group(0)[2] == "<" else "%") + "}}"
    commented = scanner.construct(HUGO_COMMENTED, match.start(), "*/" + closer)
    if commented is not None:          # {{</* x */>}}: Hugo prints {{< x >}}
        scanner.done("hugo comment")
        return uncommented(commented), commented.end()
    found = scanner.construct(_SHORTCODE, match.start(), closer)
    if found is None:
        scanner.note(match.start(), "template", f"`{match.group(0)}` that opens no shortcode: shown as written")
        return match.group(0), match.end()
    closing, name, rest = found.group(2), found.group(3), found.group(4)
    if closing:
        scanner.note(found.start(), "shortcode", f"`{found.group(0)}` closes no shortcode: shown as written")
        return found.group(0), found.end()
    positional, named = _arguments(rest)
    inner, end = _inner(scanner, found, name)
    handler = _HUGO.get(name)
    result = handler(scanner, found, positional, named, inner) if handler else None
    if result is None:
        kept = ": its text is kept" if inner is not None else ": shown as written"
        if handler is None:
            scanner.note(found.start(), "shortcode", f"Hugo shortcode `{name}` has no equivalent here" + kept)
        else:
            scanner.note(found.start(), "shortcode", f"`{found.group(0)}` lacks what it needs to show "
                         f"({_NEEDS[name]})" + kept)
        if inner is not None:
            return inner, end
        return found.group(0), found.end()
    scanner.done(f"hugo {name}")
    stop = end if inner is not None else found.end()
    if result.startswith("\n"):
        return block(scanner, found.start(), result.strip("\n")), after_block(scanner, stop)
    return result, stop


def _inner(scanner: Scanner, found: re.Match, name: str) -> tuple[str | None, int]:
    """The text up to the shortcode's closing {{< /name >}}, if it has one."""
    closing = re.compile(r"\{\{[<%]\s*/\s*" + re.escape(name) + r"\s*[>%]\}\}")
    end = scanner.closing("hugo " + name, closing, found.end())
    if end is None:
        return None, found.end()
    return scanner.text[found.end():end.start()], end.end()


def _figure(scanner, found, positional, named, inner) -> str | None:
    source = named.get("src")
    if not source:
        return None
    attributes = "".join(f' {key}="{html.escape(named[key])}"' for key in ("width", "height") if key in named)
    image = f'<img src="{html.escape(source)}" alt="{html.escape(named.get("alt", ""))}"{attributes}>'
    if named.get("link"):
        image = f'<a href="{html.escape(named["link"])}">{image}</a>'
    caption = ""
    if named.get("title"):
        caption += f'<strong>{html.escape(named["title"])}</strong> '
    if named.get("caption"):
        caption += html.escape(named["caption"])
    if named.get("attr"):
        attribution = html.escape(named["attr"])
        if named.get("attrlink"):
            attribution = f'<a href="{html.escape(named["attrlink"])}">{attribution}</a>'
        caption += f" <small>{attribution}</small>"
    css = f' class="{html.escape(named["class"])}"' if named.get("class") else ""
    caption = f"<figcaption>{caption.strip()}</figcaption>" if caption.strip() else ""
    return f"\n<figure{css}>{image}{caption}</figure>"


def _video_id(positional: list[str], named: dict[str, str]) -> str | None:
    video = named.get("id") or (positional[0] if positional else "")
    return video if re.fullmatch(r"[\w-]{4,20}", video) else None


def _youtube(scanner, found, positional, named, inner) -> str | None:
    video = _video_id(positional, named)
    return "\n" + youtube(video) if video else None


def _vimeo(scanner, found, positional, named, inner) -> str | None:
    video = _video_id(positional, named)
    if video is None:
        return None
    return ('\n<div class="embed vimeo"><iframe src="https://player.vimeo.com/video/' + video
            + '" title="Vimeo" loading="lazy" allowfullscreen></iframe></div>')


def _highlight(scanner, found, positional, named, inner) -> str | None:
    if inner is None:
        return None
    language = re.sub(r"[^\w+#.-]", "", positional[0]) if positional else ""
    return "\n" + fenced(literal_code(inner), language, scanner.indent_at(found.start()))


def _ref(scanner, found, positional, named, inner) -> str | None:
    target = named.get("path") or (positional[0] if positional else "")
    if not target:
        return None
    path, _, fragment = target.partition("#")
    if not path:
        return "#" + fragment
    name = path.rstrip("/").rsplit("/", 1)[-1]
    if name in ("index.md", "_index.md") and "/" in path.rstrip("/"):
        name = path.rstrip("/").rsplit("/", 2)[-2]          # a page bundle: its folder's name
    name = re.sub(r"\.(md|markdown)$", "", name)
    return scanner.reference(found.start(), name, fragment)


def _param(scanner, found, positional, named, inner) -> str | None:
    key = named.get("name") or (positional[0] if positional else "")
    value = scanner.context.page.get(key)
    if value is None:
        params = scanner.context.site.get("params")
        value = params.get(key) if isinstance(params, dict) else None
    if value is None or isinstance(value, (dict, list)):
        return None
    return scanner.printed(html.escape(str(value)))


def _gist(scanner, found, positional, named, inner) -> str | None:
    if len(positional) < 2:
        return None
    return "\n" + gist(f"{positional[0]}/{positional[1]}")


def _tweet(scanner, found, positional, named, inner) -> str | None:
    user, post = named.get("user"), named.get("id") or (positional[-1] if positional else "")
    if not re.fullmatch(r"\d+", post or ""):
        return None
    url = f"https://x.com/{user or 'i'}/status/{post}"
    return f'\n<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


def _notice(scanner, found, positional, named, inner) -> str | None:
    if inner is None:
        return None
    kind = re.sub(r"[^\w-]", "", positional[0]) if positional else "note"
    return f'\n<div class="notice {kind}">\n\n{inner.strip()}\n\n</div>'


_NEEDS = {
    "figure": "src=", "youtube": "a video id", "vimeo": "a video id", "highlight": "its closing {{< /highlight >}}",
    "ref": "a page", "relref": "a page", "param": "a key set in the front-matter or site.toml's [extra.params]",
    "gist": "a user and a gist id", "tweet": "a post id", "x": "a post id", "twitter": "a post id",
    "notice": "its closing {{% /notice %}}",
}
_HUGO = {
    "figure": _figure, "youtube": _youtube, "vimeo": _vimeo, "highlight": _highlight, "ref": _ref,
    "relref": _ref, "param": _param, "gist": _gist, "tweet": _tweet, "x": _tweet, "twitter": _tweet,
    "notice": _notice,
}


# --- WordPress -----------------------------------------------------------------------------

_WP_OPEN = re.compile(r"\[(\w+)((?:[^\]\"']|\"[^\"]*\"|'[^']*')*)\]")
_WP_ARGUMENT = re.compile(r"""([\w-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s\]]+)""")
_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)", re.IGNORECASE)


def wordpress(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    if match.group(0).startswith("[/"):
        end = scanner.text.find("]", match.end(), match.end() + 40)
        stop = end + 1 if end >= 0 else match.end()
        scanner.note(match.start(), "wordpress", f"`{scanner.text[match.start():stop]}` closes no shortcode: "
                     "shown as written")
        return scanner.text[match.start():stop], stop
    found = scanner.construct(_WP_OPEN, match.start())
    if found is None:
        return match.group(0), match.end()
    name = found.group(1)
    values = {key: value.strip("\"'") for key, value in _WP_ARGUMENT.findall(found.group(2))}
    end = scanner.closing("wordpress " + name, re.compile(r"\[/" + name + r"\]"), found.end())
    inner = scanner.text[found.end():end.start()] if end is not None else None
    stop = end.end() if end is not None else found.end()
    converted = _WORDPRESS[name](values, inner)
    if converted is None:
        scanner.note(found.start(), "wordpress", f"WordPress shortcode [{name}] needs WordPress to show: "
                     "shown as written")
        return scanner.text[found.start():stop], stop
    scanner.done(f"wordpress {name}")
    if scanner.at_line_start(found.start()):
        return block(scanner, found.start(), converted), after_block(scanner, stop)
    return converted, stop


def _caption(values: dict[str, str], inner: str | None) -> str | None:
    if inner is None:
        return None
    media = _MEDIA.match(inner)
    if media is None:
        return None
    caption = values.get("caption") or inner[media.end():].strip()
    align = re.sub(r"[^\w-]", "", values.get("align", ""))
    css = f' class="wp-caption {align}"' if align else ' class="wp-caption"'
    return f"<figure{css}>{media.group(1).strip()}<figcaption>{caption}</figcaption></figure>"


def _media(kind: str):
    def convert(values: dict[str, str], inner: str | None) -> str | None:
        source = values.get("src") or values.get("mp3") or values.get("mp4") or (inner or "").strip()
        if not re.match(r"(https?://|/)\S+$", source or ""):
            return None
        return f'<{kind} controls preload="none" src="{html.escape(source)}"></{kind}>'
    return convert


def _embed(values: dict[str, str], inner: str | None) -> str | None:
    url = (inner or "").strip()
    if not re.match(r"https?://\S+$", url):
        return None
    return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


_WORDPRESS = {
    "caption": _caption, "audio": _media("audio"), "video": _media("video"), "embed": _embed,
    "gallery": lambda values, inner: None, "playlist": lambda values, inner: None,
}
