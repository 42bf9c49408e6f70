import sys

from wfc_server.client.cli import main

sys.exit(main())
