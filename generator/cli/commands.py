"""`briefing`: check, generate, init, new, serve and build, for contributors, CI and pre-commit.

Exit codes: 0 clean (or warnings only), 1 problems in the input, 2 misuse of the command.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from .. import __version__
from ..mkdocs import runtime  # noqa: F401 - first: `mkdocs.*` importable under ProperDocs alone (serve)
from .. import fast
from ..core.validate import stale_stances
from ..model import ACTOR_KINDS
from ..load.project import load_project
from ..session.pipeline import analyse
from . import project_files
from . import scaffold
from ..session import processes
from . import tool_pin
from ..session.memory import collector_paused
from .checked import RETAINED, page_streams
from .output import check_out_dir, write_tree
from .report import Refused, print_problems, print_readings, summary

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _project_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: no such folder")
    return path


def _find_project(start: Path) -> Path:
    """The briefing project `start` is in: the nearest folder, from `start` up, with a seeds/ folder
    (so `briefing check` works from seeds/actors/ too); `start` itself when there is none."""
    for folder in (start, *start.resolve().parents):
        if (folder / "seeds").is_dir():
            return folder
    return start


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r}: a whole number of days")
    return int(value)


def _jobs(value: str) -> int:
    if value not in ("1", "2"):
        raise argparse.ArgumentTypeError(f"{value!r}: 1 or 2")
    return int(value)


def cmd_check(args: argparse.Namespace) -> int:
    root = args.dir if args.dir is not None else _find_project(Path("."))
    project = load_project(root)
    analysis = analyse(project)
    RETAINED.append(analysis)
    if args.stale is not None:
        stale_stances(project.corpus, analysis.mentions, args.stale, project.problems)
    project.problems.extend(project_files.leftover_todos(root))
    project.problems.extend(project_files.docs_and_site(root))  # links in docs/, site/ linked or tracked by git
    # Findings on stdout, as linters write them (`briefing check > report.txt`); the summary on stderr.
    print_problems(project.problems, sys.stdout, root=root)
    if args.verbose:
        print_readings(project.corpus, root, sys.stdout)
    sys.stdout.flush()  # the findings before the summary where both reach one terminal or log
    if project.problems.items or not args.quiet:
        print(f"briefing check: {summary(project.problems)}", file=sys.stderr)
    return EXIT_PROBLEMS if project.problems.has_errors else EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    check_out_dir(args.dir, args.out, in_place=args.in_place)
    generated = page_streams(args.dir, "generate", args.jobs)
    if generated is None:
        return EXIT_PROBLEMS
    streams, _ = generated
    count, written, unchanged, removed = write_tree(args.out, *streams, in_place=args.in_place)
    print(f"briefing generate: {count} pages in {args.out} ({written} written, {unchanged} unchanged, {removed} removed)", file=sys.stderr)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    created = scaffold.init_project(args.dir, args.name, tool_source=args.tool_source)
    source, known = tool_pin.tool_source(args.tool_source)
    if not known:
        print(f"briefing init: warning: requirements.txt and .pre-commit-config.yaml name {source}, a placeholder: "
              "this copy of briefing does not know its repository; put its git URL there (or run init with "
              "--tool-source URL) before pushing", file=sys.stderr)
    # The commands by their path in the virtual environment that runs this one: they work whether or
    # not it is activated.
    bin_dir = Path(sys.executable).parent
    print(f"briefing init: created {len(created)} files in {args.dir}; next: cd {args.dir} && {bin_dir / 'briefing'} serve", file=sys.stderr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    if args.kind == "actor" and args.actor_kind is None:
        print(f"briefing new actor: --kind is required: one of {', '.join(ACTOR_KINDS)}", file=sys.stderr)
        return EXIT_USAGE
    root = args.dir if args.dir is not None else _find_project(Path("."))
    path = scaffold.new_file(root, args.kind, args.id, name=args.name, actor_kind=args.actor_kind)
    print(path.as_posix())
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from ..serve.server import serve  # imports MkDocs: not needed by the other commands

    config_file = args.config_file
    if config_file is None:
        config_file = str(_find_project(Path(".")) / "mkdocs.yml")
    if not Path(config_file).is_file():
        raise Refused(f"{config_file}: no such file (run it in a briefing project, or give -f mkdocs.yml)")
    serve(config_file, args.dev_addr, full=args.full, open_in_browser=args.open, verbose=args.verbose)
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    """`briefing build`: `mkdocs build` as it is, or with `--with zensical` the site built by Zensical
    and finished as the plugin finishes it under MkDocs (generator/zensical/)."""
    if args.builder == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build"]
        for flag, value in (("-f", args.config_file), ("-d", args.site_dir)):
            if value is not None:
                command += [flag, value]
        command += [flag for flag, on in (("--strict", args.strict), ("--dirty", args.dirty), ("-q", args.quiet), ("-v", args.verbose)) if on]
        import subprocess  # only here: the other commands run nothing

        return subprocess.run(command + args.mkdocs_args, check=False).returncode
    from ..zensical import build as zensical_build  # imports MkDocs' helpers: not needed by the other commands

    if args.site_dir is not None or args.dirty or args.mkdocs_args:
        raise Refused("--with zensical builds into WORK/site (--work WORK); -d, --dirty and MkDocs' own options are for MkDocs")
    root = Path(args.config_file).parent if args.config_file else _find_project(Path("."))
    if not (root / "mkdocs.yml").is_file():
        raise Refused(f"{root / 'mkdocs.yml'}: no such file (run it in a briefing project, or give -f mkdocs.yml)")
    from mkdocs.exceptions import PluginError

    try:
        built = zensical_build.build(root, args.work, jobs=args.jobs, strict=args.strict, clean_cache=args.clean_cache)
    except PluginError as error:  # Pagefind's refusals, as under MkDocs
        raise Refused(str(error)) from None
    if built is None:
        return EXIT_PROBLEMS
    took = ", ".join(f"{name} {value:.1f} s" for name, value in built.seconds.items())
    print(f"briefing build: {built.site} built by Zensical from {built.pages} files ({built.written} written); "
          f"search: {built.search}; {took}. Preview: zensical serve -f {built.config}", file=sys.stderr)
    return EXIT_OK


def _add_jobs(command: argparse.ArgumentParser, help: str) -> None:
    command.add_argument("-j", "--jobs", type=_jobs, default=2 if processes.cores() > 1 else 1, metavar="{1,2}", help=help)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="briefing", description="Seed articles and YAML profiles into a MkDocs briefing site.")
    top.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser(
        "check", help="validate a project: PATH:LINE:COL lines, exit 1 on errors",
        description="Validate every file under seeds/ (YAML syntax, keys and values, references, quotes) and print "
        "each problem as PATH:LINE[:COL]: error|warning: MESSAGE on stdout, paths relative to the current folder "
        "(with GITHUB_ACTIONS=true, each also as an ::error/::warning annotation); the one-line summary on stderr. "
        "Exit 0 when there is no error (warnings allowed), 1 on errors, 2 on misuse.",
    )
    check.add_argument("dir", nargs="?", default=None, type=_project_dir,
                       help="project folder (default: the project the current folder is in)")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing when there is no problem")
    check.add_argument("-v", "--verbose", action="store_true",
                       help="also print, for each article, where its title, date, outlet, byline, place and language were read "
                       "(sidecar, headline line, timestamp line, dateline, <meta>, e-mail header, detected) as note lines")
    check.add_argument(
        "--stale", type=_days, metavar="DAYS",
        help="also warn about current stances whose as_of is more than DAYS days before the newest article mentioning the actor",
    )
    check.set_defaults(run=cmd_check)

    gen = sub.add_parser(
        "generate", help="write the generated Markdown tree",
        description="Write every generated page as Markdown to OUT (same inputs, same bytes). Refuses on errors in seeds/; "
        "replaces only the files it wrote before (OUT/.briefing-manifest).",
    )
    gen.add_argument("dir", nargs="?", default=Path("."), type=_project_dir, help="project folder (default: .)")
    gen.add_argument("--out", required=True, type=Path, help="output folder (only files briefing wrote there are replaced)")
    _add_jobs(gen, "processes writing pages: 2 (the default on a machine with two cores or more) is faster; "
              "1 uses about half the memory on a large briefing")
    gen.add_argument("--in-place", action="store_true",
                     help="write into OUT itself, each changed page renamed over the old one, instead of a new tree swapped in "
                     "whole: a server watching OUT (zensical serve) sees the edits; an interrupted run may leave new and old pages mixed")
    gen.set_defaults(run=cmd_generate)

    init = sub.add_parser(
        "init", help="create a new briefing project",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Create a new briefing project in DIR, ready to push: a team works on it in pull requests the "
        "same day.\n`mkdocs build --strict` builds it as it is; `briefing serve` previews it. It writes:\n\n"
        + scaffold.init_listing(),
    )
    init.add_argument("dir", type=Path, help="the new project's folder (must not exist, or be empty)")
    init.add_argument("--name", default=None, help="site name (default: from the folder name)")
    init.add_argument("--tool-source", default=None, metavar="URL",
                      help="the git repository CI and pre-commit install this tool from, at the tag "
                      f"v{__version__} (default: where this copy was installed from, or its checkout's origin)")
    init.set_defaults(run=cmd_init)

    new = sub.add_parser(
        "new", help="write a commented template for a new actor, topic or event",
        description="Write seeds/<actors|topics|events>/ID.yaml from a commented template. Its TODO values are errors "
        "in `briefing check` until filled in; `briefing serve` previews the rest meanwhile. Never overwrites.",
    )
    new.add_argument("kind", choices=["actor", "topic", "event"], help="what to create")
    new.add_argument("id", metavar="ID_OR_NAME",
                     help="the new id, which is the file name: lowercase letters, digits and single hyphens; or a name in "
                     "quotes, made into the id (\"Vincent Clerc\" -> vincent-clerc) and used as the name")
    new.add_argument("--name", default=None, help="display name (actor) or title (topic, event); default: the name given, or from the id")
    new.add_argument("--kind", dest="actor_kind", default=None, choices=ACTOR_KINDS,
                     help="required for an actor: what it is")
    new.add_argument("--dir", default=None, type=_project_dir,
                     help="project folder (default: the project the current folder is in)")
    new.set_defaults(run=cmd_new)

    build = sub.add_parser(
        "build", help="build the site: mkdocs build, or with --with zensical, Zensical",
        description="Build the site. Without --with (or --with mkdocs): `mkdocs build` with the options given. With --with "
        "zensical: generate the pages (and docs/) into WORK/docs, in place, have Zensical build WORK/site from "
        "WORK/mkdocs.yml (which inherits mkdocs.yml), then add what the briefing plugin adds under MkDocs: the feed link "
        "in every page, Pagefind search (Zensical's own search off), the site's assets, escaped titles, graph links "
        "that resolve. Zensical must be installed: pip install 'briefing[zensical]'.",
    )
    build.add_argument("--with", dest="builder", choices=("mkdocs", "zensical"), default="mkdocs", help="the builder (default: mkdocs)")
    build.add_argument("-f", "--config-file", default=None, metavar="FILE", help="the project's mkdocs.yml (default: the project the current folder is in)")
    build.add_argument("-d", "--site-dir", default=None, metavar="DIR", help="mkdocs: the site folder")
    build.add_argument("-s", "--strict", action="store_true", help="fail on warnings")
    build.add_argument("--dirty", action="store_true", help="mkdocs: build only changed files")
    build.add_argument("-q", "--quiet", action="store_true", help="mkdocs: fewer messages")
    build.add_argument("-v", "--verbose", action="store_true", help="mkdocs: more messages")
    build.add_argument("--work", type=Path, default=None, metavar="WORK",
                       help="zensical: the folder of its mkdocs.yml, docs/ and site/ (default: build/zensical in the project)")
    build.add_argument("--clean-cache", action="store_true", help="zensical: build without its cache (a cold build)")
    _add_jobs(build, "zensical: processes writing pages (as generate)")
    build.add_argument("mkdocs_args", nargs="*", metavar="-- MKDOCS_OPTION",
                       help="mkdocs: further options for mkdocs build, after --")
    build.set_defaults(run=cmd_build)

    serve = sub.add_parser(
        "serve", help="preview the site, rebuilding only what a saved edit changes",
        description="Serve the site on http://127.0.0.1:8000/ like `mkdocs serve`, with live reload. A saved edit under "
        "seeds/ rebuilds only the pages whose text it changes (a second process makes half of them); Pagefind updates "
        "search a few seconds later. mkdocs.yml, docs/, new or deleted files and errors make a whole build, as "
        "`mkdocs serve` does. The served site is the one `mkdocs build` makes.",
    )
    serve.add_argument("-a", "--dev-addr", default=None, metavar="IP:PORT", help="address to serve on (default: mkdocs.yml's dev_addr, 127.0.0.1:8000)")
    serve.add_argument("-f", "--config-file", default=None, metavar="FILE", help="mkdocs.yml to use (default: the project the current folder is in)")
    serve.add_argument("-o", "--open", action="store_true", help="open the preview in a browser")
    serve.add_argument("--full", action="store_true", help="make every rebuild a whole MkDocs build (as `mkdocs serve`)")
    serve.add_argument("-v", "--verbose", action="store_true", help="also print where each rebuild's time went")
    serve.set_defaults(run=cmd_serve)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    project = getattr(args, "dir", None)
    if isinstance(project, Path) and args.command in ("check", "generate"):
        fast.configure(project_files.fast_setting(project))
    # A one-shot command builds one large graph of objects and keeps it (memory.py); a server lives
    # on, and the plugin pauses the collector where it reads seeds and makes pages.
    with collector_paused() if args.command != "serve" else contextlib.nullcontext():
        try:
            return args.run(args)
        except Refused as refusal:  # one place for every command's "won't do that": exit 2
            print(f"briefing {args.command}: {refusal}", file=sys.stderr)
            return EXIT_USAGE


def run() -> None:
    """The `briefing` command. Leaves without tearing down the loaded briefing object by object
    (a second or more on a large one, for memory the system takes back anyway); output is flushed
    first. `main()` itself returns normally, for callers in Python."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    if not fast.on("exit_without_teardown"):
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    run()
