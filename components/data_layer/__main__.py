"""The data layer's command line:
check [--strict] [PATH]                     summarise the data layer, or list every problem and exit 1;
                                            warn of each label with no Chinese (--strict: a problem)
changes --since DATE [--as-of DATE] [PATH]  what changed between the monitor as known on two dates
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

import pandas as pd

from . import DEFAULT_PATH, DataLayerError, edition, load_data_layer
from .changes import changes_between, describe_changes
from .translations import missing_translations


def _table(title: str, counts) -> str:
    if counts.empty:
        return f"{title} none"
    width = max(len(str(key)) for key in counts.index)
    return "\n".join([title] + [f"  {str(key).ljust(width)}  {count:>4}" for key, count in counts.items()])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.data_layer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data layer and print a summary")
    check.add_argument("--strict", action="store_true", help="count a label with no Chinese as a problem")
    changes = commands.add_parser("changes", help="list what changed between the monitor as known on two dates")
    changes.add_argument("--since", required=True, help="the earlier date, YYYY-MM-DD")
    changes.add_argument("--as-of", help="the later date, YYYY-MM-DD (default: the newest edition)")
    for command in (check, changes):
        command.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="data folder (default: data/)")
    args = parser.parse_args(argv)

    untranslated = missing_translations(args.path) if args.command == "check" else []
    as_problems = untranslated if args.command == "check" and args.strict else []
    try:
        layer = load_data_layer(args.path)
        problems = as_problems
    except DataLayerError as error:
        problems = error.problems + as_problems
    if problems:
        print(f"{len(problems)} problem(s) found in {args.path}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if args.command == "changes":
        return _changes(layer, args.since, args.as_of)

    obs = layer.observations
    pairs = layer.plan_vs_outcome
    print(
        f"OK: {args.path}: {len(obs)} observations of {obs['indicator_id'].nunique()} indicators "
        f"from {len(layer.sources)} sources; {len(pairs)} targets, {(pairs['outcome_id'] != '').sum()} with an outcome."
    )
    by_theme = pd.crosstab(obs["theme"], obs["kind"], margins=True, margins_name="total")
    print("Observations by theme and kind:\n" + by_theme.to_string(), end="\n\n")
    print(_table("Observations by source:", obs.groupby("source_id").size()))
    print(_table("Observations by measure:", obs.groupby("measure").size()))
    print(_table("Plan vs outcome by status:", layer.plan_vs_outcome["status"].value_counts()))
    print(f"Periods inferred rather than stated: {int(obs['period_inferred'].sum())}")
    for problem in untranslated:  # the app shows the English meanwhile
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SystemExit(
            _usage_error(f"{option} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-01-17")
        ) from None


def _usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _changes(layer, since_text: str, as_of_text: str | None) -> int:
    since = _date(since_text, "--since")
    as_of = _date(as_of_text, "--as-of") if as_of_text else layer.as_of
    if since > as_of:
        return _usage_error(f"--since {since} is after --as-of {as_of}")
    before, after = edition(layer, since), edition(layer, as_of)
    print(f"Changes from the monitor as known on {since} to the monitor as known on {as_of}:")
    print(describe_changes(changes_between(before, after)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
