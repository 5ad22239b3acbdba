"""`python -m tui` runs the claimdiff command line."""

from tui.cli import main

raise SystemExit(main())
