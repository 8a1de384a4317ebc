"""``python -m assessments``: the command line."""

from assessments.cli import main

raise SystemExit(main())
