"""The `ssg` command."""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

from .. import __version__
from ..errors import BuildFailed, CommandError
from ..execution.collector import no_collection_at_exit

# Each command imports what it needs when it runs: `ssg build` with nothing to do takes
# a fraction of a second, and importing the preview server, Jinja and Markdown for it
# would double that.


def run() -> None:
    """The `ssg` command: main(), and the end of the process."""
    code = main()
    no_collection_at_exit()
    sys.exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except BuildFailed as failure:
        print(failure.report(None if getattr(args, "verbose", False) else 5), file=sys.stderr)
        return 1
    except CommandError as error:
        from .deploy import mask_secrets
        print(f"error: {mask_secrets(str(error))}", file=sys.stderr)
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
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors and warnings")
    build_cmd.add_argument("--strict", action="store_true",
                           help="fail on any warning (a misspelt key, a missing picture): for CI")
    build_cmd.add_argument("-v", "--verbose", action="store_true",
                           help="list every warning, not the first few of each kind")
    build_cmd.add_argument("-j", "--jobs", type=int, help="processes to render with (default: one per core)")
    build_cmd.add_argument("--clean", action="store_true",
                           help="ignore .ssg-cache/ and build everything again")
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

    check_cmd = commands.add_parser("check", help="find broken links, missing images and pages without metadata")
    _add_source(check_cmd)
    check_cmd.add_argument("-o", "--output", type=Path, help="the built site to check (default: site/)")
    check_cmd.set_defaults(run=_run_check)

    deploy_cmd = commands.add_parser("deploy", help="publish site/ to a git branch or with rsync")
    _add_source(deploy_cmd)
    deploy_cmd.add_argument("-o", "--output", type=Path, help="the built site to publish (default: site/)")
    deploy_cmd.add_argument("--target", choices=("git", "rsync"), help="override [deploy] target")
    deploy_cmd.add_argument("--remote", help="git remote URL or name (git target)")
    deploy_cmd.add_argument("--branch", help="branch to publish to (git target, default gh-pages)")
    deploy_cmd.add_argument("--dest", help="folder or user@host:path (rsync target)")
    deploy_cmd.add_argument("--dry-run", action="store_true", help="list what would change, change nothing")
    deploy_cmd.add_argument("--build", action="store_true", help="build first, then deploy")
    deploy_cmd.add_argument("--force", action="store_true",
                            help="deploy even after a failed build, a stale site/ or problems found by check")
    deploy_cmd.set_defaults(run=_run_deploy)

    import_cmd = commands.add_parser("import", help="bring a Jekyll, Hugo, Gatsby or WordPress archive: a new "
                                                    "site folder")
    import_cmd.add_argument("generator", choices=("jekyll", "hugo", "gatsby", "wordpress"),
                            help="what SOURCE was made for")
    import_cmd.add_argument("source", type=Path, help="the archive's folder, or WordPress's export file (only read)")
    import_cmd.add_argument("destination", type=Path, nargs="?",
                            help="the new site folder, which must not exist or be empty (default: SOURCE-ssg)")
    import_cmd.add_argument("--uploads", type=Path, metavar="DIR",
                            help="wordpress: a copy of wp-content/uploads, whose pictures the posts show (only read)")
    import_cmd.add_argument("--base-url", metavar="URL", help="wordpress: the new site's address (default: the old)")
    import_cmd.add_argument("--no-pages", action="store_true", help="wordpress: leave the pages out, posts only")
    import_cmd.set_defaults(run=_run_import)

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
    from ..build import build
    from ..progress import BuildProgress
    progress = BuildProgress(quiet=args.quiet)
    try:
        report = build(args.source, args.output, drafts=args.drafts, future=args.future, jobs=args.jobs,
                       use_cache=not args.clean, strict=args.strict, progress=progress)
    finally:
        progress.close()
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.notes:
        from ..reading.notes import grouped
        for line in grouped(report.notes, None if args.verbose else 5):
            print(line if line.startswith(" ") else f"warning: {line}", file=sys.stderr)
    if not args.quiet:
        plural = "s" if report.articles != 1 else ""
        changes = (f"{report.written} written, {report.unchanged} unchanged"
                   + (f", {report.deleted} deleted" if report.deleted else ""))
        print(f"built {report.articles} article{plural}: {report.pages} files ({changes}) "
              f"into {report.output_dir} in {report.seconds:.2f} s")
    return 0


def _run_import(args: argparse.Namespace) -> int:
    if args.generator == "wordpress":
        from .wordpress import import_wordpress
        report = import_wordpress(args.source, args.destination, args.uploads, args.base_url, not args.no_pages)
        for line in report.lines():
            print(line)
        return 1 if report.failed else 0
    if args.uploads or args.base_url or args.no_pages:
        raise CommandError("--uploads, --base-url and --no-pages are for ssg import wordpress")
    from .importer import import_archive
    report = import_archive(args.generator, args.source, args.destination)
    for line in report.lines():
        print(line)
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from .preview import ServeOptions, serve_site
    options = ServeOptions(host=args.host, port=args.port, drafts=args.drafts, future=args.future,
                           open_browser=args.open)
    serve_site(args.source, options, say=lambda line: print(line, flush=True))
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from .check import check_site, count_pages
    from ..config import load_config
    config = load_config(args.source, args.output)
    started = time.perf_counter()
    problems = check_site(config.output_dir, config.base_url)
    for problem in problems:
        print(problem)
    pages = count_pages(config.output_dir)
    print(f"checked {pages} pages in {time.perf_counter() - started:.2f} s: "
          f"{len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
    return 1 if problems else 0


def _run_deploy(args: argparse.Namespace) -> int:
    from ..incremental.buildlog import last_build
    from .check import check_site
    from ..config import load_config
    from .deploy import DeployRequest, choose_target, mask_secrets, preflight
    if args.build:
        _run_build(argparse.Namespace(source=args.source, output=args.output, drafts=False, future=False,
                                      quiet=False, jobs=None, clean=False, strict=False, verbose=False))
    config = load_config(args.source, args.output)
    request = DeployRequest(args.target, args.remote, args.branch, args.dest, args.dry_run, args.force)
    target = choose_target(config, request)
    say = functools.partial(print, file=sys.stderr)
    preflight(config, last_build(config.root, config.output_dir),
              check_site(config.output_dir, config.base_url), args.force, say)
    result = target.deploy(dry_run=args.dry_run)
    if args.dry_run:
        for line in result.plan.lines():
            print(line)
        print(f"dry run: would send {result.plan.summary()}; nothing was changed", file=sys.stderr)
    elif result.published:
        print(f"deployed: {result.plan.summary()} ({mask_secrets(result.detail)})", file=sys.stderr)
    else:
        print("nothing changed since the last deploy", file=sys.stderr)
    return 0


def _run_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_article, new_site
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
