"""The `ssg` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .build import build
from .errors import BuildFailed
from .preview import ServeError, ServeOptions, serve_site
from .scaffold import ScaffoldError, new_article, new_site


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except BuildFailed as failure:
        print(failure.report(), file=sys.stderr)
        return 1
    except (ScaffoldError, ServeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the previous site/ is unchanged", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ssg", description="Static site generator for article archives, "
                                                             "Arabic and right-to-left first.")
    parser.add_argument("--version", action="version", version=f"ssg {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    build_cmd = commands.add_parser("build", help="build the site into site/")
    _add_source(build_cmd)
    build_cmd.add_argument("-o", "--output", type=Path, help="output folder (default: site/ in the site folder)")
    build_cmd.add_argument("--drafts", action="store_true", help="include articles with draft: true")
    build_cmd.add_argument("--future", action="store_true", help="include articles dated in the future")
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    build_cmd.set_defaults(run=_run_build)

    serve_cmd = commands.add_parser("serve", help="preview the site: rebuilds on save and reloads the browser")
    _add_source(serve_cmd)
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="address to listen on (default 127.0.0.1: this computer only)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    serve_cmd.add_argument("--drafts", action="store_true", help="include articles with draft: true")
    serve_cmd.add_argument("--future", action="store_true", help="include articles dated in the future")
    serve_cmd.add_argument("--open", action="store_true", help="open the site in the web browser")
    serve_cmd.set_defaults(run=_run_serve)

    new_cmd = commands.add_parser("new", help="start a site, or an article: ssg new article \"عنوان\"")
    new_cmd.add_argument("what", nargs="*", metavar="ARG",
                         help="nothing or a folder for a new site; `article TITLE` for a new article")
    _add_source(new_cmd)
    new_cmd.add_argument("--lang", help="the article's language, when not the site's")
    new_cmd.set_defaults(run=_run_new)
    return parser


def _add_source(command: argparse.ArgumentParser) -> None:
    command.add_argument("-s", "--source", type=Path, default=Path("."),
                         help="the site folder, with site.toml and content/ (default: here)")


def _run_build(args: argparse.Namespace) -> int:
    report = build(args.source, args.output, drafts=args.drafts, future=args.future)
    for warning in report.site.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet:
        articles = len(report.site.articles)
        print(f"built {articles} article{'s' if articles != 1 else ''}: {report.written.pages} pages, "
              f"{report.written.files} files into {report.written.output_dir} in {report.seconds:.2f} s")
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    options = ServeOptions(host=args.host, port=args.port, drafts=args.drafts, future=args.future,
                           open_browser=args.open)
    serve_site(args.source, options, say=lambda line: print(line, flush=True))
    return 0


def _run_new(args: argparse.Namespace) -> int:
    what = args.what
    if what and what[0] == "article":
        if len(what) != 2:
            raise ScaffoldError('usage: ssg new article "TITLE" [-s DIR] [--lang en]')
        path = new_article(args.source, what[1], lang=args.lang)
        print(f"wrote {path}")
        return 0
    if len(what) > 1:
        raise ScaffoldError("usage: ssg new [DIR]   or   ssg new article \"TITLE\"")
    folder = Path(what[0]) if what else args.source
    new_site(folder)
    print(f"started a site in {folder}: edit {folder / 'site.toml'}, then `ssg new article \"عنوان\"`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
