"""`python -m components.data_layer check [PATH]`: summarise the data layer, or list every problem and exit 1."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from . import DEFAULT_PATH, DataLayerError, load_data_layer


def _table(title: str, counts) -> str:
    if counts.empty:
        return f"{title} none"
    width = max(len(str(key)) for key in counts.index)
    return "\n".join([title] + [f"  {str(key).ljust(width)}  {count:>4}" for key, count in counts.items()])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.data_layer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data layer and print a summary")
    check.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="data folder (default: the repo's data/)")
    args = parser.parse_args(argv)

    try:
        layer = load_data_layer(args.path)
    except DataLayerError as error:
        print(f"{len(error.problems)} problem(s) found in {args.path}:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
