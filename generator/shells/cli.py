"""`briefing`: check, generate, init and new, for contributors, CI and pre-commit.

Exit codes: 0 clean (or warnings only), 1 problems in the input, 2 misuse of the command.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path

from .. import __version__
from ..core.validate import stale_stances
from ..load.project import load_project
from ..pipeline import analyse, generate_streams
from . import project_files, scaffold
from .gc_pause import collector_paused
from .output import check_out_dir, write_tree
from .report import Refused, print_problems, summary

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _project_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: no such folder")
    return path


# The loaded briefing of the command that ran, kept so it is not torn down object by object when the
# command returns: `run()` leaves with os._exit (see there).
_RETAINED: list[object] = []


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r}: a whole number of days")
    return int(value)


def _jobs(value: str) -> int:
    if value not in ("1", "2"):
        raise argparse.ArgumentTypeError(f"{value!r}: 1 or 2")
    return int(value)


def cmd_check(args: argparse.Namespace) -> int:
    project = load_project(args.dir)
    analysis = analyse(project)
    _RETAINED.append(analysis)
    if args.stale is not None:
        stale_stances(project.corpus, analysis.mentions, args.stale, project.problems)
    print_problems(project.problems)
    if project.problems.items or not args.quiet:
        print(f"briefing check: {summary(project.problems)}", file=sys.stderr)
    return EXIT_PROBLEMS if project.problems.has_errors else EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    check_out_dir(args.dir, args.out)
    project = load_project(args.dir)
    analysis = analyse(project)
    _RETAINED.append(analysis)
    print_problems(project.problems)
    if project.problems.has_errors:
        print(f"briefing generate: {summary(project.problems)}; nothing written", file=sys.stderr)
        return EXIT_PROBLEMS
    # The located YAML of every profile served the checks; the pages never read it. Dropped, its
    # memory is reused for the pages (tens of megabytes on a large briefing).
    project.documents.clear()
    streams = generate_streams(analysis, project_files.options(args.dir))
    if args.jobs == 1:
        streams = [itertools.chain(*streams)]
    count, written, unchanged, removed = write_tree(args.out, *streams)
    print(f"briefing generate: {count} pages in {args.out} ({written} written, {unchanged} unchanged, {removed} removed)", file=sys.stderr)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    created = scaffold.init_project(args.dir, args.name)
    print(f"briefing init: created {len(created)} files in {args.dir}; next: cd {args.dir} && mkdocs serve", file=sys.stderr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    path = scaffold.new_file(args.dir, args.kind, args.id, name=args.name, actor_kind=args.actor_kind)
    print(path.as_posix())
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="briefing", description="Seed articles and YAML profiles into a MkDocs briefing site.")
    top.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate a project: PATH:LINE:COL lines, exit 1 on errors")
    check.add_argument("dir", nargs="?", default=Path("."), type=_project_dir, help="project folder (default: .)")
    check.add_argument("-q", "--quiet", action="store_true", help="print nothing when there is no problem")
    check.add_argument(
        "--stale", type=_days, metavar="DAYS",
        help="also warn about current stances whose as_of is more than DAYS days before the newest article mentioning the actor",
    )
    check.set_defaults(run=cmd_check)

    gen = sub.add_parser("generate", help="write the generated Markdown tree")
    gen.add_argument("dir", nargs="?", default=Path("."), type=_project_dir, help="project folder (default: .)")
    gen.add_argument("--out", required=True, type=Path, help="output folder (only files briefing wrote there are replaced)")
    gen.add_argument(
        "-j", "--jobs", type=_jobs, default=2 if (os.cpu_count() or 1) > 1 else 1, metavar="{1,2}",
        help="processes writing pages: 2 (the default on a machine with two cores or more) is faster; "
        "1 uses about half the memory on a large briefing",
    )
    gen.set_defaults(run=cmd_generate)

    init = sub.add_parser("init", help="create a new briefing project")
    init.add_argument("dir", type=Path)
    init.add_argument("--name", default=None, help="site name (default: from the folder name)")
    init.set_defaults(run=cmd_init)

    new = sub.add_parser("new", help="write a commented template for a new actor, topic or event")
    new.add_argument("kind", choices=["actor", "topic", "event"])
    new.add_argument("id", help="the new id: lowercase letters, digits and hyphens")
    new.add_argument("--name", default=None, help="display name or title")
    new.add_argument("--kind", dest="actor_kind", default=None, help="actor kind: person, state, organization, government-body, group")
    new.add_argument("--dir", default=Path("."), type=_project_dir, help="project folder (default: .)")
    new.set_defaults(run=cmd_new)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    with collector_paused():
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
    os._exit(code)


if __name__ == "__main__":
    run()
