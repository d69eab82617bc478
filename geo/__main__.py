"""``python -m geo``: the command line (see geo.cli)."""

import sys

from geo.cli import main

sys.exit(main())
