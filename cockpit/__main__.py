"""`python -m cockpit` runs the `cockpit` command."""

import sys

from cockpit.cli import main

sys.exit(main())
