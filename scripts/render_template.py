"""Fill ${NAME} placeholders of config templates from the environment (like envsubst).

    python scripts/render_template.py TEMPLATE OUTPUT [TEMPLATE OUTPUT ...]

A placeholder with no variable set stops with an error naming it, so a config is never written
half-filled. nginx's own $variables (no braces) are left alone.
"""

from __future__ import annotations

import os
import re
import sys

PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


def render(text: str) -> str:
    missing = sorted({name for name in PLACEHOLDER.findall(text) if name not in os.environ})
    if missing:
        raise SystemExit(f"Set {', '.join(missing)} to fill the template.")
    return PLACEHOLDER.sub(lambda match: os.environ[match.group(1)], text)


def main(arguments: list[str]) -> None:
    if not arguments or len(arguments) % 2:
        raise SystemExit(__doc__)
    for template, output in zip(arguments[::2], arguments[1::2], strict=True):
        with open(template, encoding="utf-8") as source:
            text = render(source.read())
        with open(output, "w", encoding="utf-8") as target:
            target.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
