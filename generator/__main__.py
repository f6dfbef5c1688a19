"""`python -m generator`: the `briefing` command, with MkDocs, or ProperDocs alone, installed."""

import sys

from .mkdocs import runtime  # noqa: F401 - first: `mkdocs.*` importable under ProperDocs alone
from .cli.commands import main

sys.exit(main())
