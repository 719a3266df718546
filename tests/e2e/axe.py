"""axe-core for the browser tests: a pinned copy, fetched once from the npm registry into .cache/axe
(gitignored) and checked against the registry's sha512, and `axe_violations` to run it on a page.

    python -m tests.e2e.axe        # install (or check) the pinned copy; scripts/run_tests.sh does this

The copy sits where `npm install --no-save --prefix .cache/axe axe-core@<AXE_VERSION>` puts it, so
either command fills the same place; the version is checked again in the browser."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

from tests.e2e.app_server import REPO

AXE_VERSION = "4.14.1"
# The registry's `dist.integrity` for that version (npm view axe-core@4.14.1 dist.integrity).
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
AXE_TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
AXE_DIR = REPO / ".cache" / "axe" / "node_modules" / "axe-core"
AXE_SCRIPT = AXE_DIR / "axe.min.js"
SERIOUS = ("serious", "critical")

# Lets every finite CSS animation or transition end first (a popover fading in is not yet its colour).
SETTLE = """
async () => {
  const running = document.getAnimations().filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity);
  await Promise.all(running.map((a) => a.finished.catch(() => null)));
}
"""
# axe.run on the whole document; each violation reduced to what a reader of a failed test needs.
# No preload: it fetches the style sheets again, which a page that allows no connections (the
# snapshot's Content Security Policy) refuses with a console error.
RUN_AXE = """
async (impacts) => {
  const result = await axe.run(document, { resultTypes: ['violations'], preload: false });
  return result.violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(' ')),
      summaries: v.nodes.map((n) => n.failureSummary || ''),
    }));
}
"""


def installed_version() -> str | None:
    package = AXE_DIR / "package.json"
    if not AXE_SCRIPT.is_file() or not package.is_file():
        return None
    return json.loads(package.read_text(encoding="utf-8")).get("version")


def install() -> Path:
    """Fetch the pinned axe-core tarball, check its sha512 against AXE_INTEGRITY, and unpack it into
    AXE_DIR (as npm would). Does nothing when that version is already there."""
    if installed_version() == AXE_VERSION:
        return AXE_SCRIPT
    with urllib.request.urlopen(AXE_TARBALL, timeout=60) as response:
        tarball = response.read()
    algorithm, expected = AXE_INTEGRITY.split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        raise RuntimeError(f"{AXE_TARBALL}: {algorithm} is {actual}, expected {expected}; not installed")
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            # npm tarballs hold everything under package/; keep only plain files, nothing outside AXE_DIR.
            name = Path(member.name)
            if not member.isfile() or name.parts[0] != "package" or ".." in name.parts:
                continue
            target = AXE_DIR.joinpath(*name.parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())
    return AXE_SCRIPT


def load_into(context: BrowserContext) -> None:
    """Load axe-core into every page of `context` before the page's own scripts. Unlike a script
    tag, an init script is not subject to a page's Content Security Policy (the snapshot sets one)."""
    context.add_init_script(path=str(install()))


def axe_violations(page: Page, impacts: tuple[str, ...] = SERIOUS) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now, of the given impacts: each a dict with id,
    impact, help, helpUrl, targets (one CSS selector per failing node) and summaries (axe's
    explanation per node, e.g. the contrast ratio it found)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    version = page.evaluate("() => axe.version")
    if version != AXE_VERSION:
        raise RuntimeError(f"axe-core {version} was loaded, the tests pin {AXE_VERSION}")
    page.evaluate(SETTLE)
    return page.evaluate(RUN_AXE, list(impacts))


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as lines a person can act on: rule, impact, help, then each failing node."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for target, summary in zip(violation["targets"], violation["summaries"], strict=True):
            first_line = summary.splitlines()[1].strip() if len(summary.splitlines()) > 1 else summary
            lines.append(f"    {target}  {first_line}")
    return "\n".join(lines)


if __name__ == "__main__":
    path = install()
    print(f"axe-core {installed_version()} at {path.relative_to(REPO)}", file=sys.stdout)
