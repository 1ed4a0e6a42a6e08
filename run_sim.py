#!/usr/bin/env python3
"""Start the cockpit demo: the same as `cockpit run`, with the same options."""

import sys

from cockpit.cli import main

if __name__ == "__main__":
    sys.exit(main(["run", *sys.argv[1:]]))
