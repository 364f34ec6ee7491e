"""`python -m planner` runs the app, exactly like the `planner` command."""

from planner.app import main

raise SystemExit(main())
