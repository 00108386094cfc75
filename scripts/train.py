"""Train from a YAML config: the same as ``arapol train CONFIG``."""

import sys

from arapol.cli import main

if __name__ == "__main__":
    sys.exit(main(["train", *sys.argv[1:]]))
