"""python -m components.snapshot OUT [--as-of DATE] [--lang en|zh|all] [--data PATH]

Writes the monitor as a static site to OUT (replaced whole: it must be new, empty, or a snapshot
built before). Exit codes: 0 built; 1 the data has problems; 2 a bad option or output folder."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from components.data_layer import DEFAULT_PATH, DataLayerError
from components.i18n import languages as interface_languages

from . import SnapshotError, build_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.snapshot", description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the folder to write the site to")
    parser.add_argument(
        "--as-of", help="build the monitor as known on this date, YYYY-MM-DD (default: the newest edition)"
    )
    parser.add_argument(
        "--lang", choices=[*interface_languages(), "all"], default="en", help="the interface language(s)"
    )
    parser.add_argument("--data", default=str(DEFAULT_PATH), help="the data folder (default: data/)")
    args = parser.parse_args(argv)

    as_of = None
    if args.as_of:
        try:
            as_of = date.fromisoformat(args.as_of)
        except ValueError:
            return _usage_error(f"--as-of {args.as_of!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-01-17")
    languages = list(interface_languages()) if args.lang == "all" else [args.lang]
    try:
        site = build_site(args.out, data=args.data, as_of=as_of, languages=languages)
    except DataLayerError as error:
        print(f"{len(error.problems)} problem(s) found in {args.data}:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except SnapshotError as error:
        return _usage_error(str(error))
    print(
        f"Wrote {len(site.pages)} pages, {site.files} files, {site.size / 1e6:.1f} MB to {site.root} in "
        f"{site.seconds:.1f} s: the monitor as known on {site.as_of}, built on {site.built_on}. "
        f"Look at it with: python -m http.server -d {site.root}"
    )
    return 0


def _usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
