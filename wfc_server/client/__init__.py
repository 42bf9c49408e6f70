"""The ``wfc`` client: the whole CI step (diff, submit, follow, report, gate) in one command."""
