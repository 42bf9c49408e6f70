"""``python -m wfc_server`` is the same as the ``wfc-server`` console script."""

from wfc_server.cli import main

raise SystemExit(main())
