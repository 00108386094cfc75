"""``python -m arapol``: the ``arapol`` command (as ``python -m arapol.cli``)."""

import sys

from .cli import main

sys.exit(main())
